import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { tr, type Lang } from './support/locales';
import { apiSearch, chosenOptionFits, firstInAppVacancy, mons, Passerelle } from './support/passerelle';

/** Switches the interface language with the header's select, as a person would. */
async function switchLanguage(page: Page, from: Lang, to: Lang): Promise<void> {
  const names: Record<Lang, string> = { fr: 'Français', nl: 'Nederlands', de: 'Deutsch', en: 'English' };
  await page.getByRole('combobox', { name: tr(from, 'language_label') }).selectOption({ label: names[to] });
  await expect(page.locator('html')).toHaveAttribute('lang', to);
}

/** A publication date as each language writes it (the browser's own formatter as the reference). */
function longDate(iso: string, lang: Lang): string {
  const intlLocale: Record<Lang, string> = { fr: 'fr-BE', nl: 'nl-BE', de: 'de-BE', en: 'en-GB' };
  return new Intl.DateTimeFormat(intlLocale[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${iso}T12:00:00Z`),
  );
}

test.describe('languages and text', () => {
  test('the page title follows the language and the screen', async ({ page, request, api }) => {
    const app = new Passerelle(page, 'nl');
    await app.openStart();
    await expect(page).toHaveTitle(tr('nl', 'page_title_start'));
    await app.pickTown('mons', mons.names.nl);
    await app.showJobs();
    await expect(page).toHaveTitle(tr('nl', 'page_title_results', { town: mons.names.nl }));

    await switchLanguage(page, 'nl', 'de');
    await expect(page).toHaveTitle(tr('de', 'page_title_results', { town: mons.names.de }));

    const vacancy = await firstInAppVacancy(request, api.baseURL, {});
    await new Passerelle(page, 'de').openFromList(vacancy.id);
    await expect(page).toHaveTitle(tr('de', 'page_title_vacancy', { title: vacancy.title }));
    await switchLanguage(page, 'de', 'en');
    await expect(page).toHaveTitle(tr('en', 'page_title_vacancy', { title: vacancy.title }));
  });

  test("the map's zoom buttons are named in the interface language, also after a switch", async ({ page }) => {
    const app = new Passerelle(page, 'de');
    await page.goto(`/jobs?town=${mons.nis}&lang=de`);
    await app.waitForAllVacancies();
    const zoomIn = page.getByRole('button', { name: tr('de', 'map_zoom_in'), exact: true });
    await expect(zoomIn).toBeVisible();
    await expect(zoomIn).toHaveAttribute('title', tr('de', 'map_zoom_in'));
    await expect(page.getByRole('button', { name: tr('de', 'map_zoom_out'), exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Zoom in', exact: true })).toHaveCount(0);

    await switchLanguage(page, 'de', 'nl');
    await expect(page.getByRole('button', { name: tr('nl', 'map_zoom_in'), exact: true })).toHaveAttribute('title', tr('nl', 'map_zoom_in'));
    await expect(page.getByRole('button', { name: tr('nl', 'map_zoom_out'), exact: true })).toBeVisible();

    await switchLanguage(page, 'nl', 'fr');
    await page.getByRole('button', { name: tr('fr', 'map_zoom_in'), exact: true }).click();
    await expect(page.getByRole('button', { name: tr('fr', 'map_zoom_out'), exact: true })).toBeVisible();
  });

  test("a vacancy's facts use each language's punctuation and date format", async ({ page, request, api }) => {
    const vacancy = (await firstInAppVacancy(request, api.baseURL, {})) as Awaited<ReturnType<typeof firstInAppVacancy>> & {
      published: string;
    };
    await page.goto(`/jobs?town=${mons.nis}&vacancy=${vacancy.id}&lang=en`);
    await expect(page.getByRole('article').getByRole('heading', { level: 2 })).toHaveText(vacancy.title, { timeout: 30_000 });
    const facts = page.locator('.facts');
    await expect(facts.getByText(/^Contract: /)).toBeVisible();
    await expect(facts).not.toContainText(/\s:/);
    await expect(facts.getByText(tr('en', 'detail_published', { date: longDate(vacancy.published, 'en') }), { exact: true })).toBeVisible();

    for (const [from, to] of [['en', 'de'], ['de', 'nl'], ['nl', 'fr']] as [Lang, Lang][]) {
      await switchLanguage(page, from, to);
      await expect(facts.getByText(tr(to, 'detail_published', { date: longDate(vacancy.published, to) }), { exact: true })).toBeVisible();
    }
    // French: a narrow no-break space before the colon, and the date in words, never ISO.
    await expect(facts.getByText(/^Contrat\u202f: /)).toBeVisible();
    await expect(facts).not.toContainText(vacancy.published);
  });

  test("the list's cards are rewritten in the new language, the same vacancies in the same order", async ({ page }) => {
    await page.goto(`/jobs?town=${mons.nis}&level=basic&lang=fr`);
    await new Passerelle(page, 'fr').waitForAllVacancies();
    const cards = (lang: Lang) => page.getByRole('list', { name: tr(lang, 'list_label') }).getByRole('link');
    const fitNames = (lang: Lang) =>
      ['fit_within', 'fit_one_above', 'fit_beyond', 'fit_unknown', 'fit_not_stated'].map((key) => tr(lang, key));
    const ids = async (lang: Lang) => cards(lang).evaluateAll((links) => links.map((a) => a.getAttribute('data-vacancy-id')));
    const before = await ids('fr');
    expect(before.length).toBeGreaterThan(0);
    await expect(cards('fr').first()).toContainText(tr('fr', 'dutch_required', { level: '' }).trim());

    await switchLanguage(page, 'fr', 'nl');
    const first = cards('nl').first();
    await expect(first).toContainText(tr('nl', 'dutch_required', { level: '' }).trim());
    const text = await first.innerText();
    expect(fitNames('nl').some((name) => text.includes(name)), `a Dutch fit name in "${text}"`).toBe(true);
    expect(fitNames('fr').filter((name) => text.includes(name)), 'French fit names left').toEqual([]);
    expect(await ids('nl')).toEqual(before);
  });

  test('town names follow the interface language, in the combobox, the heading and the search', async ({ page }) => {
    const app = new Passerelle(page, 'nl');
    await app.openStart();
    await app.pickTown('mons', mons.names.nl);
    await expect(app.townInput()).toHaveValue('Bergen');

    // The town stays chosen and is renamed when the language changes.
    await switchLanguage(page, 'nl', 'fr');
    await expect(new Passerelle(page, 'fr').townInput()).toHaveValue('Mons');
    await switchLanguage(page, 'fr', 'nl');
    await expect(app.townInput()).toHaveValue('Bergen');

    await app.levelRadio('basic').check();
    await app.showJobs();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(tr('nl', 'results_title', { town: 'Bergen' }));
    await expect(page.getByRole('region', { name: tr('nl', 'map_label', { town: 'Bergen' }) })).toBeVisible();

    // Searching still works in any language: the Dutch name in the German interface.
    const de = new Passerelle(page, 'de');
    await page.goto('/?lang=de');
    await de.townInput().fill('bergen');
    await page.getByRole('option', { name: /^Mons\b/ }).click();
    await expect(de.townInput()).toHaveValue('Mons');
  });

  test.describe('opened with ?lang=', () => {
    // The browser speaks French: before the fix the first frame was French, then Dutch.
    test.use({ locale: 'fr-BE' });

    test('the very first frame is already in that language', async ({ page }) => {
      // Records every text the page ever showed, including texts replaced before we could look.
      await page.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { seenTexts: string[] }).seenTexts = seen;
        new MutationObserver((records) => {
          for (const r of records) {
            if (r.type === 'characterData') seen.push(r.oldValue ?? '');
            for (const node of [...r.addedNodes, ...r.removedNodes]) seen.push(node.textContent ?? '');
          }
        }).observe(document, { subtree: true, childList: true, characterData: true, characterDataOldValue: true });
      });
      await page.goto('/?lang=nl');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(tr('nl', 'start_title'), { timeout: 30_000 });
      const seen = await page.evaluate(() => (window as unknown as { seenTexts: string[] }).seenTexts);
      expect(seen.some((text) => text.includes(tr('nl', 'tagline'))), 'the header was seen being drawn').toBe(true);
      // The header and the loading line are drawn at once, before the config arrives.
      for (const key of ['tagline', 'skip_to_content', 'language_label', 'loading']) {
        expect(seen.filter((text) => text.includes(tr('fr', key))), `French "${key}" was never shown`).toEqual([]);
      }
    });
  });

  test('counts of one take the singular', async ({ page, request, api }) => {
    const app = new Passerelle(page, 'fr');
    await app.openStart();
    await app.townInput().fill('Bütgenbach');
    await expect(page.getByRole('listbox', { name: tr('fr', 'town_label') }).getByRole('option')).toHaveCount(1);
    await expect(page.getByRole('status').filter({ hasText: tr('fr', 'town_option_single') })).toHaveCount(1);
    await app.townInput().fill('Braine');
    await expect(page.getByRole('listbox', { name: tr('fr', 'town_label') }).getByRole('option')).toHaveCount(3);
    await expect(page.getByRole('status').filter({ hasText: tr('fr', 'town_options_several', { count: 3 }) })).toHaveCount(1);

    // An employer with exactly one vacancy around Mons gives a list of one.
    const { items } = await apiSearch(request, api.baseURL, { limit: 200 });
    let alone: string | undefined;
    for (const employer of new Set(items.map((v) => (v as unknown as { employer: string }).employer))) {
      if ((await apiSearch(request, api.baseURL, { q: employer, limit: 1 })).total === 1) {
        alone = employer;
        break;
      }
    }
    expect(alone, 'an employer with a single vacancy').toBeDefined();
    for (const lang of ['fr', 'en'] as Lang[]) {
      await page.goto(`/jobs?town=${mons.nis}&q=${encodeURIComponent(alone!)}&lang=${lang}`);
      await new Passerelle(page, lang).waitForAllVacancies();
      await expect(page.getByTestId('vacancy-count')).toContainText(tr(lang, 'count_label', { count: 1 }));
      await expect(page.getByText(tr(lang, 'list_shown', { shown: 1, count: 1 }), { exact: true })).toBeVisible();
    }
  });

  test('each Dutch level radio is named by its title alone and described by its description', async ({ page }) => {
    for (const lang of ['fr', 'nl'] as Lang[]) {
      await page.goto(`/?lang=${lang}`);
      const basic = page.getByRole('radio', { name: `${tr(lang, 'level_basic')} ${tr(lang, 'cefr_hint', { cefr: 'A2' })}`, exact: true });
      await expect(basic).toBeVisible({ timeout: 30_000 });
      await expect(basic).toHaveAccessibleDescription(tr(lang, 'level_basic_desc'));
      const unknown = page.getByRole('radio', { name: tr(lang, 'level_unknown'), exact: true });
      await expect(unknown).toHaveAccessibleDescription(tr(lang, 'level_unknown_desc'));
      // The description still selects the level when touched.
      await page.getByText(tr(lang, 'level_basic_desc')).click();
      await expect(basic).toBeChecked();
    }
  });

  test('the chosen Dutch reach fits in its select on a laptop, in every language', async ({ page }, testInfo) => {
    for (const lang of ['fr', 'nl', 'de', 'en'] as Lang[]) {
      await page.goto(`/jobs?town=${mons.nis}&level=basic&reach=course&lang=${lang}`);
      const select = page.getByRole('combobox', { name: tr(lang, 'filter_reach') });
      await expect(select).toBeVisible({ timeout: 30_000 });
      await expect(select.locator('option:checked')).toHaveText(tr(lang, 'reach_course'));
      const { text, width, room } = await chosenOptionFits(select);
      expect(width, `${lang}: "${text}" fits`).toBeLessThanOrEqual(room);
      if (lang === 'nl' || lang === 'de') {
        await select.screenshot({ path: `tests/e2e/screenshots/${testInfo.project.name}-${lang}-reach-select.png` });
      }
    }
  });
});
