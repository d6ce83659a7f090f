import type { Locator, Page } from '@playwright/test';
import { expect, type PageProblems } from '../fixtures';
import { langs, literal, tr, type Lang } from './locales';
import type { Dice } from './wander';
import { drawnClusters, type DrawnMark } from './map-marks';

/**
 * What a person can do on each screen of the app, and what the screen must show afterwards: the
 * moves of the random walk in `wander.ts`. Everything is found by role, label or visible text in
 * the language the URL names, read from the locale files.
 */

export const phoneSize = { width: 360, height: 740 };
export const laptopSize = { width: 1366, height: 768 };

/** Back, Forward and reload wait for the page to load; a page that never does is a failure. */
const navigationTimeout = 15_000;
/** Any single click, fill or read. */
const actionTimeout = 15_000;

/** How people write their town: any language, any case, accents or not, postal codes, typos. */
const townSpellings = [
  'mons', 'Mons', 'bergen', '7000', 'Liège', 'liege', 'Luik', 'Lüttich', '4000', 'namur', 'Namen', '5000',
  'Tournai', 'doornik', '7500', 'arlon', 'Aarlen', 'Mouscron', 'moeskroen', 'Eupen', 'charleroi', 'La Louvière',
  'St Ghislain', 'wavre', '1300', 'Braine', 'xyzzy',
];
const levels = ['none', 'starter', 'basic', 'medium', 'good', 'very_good', 'unknown'];
const keywords = ['lasser', 'verpleeg', 'chauffeur', 'magazijn', 'kok', 'a', 'zzz', 'é'];
const contracts = ['', 'permanent', 'fixed_term', 'interim', 'apprenticeship'];
const regimes = ['', 'full_time', 'part_time'];
const reaches = ['within', 'course', 'all'];
/** Towns a counsellor adds at the desk, and occupations typed there (one matches nothing). */
const deskTowns = ['mons', 'Tournai', '7500', 'Namur', 'Luik', 'Arlon', 'Mouscron', 'wavre', 'xyzzy'];
const deskOccupations = ['welder', 'Lasser', 'soudeur', 'nurse', 'chauffeur', '8332', 'astronaut'];
const deskColumns = ['col_town', 'col_level', 'col_occupation', 'col_contract', 'col_published'];
/** Areas of the zone analysis: small and large, west to east. */
const zoneAreas = ['zone:west', 'zone:centre', 'arr:53', 'arr:57', 'arr:63', 'town:57081', 'town:25112'];
const formValues: Record<string, string[]> = {
  field_first_name: ['Amélie', '', 'Jean-Marie', 'Ünal'],
  field_last_name: ['Dupont', '', "D'Hondt", 'Van den Berghe'],
  field_email: ['amelie@example.be', 'pas-une-adresse', '', 'jean.lambert@example.be'],
  field_phone: ['0470 12 34 56', '12', '', '+32 65 12 34 56'],
  field_forem: ['123456', '', 'abc'],
  field_message: ['Je suis disponible dès lundi.', '', 'Ik spreek een beetje Nederlands.\nTot ziens!'],
};

type Screen = 'start' | 'results' | 'vacancy' | 'applications' | 'desk' | 'handover' | 'zone' | 'elsewhere';

/** One thing a person may do now; `weight` is how likely it is against the others. */
export type Move = { weight: number; what: string; run: () => Promise<void> };

export class Moves {
  /** The page's `lang` when the URL names none. */
  private pageLang: Lang = 'fr';

  constructor(
    readonly page: Page,
    readonly problems: PageProblems,
    private readonly dice: Dice,
    /** Rewrites the current step's log line once the move knows what it did. */
    private readonly say: (what: string) => void,
  ) {
    // No click or navigation may wait for ever (the config sets no action timeout).
    page.setDefaultTimeout(actionTimeout);
  }

  async openStart(lang: Lang): Promise<void> {
    await this.page.goto(`/?lang=${lang}`);
    await expect(this.townInput()).toBeVisible({ timeout: 30_000 });
  }

  /** One of the moves the current screen offers, chosen by weight. */
  async pick(): Promise<Move> {
    return this.dice.weighted(await this.possibleMoves());
  }

  // ---------- what the person sees ----------

  /** The language in the URL (the app's own links always carry it), else the page's as last seen. */
  private langNow(): Lang {
    const inUrl = new URL(this.page.url()).searchParams.get('lang');
    return inUrl && (langs as string[]).includes(inUrl) ? (inUrl as Lang) : this.pageLang;
  }

  private t(key: string, vars?: Record<string, string | number>): string {
    return tr(this.langNow(), key, vars);
  }

  /** The translated text of `key` as a pattern, each placeholder matching `holes[name]`. */
  private pattern(key: string, holes: Record<string, string>, anchored = false): RegExp {
    const names = Object.keys(holes);
    let source = literal(this.t(key, Object.fromEntries(names.map((n, i) => [n, `@@${i}@@`])))).source;
    names.forEach((name, i) => {
      source = source.replace(`@@${i}@@`, holes[name]);
    });
    return new RegExp(anchored ? `^${source}` : source);
  }

  private screen(): Screen {
    const url = new URL(this.page.url());
    if (url.pathname === '/') return 'start';
    if (url.pathname === '/jobs') return url.searchParams.has('vacancy') ? 'vacancy' : 'results';
    if (url.pathname === '/applications') return 'applications';
    if (url.pathname === '/desk') return 'desk';
    if (url.pathname === '/shortlist') return 'handover';
    if (url.pathname === '/zone') return 'zone';
    return 'elsewhere';
  }

  private isPhoneSize(): boolean {
    return (this.page.viewportSize()?.width ?? laptopSize.width) < 900;
  }

  private languageSelect(): Locator {
    return this.page.getByRole('banner').getByRole('combobox', { name: this.t('language_label') });
  }

  private townInput(): Locator {
    return this.page.getByRole('combobox', { name: this.t('town_label') });
  }

  private resultsHeading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.pattern('results_title', { town: '.+' }) });
  }

  private list(): Locator {
    return this.page.getByRole('list', { name: this.t('list_label') });
  }

  private cards(): Locator {
    return this.list().getByRole('link');
  }

  private listOrEmpty(): Locator {
    return this.list().or(this.page.getByText(this.t('list_empty')));
  }

  private tab(which: 'list' | 'map'): Locator {
    return which === 'list'
      ? this.page.getByRole('tab', { name: this.pattern('tab_list', {}, true) })
      : this.page.getByRole('tab', { name: this.t('tab_map'), exact: true });
  }

  private map(): Locator {
    return this.page.getByRole('region', { name: this.pattern('map_label', { town: '.+' }) });
  }

  /** On a phone-sized screen with the Map tab chosen, the list, the filters and the vacancy are hidden. */
  private async mapTabShown(): Promise<boolean> {
    const screen = this.screen();
    if (!this.isPhoneSize() || (screen !== 'results' && screen !== 'vacancy')) return false;
    const tab = this.tab('map');
    return (await tab.isVisible()) && (await tab.getAttribute('aria-selected')) === 'true';
  }

  private field(key: string): Locator {
    return this.page.getByRole('textbox', { name: this.pattern(key, {}, true) });
  }

  private applyButton(): Locator {
    return this.page.getByRole('button', { name: this.t('detail_apply'), exact: true });
  }

  private keywordBox(): Locator {
    return this.page.getByRole('searchbox', { name: this.t('filter_keyword') });
  }

  // ---------- the invariant ----------

  /** The app is alive: no errors, header and main there, and the screen is the one the URL names. */
  async expectAlive(): Promise<void> {
    this.expectNoProblems();
    const page = this.page;
    const timeout = 15_000;
    // The app states its language once it has drawn (a link without `lang` opens in the browser's).
    await expect(page.getByRole('banner')).toBeVisible({ timeout });
    if (!new URL(page.url()).searchParams.has('lang')) {
      const onPage = await page.locator('html').getAttribute('lang');
      if ((langs as string[]).includes(onPage ?? '')) this.pageLang = onPage as Lang;
    }
    const lang = this.langNow();
    await expect(this.languageSelect(), 'the language select shows the language the URL names').toHaveValue(lang, { timeout });
    await expect(page.locator('html'), 'the page language follows the URL').toHaveAttribute('lang', lang, { timeout });
    await expect(page.getByRole('main')).toBeVisible({ timeout });
    switch (this.screen()) {
      case 'start':
        await expect(page.getByRole('heading', { level: 1, name: this.t('start_title') })).toBeVisible({ timeout });
        await expect(this.townInput()).toBeVisible({ timeout });
        break;
      case 'results':
        await expect(this.resultsHeading()).toBeVisible({ timeout });
        await expect(page.getByRole('article')).toHaveCount(0, { timeout });
        if (!(await this.mapTabShown())) await expect(this.listOrEmpty()).toBeVisible({ timeout });
        break;
      case 'vacancy': {
        await expect(this.resultsHeading()).toBeVisible({ timeout });
        const article = page.getByRole('article', { includeHidden: true });
        await expect(article).toHaveCount(1, { timeout });
        if (!(await this.mapTabShown())) {
          await expect(page.getByRole('article').getByRole('heading', { level: 2 })).toBeVisible({ timeout });
        }
        await expect(this.list()).toHaveCount(0, { timeout });
        break;
      }
      case 'applications':
        await expect(page.getByRole('heading', { level: 1, name: this.t('applications_title') })).toBeVisible({ timeout });
        await expect(page.getByText(this.t('applications_empty')).or(page.getByRole('button', { name: this.pattern('applications_delete_named', { reference: '.+' }) }).first())).toBeVisible({ timeout });
        break;
      case 'desk':
        await expect(page.getByRole('heading', { level: 1, name: this.t('desk_title') })).toBeVisible({ timeout });
        await expect(page.getByRole('group', { name: this.t('desk_towns_legend') })).toBeVisible({ timeout });
        break;
      case 'handover':
        await expect(page.getByRole('heading', { level: 1, name: this.t('handover_title') })).toBeVisible({ timeout });
        break;
      case 'zone':
        await expect(page.getByRole('heading', { level: 1, name: this.t('zone_title') })).toBeVisible({ timeout });
        await expect(page.getByRole('combobox', { name: this.t('zone_area') })).toBeVisible({ timeout });
        break;
      case 'elsewhere':
        throw new Error(`the walk left the app: ${page.url()}`);
    }
    this.expectNoProblems();
  }

  private expectNoProblems(): void {
    expect(this.problems.pageErrors, 'uncaught errors in the page').toEqual([]);
    expect(this.problems.consoleErrors, 'console errors').toEqual([]);
  }

  // ---------- what a person can do now ----------

  private async possibleMoves(): Promise<Move[]> {
    const screen = this.screen();
    const phone = this.isPhoneSize();
    const mapShown = await this.mapTabShown();
    const moves: Move[] = [
      { weight: 2, what: 'switch language', run: () => this.switchLanguage() },
      { weight: 3, what: 'browser Back', run: () => this.back() },
      { weight: 2, what: 'browser Forward', run: () => this.forward() },
      { weight: 1, what: 'reload', run: () => this.reload() },
      { weight: 1, what: 'resize', run: () => this.resize() },
      { weight: screen === 'applications' ? 0 : 0.7, what: 'open "my applications"', run: () => this.openApplications() },
    ];
    if (screen === 'applications') {
      moves.push(
        { weight: 3, what: 'delete an application', run: () => this.deleteApplication() },
        { weight: 2, what: 'open a vacancy from my applications', run: () => this.openFromApplications() },
      );
    }
    if (screen === 'start') {
      moves.push(
        { weight: 5, what: 'type a town', run: () => this.typeTown() },
        { weight: 3, what: 'pick a Dutch level', run: () => this.pickLevel() },
        { weight: 4, what: 'press "show jobs"', run: () => this.showJobs() },
        { weight: 0.5, what: 'press "use my location"', run: () => this.useLocation() },
        { weight: 1.5, what: 'open the counsellor desk', run: () => this.openDesk() },
      );
    }
    if (screen === 'desk') {
      const towns = await this.deskTownButtons().count();
      const shortlisted = new URL(this.page.url()).searchParams.has('shortlist');
      moves.push(
        { weight: towns < 5 ? 4 : 0, what: 'add a town at the desk', run: () => this.deskAddTown() },
        { weight: towns > 0 ? 1 : 0, what: 'remove a town at the desk', run: () => this.deskRemoveTown() },
        { weight: 1, what: "set the person's level", run: () => this.deskLevel() },
        { weight: towns > 0 ? 1 : 0, what: 'sort the desk table', run: () => this.deskSort() },
        { weight: towns > 0 ? 4 : 0, what: 'toggle a row on the shortlist', run: () => this.deskToggleRow() },
        { weight: towns > 0 ? 2 : 0, what: 'open a row of the desk table', run: () => this.deskOpenRow() },
        { weight: 1, what: 'add an occupation at the desk', run: () => this.deskOccupation() },
        { weight: 0.5, what: 'choose a contract at the desk', run: () => this.deskContract() },
        { weight: 0.5, what: "choose the person's language", run: () => this.deskHandoverLang() },
        { weight: shortlisted ? 1.5 : 0, what: 'open the hand-over link', run: () => this.deskOpenHandover() },
        { weight: 0.3, what: 'start a new intake', run: () => this.deskNewIntake() },
        { weight: 0.7, what: 'open the zone analysis', run: () => this.openZone() },
      );
    }
    if (screen === 'zone') {
      const area = new URL(this.page.url()).searchParams.has('area');
      moves.push(
        { weight: 3, what: 'choose a zone, arrondissement or town', run: () => this.zoneArea() },
        { weight: area ? 2 : 0, what: 'sort the zone table', run: () => this.zoneSort() },
        { weight: area ? 1 : 0, what: 'toggle "bottleneck occupations only"', run: () => this.zoneBottleneck() },
        { weight: 1, what: 'go back to the desk by its link', run: () => this.zoneBackToDesk() },
      );
    }
    if (screen === 'handover') {
      moves.push(
        { weight: 2, what: 'open a vacancy from the hand-over', run: () => this.handoverOpenVacancy() },
        { weight: 1, what: 'see every job around the first town', run: () => this.handoverAllJobs() },
      );
    }
    if (screen === 'results' || screen === 'vacancy') {
      moves.push(
        { weight: 1, what: 'press "change search"', run: () => this.changeSearch() },
        { weight: 0.5, what: 'press the Passerelle name in the header', run: () => this.brand() },
      );
      if (phone) moves.push({ weight: 2, what: 'switch list/map tab', run: () => this.switchTab() });
      if (!phone || mapShown) {
        moves.push(
          { weight: 2, what: 'click a map cluster', run: () => this.clickCluster() },
          { weight: 1, what: 'click somewhere on the map', run: () => this.clickMap() },
          { weight: 1, what: 'zoom the map in or out', run: () => this.zoom() },
        );
      }
    }
    if (screen === 'results' && !mapShown) {
      // With nothing listed a person widens the search rather than looking for a card. "Nothing
      // yet" is not "nothing": wait for the count, so that a replay weighs the moves the same.
      let listed = await this.list().isVisible();
      if (!listed) {
        await this.expectCountFinal();
        listed = await this.list().isVisible();
      }
      const levelKnown = new URL(this.page.url()).searchParams.has('level');
      moves.push(
        { weight: listed ? 8 : 0, what: 'open a vacancy from the list', run: () => this.openFromList() },
        { weight: 1.5, what: 'press "show more"', run: () => this.showMore() },
        { weight: levelKnown ? 1 : 0, what: 'change the Dutch reach filter', run: () => this.filterReach() },
        { weight: 1, what: 'move the radius slider', run: () => this.filterRadius() },
        { weight: listed ? 1.5 : 3, what: 'type or clear a keyword', run: () => this.filterKeyword() },
        { weight: 1, what: 'choose a contract', run: () => this.filterSelect('filter_contract', contracts) },
        { weight: 1, what: 'choose a working time', run: () => this.filterSelect('filter_regime', regimes) },
        { weight: 1, what: 'toggle "bottleneck jobs only"', run: () => this.filterBottleneck() },
        { weight: listed ? 0.5 : 3, what: 'press "reset filters"', run: () => this.resetFilters() },
      );
    }
    if (screen === 'vacancy' && !mapShown) {
      // Whether "apply" is offered shows once the vacancy has loaded: wait, so a replay sees the same.
      await expect(this.page.getByText(this.t('train_ticket_note'))).toBeVisible({ timeout: 15_000 }).catch(() => {});
      moves.push({ weight: 5, what: 'go back by the "back to list" link', run: () => this.backLink() });
      if (await this.applyButton().isVisible()) {
        moves.push({ weight: 6, what: 'press "apply"', run: () => this.openForm() });
      }
      if (await this.field('field_first_name').isVisible()) {
        moves.push(
          { weight: 8, what: 'type into the form', run: () => this.typeInForm() },
          { weight: 2, what: 'fill in the whole form', run: () => this.fillForm() },
          { weight: 1, what: 'choose a Dutch level in the form', run: () => this.formDutch() },
          { weight: 2, what: 'toggle consent', run: () => this.toggleConsent() },
          { weight: 3, what: 'send the application', run: () => this.send() },
        );
        if (await this.page.getByRole('button', { name: this.t('apply_discard') }).isVisible()) {
          moves.push({ weight: 1, what: 'discard the draft', run: () => this.discardDraft() });
        }
      }
    }
    return moves;
  }

  // ---------- anywhere ----------

  private async switchLanguage(): Promise<void> {
    const from = this.langNow();
    const to = this.dice.pick(langs.filter((l) => l !== from));
    this.say(`switch language ${from} → ${to}`);
    await this.languageSelect().selectOption(to);
    await expect(this.page).toHaveURL((url) => url.searchParams.get('lang') === to);
    await expect(this.page.locator('html')).toHaveAttribute('lang', to);
  }

  private async back(): Promise<void> {
    const from = this.short();
    await this.page.goBack({ timeout: navigationTimeout });
    if (this.screen() === 'elsewhere') {
      // Back from the first entry leaves the app (about:blank): come straight back, as a person would.
      this.say(`browser Back from ${from} left the app; Forward again`);
      await this.page.goForward({ timeout: navigationTimeout });
      return;
    }
    this.say(`browser Back: ${from} → ${this.short()}`);
  }

  private async forward(): Promise<void> {
    const from = this.short();
    await this.page.goForward({ timeout: navigationTimeout });
    this.say(`browser Forward: ${from} → ${this.short()}`);
  }

  private async reload(): Promise<void> {
    this.say(`reload ${this.short()}`);
    await this.page.reload({ timeout: navigationTimeout });
  }

  private async resize(): Promise<void> {
    const toPhone = !this.isPhoneSize();
    this.say(`resize to ${toPhone ? 'phone 360×740' : 'laptop 1366×768'}`);
    await this.page.setViewportSize(toPhone ? phoneSize : laptopSize);
    const tabs = this.tab('map');
    if (this.screen() === 'results' || this.screen() === 'vacancy') {
      await (toPhone ? expect(tabs).toBeVisible() : expect(tabs).toBeHidden());
    }
  }

  /** The path and query, short enough for a log line. */
  private short(): string {
    const url = new URL(this.page.url());
    return `${url.pathname}${url.search}`;
  }

  // ---------- my applications and drafts ----------

  private async openApplications(): Promise<void> {
    this.say(`open "my applications" from ${this.short()}`);
    await this.page.getByRole('banner').getByRole('link', { name: this.t('nav_applications'), exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: this.t('applications_title') })).toBeFocused();
  }

  private async deleteApplication(): Promise<void> {
    const buttons = this.page.getByRole('button', { name: this.pattern('applications_delete_named', { reference: '.+' }) });
    const count = await buttons.count();
    if (count === 0) {
      this.say('delete an application: none listed');
      return;
    }
    const which = this.dice.int(count);
    this.say(`delete application ${which + 1} of ${count}`);
    await buttons.nth(which).click();
    await expect(buttons).toHaveCount(count - 1);
  }

  private async openFromApplications(): Promise<void> {
    const links = this.page.getByRole('link', { name: this.t('applications_open_vacancy') });
    const count = await links.count();
    if (count === 0) {
      this.say('open a vacancy from my applications: none can be opened');
      return;
    }
    this.say('open a vacancy from my applications');
    await links.nth(this.dice.int(count)).click();
    await expect(this.page.getByRole('article').getByRole('heading', { level: 2 })).toBeVisible({ timeout: 15_000 });
  }

  private async discardDraft(): Promise<void> {
    const keep = this.dice.int(3) === 0;
    this.say(keep ? 'discard the draft, then keep it' : 'discard the draft');
    await this.page.getByRole('button', { name: this.t('apply_discard') }).click();
    if (keep) {
      await this.page.getByRole('button', { name: this.t('apply_discard_keep') }).click();
      await expect(this.page.getByRole('button', { name: this.t('apply_discard') })).toBeFocused();
      return;
    }
    await this.page.getByRole('button', { name: this.t('apply_discard_yes') }).click();
    await expect(this.field('field_first_name')).toHaveValue('');
  }

  // ---------- the counsellor desk and its hand-over ----------

  private async openDesk(): Promise<void> {
    const link = this.page.getByRole('link', { name: this.t('desk_link'), exact: true });
    await this.uncover(link);
    await link.click();
    await expect(this.page.getByRole('heading', { level: 1, name: this.t('desk_title') })).toBeFocused();
  }

  private async deskAddTown(): Promise<void> {
    const typed = this.dice.pick(deskTowns);
    const input = this.page.getByRole('combobox', { name: this.t('desk_add_town') });
    await input.fill(typed);
    await expect(input).toHaveAttribute('aria-expanded', 'true');
    const options = this.page.getByRole('listbox').getByRole('option');
    const count = await options.count();
    if (count === 0) {
      this.say(`add a town at the desk: "${typed}" offers nothing`);
      await expect(this.page.getByText(this.t('town_no_match', { query: typed })).first()).toBeVisible();
      return;
    }
    const which = this.dice.int(Math.min(count, 3));
    const name = ((await options.nth(which).textContent()) ?? '').trim();
    this.say(`add a town at the desk: "${typed}" → ${name}`);
    await options.nth(which).click();
  }

  /**
   * The towns' "remove" buttons, in the towns' group: in German a shortlisted vacancy's button
   * reads the same ("{title} entfernen" beside "{town} entfernen").
   */
  private deskTownButtons(): Locator {
    return this.page
      .getByRole('group', { name: this.t('desk_towns_legend') })
      .getByRole('button', { name: this.pattern('desk_remove_town', { town: '.+' }, true) });
  }

  private async deskRemoveTown(): Promise<void> {
    const buttons = this.deskTownButtons();
    const count = await buttons.count();
    const which = this.dice.int(count);
    this.say(`remove town ${which + 1} of ${count} at the desk`);
    await buttons.nth(which).click();
    await expect(buttons).toHaveCount(count - 1);
  }

  private async deskLevel(): Promise<void> {
    const level = this.dice.pick(levels);
    this.say(`set the person's level to ${level}`);
    await this.page.getByRole('combobox', { name: this.t('desk_level') }).selectOption(level);
    await expect.poll(() => new URL(this.page.url()).searchParams.get('level') ?? 'unknown').toBe(level);
  }

  private async openZone(): Promise<void> {
    this.say('open the zone analysis');
    await this.page.getByRole('link', { name: this.t('zone_link') }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: this.t('zone_title') })).toBeFocused();
  }

  /** Chooses an area; once its load is complete, the table's rows add up to its totals. */
  private async zoneArea(): Promise<void> {
    const area = this.dice.pick(zoneAreas);
    this.say(`choose the area ${area}`);
    await this.page.getByRole('combobox', { name: this.t('zone_area') }).selectOption(area);
    await expect.poll(() => new URL(this.page.url()).searchParams.get('area')).toBe(area);
    const count = this.page.getByTestId('vacancy-count');
    await expect(count).toHaveAttribute('data-partial', 'false', { timeout: 60_000 });
    const table = this.page.getByRole('table', { name: this.t('zone_table_caption') });
    const totals = await table.locator('tfoot').getByRole('row').first().getByRole('cell').allInnerTexts();
    const rows = await table.locator('tbody').getByRole('row').all();
    let sum = 0;
    for (const row of rows) sum += Number((await row.getByRole('cell').last().innerText()).replace(/\D/g, ''));
    // The last column is the total (levels, then offers stating none, then the total).
    expect(sum, 'the rows add up to the total').toBe(Number((totals.at(-1) ?? '').replace(/\D/g, '')));
    expect(Number(await count.getAttribute('data-count'))).toBe(sum);
  }

  private async zoneSort(): Promise<void> {
    const column = this.dice.pick(['col_occupation', 'zone_col_total']);
    this.say(`sort the zone table by ${column}`);
    const header = this.page.getByRole('table', { name: this.t('zone_table_caption') }).getByRole('columnheader', { name: this.t(column) });
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', /ascending|descending/);
  }

  private async zoneBottleneck(): Promise<void> {
    const box = this.page.getByRole('checkbox', { name: this.t('zone_bottleneck_only') });
    const on = !(await box.isChecked());
    this.say(`${on ? 'keep only' : 'stop keeping only'} bottleneck occupations`);
    await box.setChecked(on);
    await expect.poll(() => new URL(this.page.url()).searchParams.get('bottleneck')).toBe(on ? 'true' : null);
  }

  private async zoneBackToDesk(): Promise<void> {
    this.say('go back to the desk by its link');
    await this.page.getByRole('link', { name: this.t('zone_back_to_desk') }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: this.t('desk_title') })).toBeFocused();
  }

  private async deskSort(): Promise<void> {
    const column = this.dice.pick(deskColumns);
    this.say(`sort the desk table by ${column}`);
    const header = this.page.getByRole('columnheader', { name: this.t(column) });
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', /ascending|descending/);
  }

  /** The table's body rows (row 0 is the header). */
  private deskRows(): Locator {
    return this.page.getByRole('table').getByRole('row').filter({ has: this.page.getByRole('cell') });
  }

  private async deskToggleRow(): Promise<void> {
    const stars = this.page.getByRole('button', { name: this.pattern('desk_row_toggle', { title: '.+' }, true) });
    const count = await stars.count();
    if (count === 0) {
      this.say('toggle a row on the shortlist: no rows (yet)');
      return;
    }
    const which = this.dice.int(Math.min(count, 10));
    const star = stars.nth(which);
    const was = await star.getAttribute('aria-pressed');
    this.say(`toggle row ${which + 1} on the shortlist (was ${was})`);
    // The rows may re-sort under the click while pages still arrive, so the outcome is read
    // from the shortlist in the URL, not from the row that was at that position.
    const shortlisted = () => (new URL(this.page.url()).searchParams.get('shortlist') ?? '').split(',').filter(Boolean).length;
    const before = shortlisted();
    await star.click();
    // A full shortlist (20) keeps a row out; anything else adds or removes one.
    if (!(await this.page.getByText(this.t('shortlist_full')).isVisible())) {
      await expect.poll(shortlisted).not.toBe(before);
      expect(Math.abs(shortlisted() - before), 'one row added or removed').toBe(1);
    }
  }

  private async deskOpenRow(): Promise<void> {
    const rows = this.deskRows();
    const count = await rows.count();
    if (count === 0) {
      this.say('open a row of the desk table: no rows (yet)');
      return;
    }
    const which = this.dice.int(Math.min(count, 10));
    const title = ((await rows.nth(which).getByRole('cell').nth(1).textContent()) ?? '').trim();
    this.say(`open row ${which + 1} of the desk table: ${title}`);
    await rows.nth(which).focus();
    await this.page.keyboard.press('Enter');
    // The rows may re-sort while pages arrive: the opened one is the panel with a close button.
    const detail = this.page.getByRole('region').filter({ has: this.page.getByRole('button', { name: this.t('desk_detail_close') }) });
    await expect(detail.getByRole('heading', { level: 2 })).toBeFocused();
    if (this.dice.int(2) === 0) {
      await detail.getByRole('button', { name: this.t('desk_detail_close') }).click();
      await expect(detail).toHaveCount(0);
    }
  }

  private async deskOccupation(): Promise<void> {
    const input = this.page.getByRole('combobox', { name: this.t('desk_occupations') });
    if (!(await input.isVisible())) {
      this.say('add an occupation at the desk: the list is full');
      return;
    }
    const typed = this.dice.pick(deskOccupations);
    this.say(`add an occupation at the desk: "${typed}"`);
    await input.fill(typed);
    await input.press('Enter');
    // Either a chip was added and the field emptied, or the text stays with the reason beside it.
    const told = this.page.getByRole('alert').filter({ hasText: this.pattern('desk_occupation_unknown', { text: '.*' }) });
    await expect.poll(async () => (await input.inputValue()) === '' || (await told.isVisible())).toBe(true);
  }

  private async deskContract(): Promise<void> {
    const value = this.dice.pick(contracts);
    this.say(`set the desk's contract to ${value || 'any'}`);
    const select = this.page.getByRole('combobox', { name: this.t('filter_contract') });
    await select.selectOption(value);
    await expect.poll(() => new URL(this.page.url()).searchParams.get('contract') ?? '').toBe(value);
  }

  private async deskHandoverLang(): Promise<void> {
    const lang = this.dice.pick(['', ...langs]);
    this.say(`choose the person's language: ${lang || "their phone's"}`);
    await this.page.getByRole('combobox', { name: this.t('desk_handover_lang') }).selectOption(lang);
    await expect.poll(() => new URL(this.page.url()).searchParams.get('handover') ?? '').toBe(lang);
  }

  private async deskOpenHandover(): Promise<void> {
    const link = await this.page.getByRole('textbox', { name: this.t('desk_handover_link') }).inputValue();
    this.say(`open the hand-over link ${new URL(link).search}`);
    // As the person's phone would after scanning it: a fresh load of the address. A link
    // without `lang` opens in the browser's language, which the page states once it has drawn.
    await this.page.goto(link);
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 15_000 });
  }

  private async deskNewIntake(): Promise<void> {
    this.say('start a new intake');
    await this.page.getByRole('button', { name: this.t('new_intake'), exact: true }).click();
    await this.page.getByRole('button', { name: this.t('new_intake_yes') }).click();
    await expect(this.page.getByText(this.t('shortlist_empty'))).toBeVisible();
    await expect.poll(() => new URL(this.page.url()).searchParams.has('town')).toBe(false);
  }

  private async handoverOpenVacancy(): Promise<void> {
    const links = this.page.getByRole('listitem').getByRole('heading', { level: 3 }).getByRole('link');
    const count = await links.count();
    if (count === 0) {
      this.say('open a vacancy from the hand-over: none listed (yet)');
      return;
    }
    const which = this.dice.int(count);
    this.say(`open vacancy ${which + 1} of ${count} from the hand-over`);
    await links.nth(which).click();
    await expect(this.page.getByRole('article').getByRole('heading', { level: 2 })).toBeVisible({ timeout: 15_000 });
  }

  private async handoverAllJobs(): Promise<void> {
    const link = this.page.getByRole('link', { name: this.pattern('handover_all_jobs', { town: '.+' }, true) });
    if (!(await link.isVisible())) {
      this.say('see every job around the first town: the link names no town');
      return;
    }
    this.say('see every job around the first town');
    await link.click();
    await expect(this.resultsHeading()).toBeVisible({ timeout: 15_000 });
  }

  // ---------- the start page ----------

  private async typeTown(): Promise<void> {
    const typed = this.dice.pick(townSpellings);
    const input = this.townInput();
    await input.fill(typed);
    await expect(input).toHaveAttribute('aria-expanded', 'true');
    const options = this.page.getByRole('listbox', { name: this.t('town_label') }).getByRole('option');
    const count = await options.count();
    if (count === 0) {
      this.say(`type town "${typed}": no match`);
      await expect(this.page.getByText(this.t('town_no_match', { query: typed })).first()).toBeVisible();
      return;
    }
    if (this.dice.chance(0.15)) {
      this.say(`type town "${typed}" and pick nothing`);
      return;
    }
    const option = options.nth(this.dice.int(count));
    const label = (await option.textContent())?.trim() ?? '';
    this.say(`type town "${typed}", pick "${label}"`);
    await option.click();
    await expect(input).toHaveValue(label.split(' · ')[0].split(' / ')[0]);
  }

  /**
   * Town suggestions left open (a town typed, none picked) float over what follows the field, as
   * a combobox's popup does. A person who wants what lies under them closes them first (Escape);
   * the click would otherwise land on a suggestion, which is the "pick a town" move.
   */
  private async uncover(target: Locator): Promise<void> {
    const suggestions = this.page.getByRole('listbox', { name: this.t('town_label') });
    if (!(await suggestions.isVisible())) return;
    await target.scrollIntoViewIfNeeded();
    const covered = await target.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      return hit !== null && !el.contains(hit) && hit.closest('[role="listbox"]') !== null;
    });
    if (!covered) return;
    this.say('the town suggestions cover it: Escape closes them');
    await this.townInput().press('Escape');
    await expect(suggestions).toBeHidden();
  }

  private async pickLevel(): Promise<void> {
    const level = this.dice.pick(levels);
    const radio = this.page.getByRole('radio', { name: this.pattern(`level_${level}`, {}, true) }).first();
    await this.uncover(radio);
    this.say(`pick Dutch level ${level}`);
    await radio.check();
    await expect(radio).toBeChecked();
  }

  private async showJobs(): Promise<void> {
    const button = this.page.getByRole('button', { name: this.t('show_jobs') });
    await this.uncover(button);
    await button.click();
    const townRequired = this.page.getByText(this.t('town_required'));
    await expect(this.resultsHeading().or(townRequired)).toBeVisible({ timeout: 15_000 });
    this.say(this.screen() === 'results' ? `press "show jobs" → ${this.short()}` : 'press "show jobs": asked for a town first');
  }

  private async useLocation(): Promise<void> {
    const button = this.page.getByRole('button', { name: this.t('use_location') });
    // While an earlier request is still pending the button is disabled: nothing to press.
    if (await button.isDisabled()) {
      this.say('press "use my location": still asking, button disabled');
      return;
    }
    await this.uncover(button);
    await button.click();
    // The walk's browser grants no location: usually the person is told at once and picks a
    // town instead; headless Chromium sometimes leaves the permission request pending, and
    // then the app must at least say that it is asking.
    const told = this.page.getByText(this.t('location_denied')).or(this.page.getByText(this.t('location_failed')));
    await expect(told.or(this.page.getByText(this.t('locating')))).toBeVisible();
  }

  // ---------- results and vacancy ----------

  private async changeSearch(): Promise<void> {
    await this.page.getByRole('link', { name: this.t('change_search') }).click();
    await expect(this.page).toHaveURL((url) => url.pathname === '/');
    await expect(this.townInput()).not.toHaveValue('');
  }

  private async brand(): Promise<void> {
    await this.page.getByRole('banner').getByRole('link', { name: this.t('app_name'), exact: true }).click();
    await expect(this.page).toHaveURL((url) => url.pathname === '/');
  }

  private async switchTab(): Promise<void> {
    const which = this.dice.pick(['list', 'map'] as const);
    this.say(`switch to the ${which} tab`);
    await this.tab(which).click();
    await expect(this.tab(which)).toHaveAttribute('aria-selected', 'true');
  }

  /** The clusters whose centre is well inside the map, as a person sees them (not off the edge). */
  private async clustersInView(): Promise<DrawnMark[]> {
    const box = await this.map().boundingBox();
    if (!box) return [];
    const margin = 24;
    return (await drawnClusters(this.map())).filter(
      (c) => c.x > box.x + margin && c.x < box.x + box.width - margin && c.y > box.y + margin && c.y < box.y + box.height - margin,
    );
  }

  private async clickCluster(): Promise<void> {
    await expect(this.map()).toBeVisible();
    const clusters = await this.clustersInView();
    if (clusters.length === 0) {
      this.say('click a map cluster: none in view');
      return;
    }
    const target = this.dice.pick(clusters);
    this.say(`click a map cluster of ${target.count}`);
    const zoom = await this.map().getAttribute('data-zoom');
    await this.page.mouse.click(target.x, target.y);
    // The map zooms in and redraws its marks at the new zoom (not at full zoom, though).
    await expect(this.map())
      .not.toHaveAttribute('data-zoom', zoom ?? '', { timeout: 5_000 })
      .catch(() => this.say(`click a map cluster of ${target.count} (the map did not redraw)`));
  }

  private async clickMap(): Promise<void> {
    const box = await this.map().boundingBox();
    if (!box) return;
    const fx = 0.1 + 0.8 * this.dice.int(100) / 100;
    const fy = 0.1 + 0.8 * this.dice.int(100) / 100;
    const from = this.short();
    await this.page.mouse.click(box.x + fx * box.width, box.y + fy * box.height);
    // A point opens its vacancy; elsewhere nothing happens. Either way the screen must match the URL.
    await expect(this.page.getByRole('banner')).toBeVisible();
    this.say(`click the map at (${Math.round(fx * 100)}%, ${Math.round(fy * 100)}%): ${from === this.short() ? 'nothing opened' : this.short()}`);
  }

  /** Waits until the headline gives the final count (every page of vacancies arrived). */
  private async expectCountFinal(): Promise<void> {
    // The final count is "count_label_one" or "_other" (plural forms per language).
    const final = ['count_label_one', 'count_label_other'].map((key) => this.pattern(key, { count: '.+' }).source);
    await expect(this.page.getByTestId('vacancy-count')).toContainText(new RegExp(final.join('|')), { timeout: 30_000 });
  }

  private async zoom(): Promise<void> {
    const key = this.dice.pick(['map_zoom_in', 'map_zoom_out']);
    this.say(`press "${this.t(key)}" on the map`);
    const button = this.map().getByRole('button', { name: this.t(key) });
    // At the last zoom level Leaflet disables the button (aria-disabled), which a person sees.
    if ((await button.getAttribute('aria-disabled')) === 'true') return;
    await button.click();
  }

  /**
   * Waits until every row the list says it shows ("20 of 9,944 shown") has its card: after a
   * filter change the first cards come at once and the rest once the change is painted.
   */
  private async expectEveryCardBuilt(): Promise<void> {
    const keys = ['list_shown_one', 'list_shown_other'];
    const status = this.page.getByRole('status').filter({
      hasText: new RegExp(keys.map((key) => this.pattern(key, { shown: '.+', count: '.+' }).source).join('|')),
    });
    await expect
      .poll(async () => {
        // `shown` comes first in every language; thousands are grouped with a (narrow) no-break space.
        const shown = /\d[\d\u00a0\u202f.,]*/.exec((await status.textContent()) ?? '')?.[0] ?? '';
        return Number(shown.replace(/\D/g, '')) - (await this.cards().count());
      }, { message: 'cards built for every row shown' })
      .toBe(0);
  }

  private async openFromList(): Promise<void> {
    // A person reads the count first: wait for the whole list, so the same card is picked on replay.
    await this.expectCountFinal();
    if (await this.list().isVisible()) await this.expectEveryCardBuilt();
    const cards = this.cards();
    const count = await cards.count();
    if (count === 0) {
      this.say('open a vacancy from the list: the list is empty');
      await expect(this.page.getByText(this.t('list_empty'))).toBeVisible();
      return;
    }
    const index = this.dice.int(count);
    const card = cards.nth(index);
    const href = (await card.getAttribute('href')) ?? '';
    const id = new URL(href, this.page.url()).searchParams.get('vacancy');
    this.say(`open vacancy ${id} from list (card ${index + 1} of ${count})`);
    await card.click();
    await expect(this.page).toHaveURL((url) => url.searchParams.get('vacancy') === id);
    await expect(this.page.getByRole('article').getByRole('heading', { level: 2 })).toBeVisible();
  }

  private async showMore(): Promise<void> {
    const button = this.page.getByRole('button', { name: this.t('show_more') });
    if (!(await button.isVisible())) {
      this.say('press "show more": not offered');
      return;
    }
    await this.expectEveryCardBuilt();
    const before = await this.cards().count();
    this.say(`press "show more" (${before} shown)`);
    await button.click();
    await expect.poll(() => this.cards().count()).toBeGreaterThan(before);
  }

  /** Unfolds the filters if they are folded (phones start folded). */
  private async openFilters(): Promise<void> {
    if (await this.keywordBox().isVisible()) return;
    await this.page.getByText(this.t('filters_title'), { exact: true }).click();
    await expect(this.keywordBox()).toBeVisible();
  }

  private async filterReach(): Promise<void> {
    await this.openFilters();
    const select = this.page.getByRole('combobox', { name: this.t('filter_reach') });
    if (!(await select.isVisible())) {
      this.say('change the Dutch reach filter: not offered (level unknown)');
      return;
    }
    const reach = this.dice.pick(reaches);
    this.say(`set Dutch reach to ${reach}`);
    await select.selectOption(reach);
    await expect(select).toHaveValue(reach);
  }

  private async filterRadius(): Promise<void> {
    await this.openFilters();
    const slider = this.page.getByRole('slider', { name: this.pattern('filter_radius', { km: '\\d+' }) });
    const key = this.dice.pick(['ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageDown', 'PageUp']);
    const presses = 1 + this.dice.int(3);
    await slider.focus();
    for (let i = 0; i < presses; i++) await slider.press(key);
    const km = await slider.inputValue();
    this.say(`radius slider: ${key} ×${presses} → ${km} km`);
    await expect(slider).toHaveAccessibleName(this.t('filter_radius', { km }));
    await expect(this.page.getByTestId('vacancy-count')).toContainText(this.t('count_within', { km }));
  }

  private async filterKeyword(): Promise<void> {
    await this.openFilters();
    const box = this.keywordBox();
    const current = await box.inputValue();
    let expected: string;
    if (current !== '' && this.dice.chance(0.4)) {
      this.say(`clear the keyword "${current}"`);
      await box.fill('');
      expected = '';
    } else {
      const word = this.dice.pick(keywords);
      const append = current !== '' && this.dice.chance(0.3);
      this.say(append ? `type "${word}" after the keyword "${current}"` : `type keyword "${word}"`);
      await box.click();
      // At the end of what is there, or over it (select all, then type), as a person would.
      await box.press(append ? 'End' : 'ControlOrMeta+a');
      await box.pressSequentially(word);
      expected = append ? current + word : word;
    }
    await expect(box).toHaveValue(expected);
    await expect(this.page).toHaveURL((url) => (url.searchParams.get('q') ?? '') === expected);
  }

  private async filterSelect(key: string, values: string[]): Promise<void> {
    await this.openFilters();
    const value = this.dice.pick(values);
    this.say(`set ${key.replace('filter_', '')} to ${value || 'any'}`);
    const select = this.page.getByRole('combobox', { name: this.t(key) });
    await select.selectOption(value);
    await expect(select).toHaveValue(value);
  }

  private async filterBottleneck(): Promise<void> {
    await this.openFilters();
    const box = this.page.getByRole('checkbox', { name: this.t('filter_bottleneck') });
    const was = await box.isChecked();
    this.say(`${was ? 'uncheck' : 'check'} "bottleneck jobs only"`);
    await box.click();
    await expect(box).toBeChecked({ checked: !was });
  }

  private async resetFilters(): Promise<void> {
    await this.openFilters();
    await this.page.getByRole('button', { name: this.t('reset_filters') }).click();
    await expect(this.keywordBox()).toHaveValue('');
    await expect(this.page.getByRole('combobox', { name: this.t('filter_contract') })).toHaveValue('');
    await expect(this.page.getByRole('checkbox', { name: this.t('filter_bottleneck') })).not.toBeChecked();
  }

  private async backLink(): Promise<void> {
    await this.page.getByRole('link', { name: literal(this.t('detail_back')) }).first().click();
    await expect(this.page).toHaveURL((url) => url.pathname === '/jobs' && !url.searchParams.has('vacancy'));
    await expect(this.listOrEmpty()).toBeVisible();
  }

  private async openForm(): Promise<void> {
    await this.applyButton().click();
    await expect(this.page).toHaveURL((url) => url.searchParams.get('apply') === '1');
    // The form, or the reference of an application already sent for this vacancy.
    await expect(this.field('field_first_name').or(this.page.getByTestId('application-reference'))).toBeVisible();
  }

  private async typeInForm(): Promise<void> {
    const key = this.dice.pick(Object.keys(formValues));
    const value = this.dice.pick(formValues[key]);
    this.say(`type ${JSON.stringify(value)} into ${key.replace('field_', '')}`);
    const field = this.field(key);
    await field.fill(value);
    await expect(field).toHaveValue(value);
  }

  /** Name, e-mail and consent, all valid: what a person does before sending for real. */
  private async fillForm(): Promise<void> {
    await this.field('field_first_name').fill('Amélie');
    await this.field('field_last_name').fill('Dupont');
    await this.field('field_email').fill('amelie.dupont@example.be');
    await this.page.getByRole('checkbox', { name: this.t('field_consent') }).check();
    await expect(this.field('field_email')).toHaveValue('amelie.dupont@example.be');
  }

  private async formDutch(): Promise<void> {
    const select = this.page.getByRole('combobox', { name: this.t('field_dutch') });
    const options = await select.getByRole('option').evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value));
    const value = this.dice.pick(options);
    this.say(`choose Dutch level "${value || 'unknown'}" in the form`);
    await select.selectOption(value);
    await expect(select).toHaveValue(value);
  }

  private async toggleConsent(): Promise<void> {
    const box = this.page.getByRole('checkbox', { name: this.t('field_consent') });
    const was = await box.isChecked();
    this.say(`${was ? 'uncheck' : 'check'} consent`);
    await box.click();
    await expect(box).toBeChecked({ checked: !was });
  }

  private async send(): Promise<void> {
    await this.page.getByRole('button', { name: this.t('apply_send') }).click();
    const reference = this.page.getByTestId('application-reference');
    const invalid = this.page.getByRole('alert').filter({ hasText: this.t('apply_errors_summary') });
    const failed = this.page.getByRole('alert').filter({ hasText: this.t('apply_send_failed') });
    await expect(reference.or(invalid).or(failed)).toBeVisible({ timeout: 15_000 });
    if (await reference.isVisible()) this.say(`send the application: ${(await reference.textContent())?.trim()}`);
    else if (await invalid.isVisible()) this.say('send the application: fields to correct');
    else this.say('send the application: sending failed');
  }
}
