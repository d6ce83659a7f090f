import { test, expect } from './fixtures';
import { apiSearch, firstInAppVacancy, holdRequests, mons, Passerelle, type VacancySummary } from './support/passerelle';
import { drawnClusters } from './support/map-marks';

/**
 * Where focus lands and what a person can see after each move: keyboard and screen-reader
 * users must not be dropped on <body>, errors must be in view, API text must not break layout.
 */
test.describe('wayfinding', () => {
  test('focus lands on each new view: results heading, vacancy heading, first field, receipt', async ({ page, api, request, problems }) => {
    const app = new Passerelle(page, 'fr');
    await app.openStart();
    await app.pickTown('mons', mons.name);
    await app.levelRadio('basic').check();
    await page.getByRole('button', { name: app.t('show_jobs') }).click();
    await expect(page.getByRole('heading', { level: 1, name: app.t('results_title', { town: 'Mons' }) })).toBeFocused();
    await app.waitForAllVacancies();

    const vacancy = await firstInAppVacancy(request, api.baseURL, { dutch_max: 'medium' });
    await app.openFromList(vacancy.id);
    await expect(page.getByRole('heading', { level: 2, name: vacancy.title })).toBeFocused();

    await page.getByRole('button', { name: app.t('detail_apply'), exact: true }).click();
    await expect(app.field('field_first_name')).toBeFocused();
    await app.field('field_first_name').fill('Amélie');
    await app.field('field_last_name').fill('Dupont');
    await app.field('field_email').fill('amelie.dupont@example.be');
    await page.getByRole('checkbox', { name: app.t('field_consent') }).check();
    await page.getByRole('button', { name: app.t('apply_send') }).click();
    await expect(page.getByRole('status').filter({ hasText: app.t('apply_success_title') })).toBeFocused();
    expect(problems.pageErrors).toEqual([]);
  });

  test('going back to the list puts focus on the vacancy that was open', async ({ page, api, request }) => {
    const app = new Passerelle(page, 'fr');
    const { items } = await apiSearch(request, api.baseURL, { limit: 3 });
    await page.goto(`/jobs?town=${mons.nis}&lang=fr`);
    await app.waitForAllVacancies();
    await app.openFromList(items[2].id);
    await page.getByRole('link', { name: app.t('detail_back') }).first().click();
    await expect(app.vacancyLink(items[2].id)).toBeFocused();
  });

  test('the vacancy under the pointer or keyboard focus in the list is ringed on the map', async ({ page }) => {
    const app = new Passerelle(page, 'fr');
    await page.goto(`/jobs?town=${mons.nis}&lang=fr`);
    await app.waitForAllVacancies();
    // The ring: three circles (black, yellow, black) around the vacancy's point.
    const rings = page.locator('#map .highlight-ring');
    const cards = page.getByRole('list', { name: app.t('list_label') }).getByRole('link');
    await expect(rings).toHaveCount(0);

    await cards.nth(1).hover({ position: { x: 12, y: 12 } });
    await expect(rings).toHaveCount(3);
    // Moving within the card, across its texts, keeps the ring; leaving the list removes it.
    await cards.nth(1).hover({ position: { x: 40, y: 50 } });
    await expect(rings).toHaveCount(3);
    await page.getByRole('heading', { level: 1 }).hover();
    await expect(rings).toHaveCount(0);

    await cards.nth(0).focus();
    await expect(rings).toHaveCount(3);
    await page.keyboard.press('Tab');
    await expect(cards.nth(1)).toBeFocused();
    await expect(rings).toHaveCount(3);
    await page.getByRole('heading', { level: 1 }).focus();
    await expect(rings).toHaveCount(0);
  });

  test("a vacancy's dot on the map opens that vacancy, also once a new keyword has moved the dot to another", async ({ page, api, request }) => {
    const app = new Passerelle(page, 'fr');
    // Two employers with one vacancy each in reach: typing a name leaves one dot on the map.
    // The map reuses its dots, so the second keyword moves the first one's dot to another vacancy.
    const { items } = await apiSearch(request, api.baseURL, { limit: 1000 });
    const alone: VacancySummary[] = [];
    for (const employer of [...new Set(items.map((v) => v.employer))].sort()) {
      const found = await apiSearch(request, api.baseURL, { q: employer, limit: 2 });
      if (found.total === 1) alone.push(found.items[0]);
      if (alone.length === 2) break;
    }
    if (alone.length < 2) throw new Error('no two employers with a single vacancy near Mons');

    await page.goto(`/jobs?town=${mons.nis}&lang=fr`);
    await app.waitForAllVacancies();
    const cards = page.getByRole('list', { name: app.t('list_label') }).getByRole('link');
    const ring = page.locator('#map .highlight-ring').first();
    for (const vacancy of alone) {
      await page.getByLabel(app.t('filter_keyword')).fill(vacancy.employer);
      await expect(cards).toHaveCount(1);
      await expect(app.vacancyLink(vacancy.id)).toBeVisible();
      await expect(page.locator('#map')).toHaveAttribute('data-singles', '1');
      // Where the dot is: the ring drawn around it while its card is under the pointer.
      await cards.first().hover();
      await expect(ring).toBeVisible();
      const box = (await ring.boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await expect(page.getByRole('article').getByRole('heading', { level: 2, name: vacancy.title })).toBeVisible();
      await expect(page).toHaveURL(new RegExp(`[?&]vacancy=${vacancy.id}(&|$)`));
      await page.getByRole('link', { name: app.t('detail_back') }).first().click();
    }
  });

  test('a send that fails offline shows its error in view, with focus on it, and keeps what was typed', async ({ page, api, request }) => {
    const app = new Passerelle(page, 'fr');
    const vacancy = await firstInAppVacancy(request, api.baseURL, {});
    await page.goto(`/jobs?town=${mons.nis}&lang=fr&vacancy=${vacancy.id}&apply=1`);
    await app.field('field_first_name').fill('Amélie');
    await app.field('field_last_name').fill('Dupont');
    await app.field('field_email').fill('amelie.dupont@example.be');
    await app.field('field_message').fill('Disponible dès lundi.\n'.repeat(8));
    await page.getByRole('checkbox', { name: app.t('field_consent') }).check();
    await page.route('**/api/v1/applications', (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: app.t('apply_send') }).click();
    const error = page.getByRole('alert').filter({ hasText: app.t('apply_send_failed') });
    await expect(error).toBeFocused();
    await expect(error).toBeInViewport({ ratio: 1 });
    await expect(app.field('field_first_name')).toHaveValue('Amélie');
  });

  test('an unbroken 5,000-character title wraps inside its card instead of running under the map', async ({ page }) => {
    const app = new Passerelle(page, 'fr');
    const long = 'Schoonmaakmedewerker'.repeat(250);
    await page.route('**/api/v1/vacancies?*', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      if (!new URL(route.request().url()).searchParams.get('cursor')) body.items[0].title = long;
      await route.fulfill({ response, json: body });
    });
    await page.goto(`/jobs?town=${mons.nis}&lang=fr`);
    await app.waitForAllVacancies();
    const list = page.getByRole('list', { name: app.t('list_label') });
    const card = list.getByRole('link').first();
    await expect(card).toContainText(long.slice(0, 40));
    const [listBox, cardBox] = [await list.boundingBox(), await card.boundingBox()];
    expect(cardBox!.x + cardBox!.width).toBeLessThanOrEqual(listBox!.x + listBox!.width + 1);
    const overflows = await card.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
    expect(overflows).toBe(false);
  });

  test('an employer link refused as unsafe is explained, and no such link is shown', async ({ page, api, request }) => {
    const app = new Passerelle(page, 'fr');
    const { items } = await apiSearch(request, api.baseURL, { limit: 1000 });
    const external = items.find((v) => v.apply_mode === 'external');
    if (!external) throw new Error('the dataset has no external-apply vacancy near Mons');
    await page.route(`**/api/v1/vacancies/${external.id}`, async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      body.apply_url = 'javascript:alert(document.cookie)';
      await route.fulfill({ response, json: body });
    });
    await page.goto(`/jobs?town=${mons.nis}&lang=fr&vacancy=${external.id}`);
    await expect(page.getByText(app.t('detail_external_link_refused'))).toBeVisible();
    await expect(page.getByRole('link', { name: app.t('detail_apply_external') })).toHaveCount(0);
    await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
  });

  test('the map marks are hidden from screen readers, which get the list instead', async ({ page }) => {
    const app = new Passerelle(page, 'fr');
    await page.goto(`/jobs?town=${mons.nis}&lang=fr`);
    await app.waitForAllVacancies();
    const map = page.getByRole('region', { name: app.t('map_label', { town: 'Mons' }) });
    await expect.poll(async () => (await drawnClusters(map)).length).toBeGreaterThan(0);
    const tree = await map.ariaSnapshot();
    // Counts written in elements (as the clusters once were, until aria-hidden) would read as
    // a line like `- text: 877 844 1693 904 16`; on the canvas they are not in the tree.
    expect(tree, "cluster counts read out as a bare row of numbers").not.toMatch(/- text: "?[\d\s]+"?$/m);
  });

  test("the town picker finds Braine-l'Alleud however it is typed, and Liège by its German name", async ({ page }) => {
    const app = new Passerelle(page, 'fr');
    await app.openStart();
    const firstOption = page.getByRole('listbox', { name: app.t('town_label') }).getByRole('option').first();
    for (const typed of ['braine l alleud', 'braine lalleud', "braine l'alleud", 'braine l’alleud', 'brainelalleud']) {
      await app.townInput().fill(typed);
      await expect(firstOption, typed).toContainText(/^Braine-l['’]Alleud/);
    }
    for (const typed of ['Lüttich', 'luttich']) {
      await app.townInput().fill(typed);
      await expect(firstOption, typed).toContainText(/^Liège/);
    }
  });

  test('leaving the results while pages are still arriving stops the download', async ({ page }) => {
    const app = new Passerelle(page, 'fr');
    const aborted: string[] = [];
    page.on('requestfailed', (r) => {
      if (r.url().includes('cursor=')) aborted.push(r.failure()?.errorText ?? 'failed');
    });
    let laterPageAsked: () => void = () => {};
    const asked = new Promise<void>((resolve) => (laterPageAsked = resolve));
    // The second page hangs, as on a dead mobile connection.
    await page.route('**/api/v1/vacancies?*cursor=*', () => laterPageAsked());
    await page.goto(`/jobs?town=${mons.nis}&lang=fr`);
    await asked;
    await page.getByRole('link', { name: app.t('change_search') }).click();
    await expect(app.townInput()).toBeVisible();
    await expect.poll(() => aborted.length, { message: 'the hanging request was cancelled' }).toBeGreaterThan(0);
  });

  test('rows unfolded with "show more" stay unfolded when more pages arrive', async ({ page }) => {
    const app = new Passerelle(page, 'fr');
    const release = await holdRequests(page, '**/api/v1/vacancies?*cursor=*');
    await page.goto(`/jobs?town=${mons.nis}&lang=fr`);
    const list = page.getByRole('list', { name: app.t('list_label') });
    await expect(list.getByRole('listitem')).toHaveCount(20);
    await page.getByRole('button', { name: app.t('show_more') }).click();
    await expect(list.getByRole('listitem')).toHaveCount(40);
    release();
    await app.waitForAllVacancies();
    await expect(list.getByRole('listitem')).toHaveCount(40);
  });

  test('after a filter change every row shown has its card, and the panel stays where it was scrolled', async ({ page, problems }, testInfo) => {
    // A change builds its first cards at once and the others once it is painted; the list keeps
    // their room meanwhile, so the filters do not jump under the person's pointer.
    const app = new Passerelle(page, 'fr');
    await page.goto(`/jobs?town=${mons.nis}&lang=fr`);
    await app.waitForAllVacancies();
    const list = page.getByRole('list', { name: app.t('list_label') });
    await expect(list.getByRole('listitem')).toHaveCount(20);
    const contract = page.getByLabel(app.t('filter_contract'));
    await contract.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const panel = page.getByRole('region', { name: app.t('results_title', { town: mons.name }) });
    const scrolled = await panel.evaluate((el) => el.scrollTop);
    expect(scrolled, 'the panel is scrolled down to its filters').toBeGreaterThan(0);

    await contract.selectOption('permanent');
    await expect(page).toHaveURL(/[?&]contract=permanent/);
    await expect(list.getByRole('listitem')).toHaveCount(20);
    await expect(list.getByRole('listitem').filter({ hasNotText: app.t('contract_permanent') })).toHaveCount(0);
    // "20 offres affichées sur 1 234": the words before the total.
    const shownTwenty = app.t('list_shown_other', { shown: 20, count: '§' }).split('§')[0];
    await expect(page.getByRole('status').filter({ hasText: shownTwenty })).toBeVisible();
    expect(await panel.evaluate((el) => el.scrollTop)).toBe(scrolled);
    await app.screenshot('results-after-filter-change', testInfo.project.name);
    expect(problems.pageErrors).toEqual([]);
  });

  test('the "choose a town first" message follows a language switch', async ({ page }) => {
    // Found by the random walk: the message kept the language it was first shown in.
    const app = new Passerelle(page, 'fr');
    await app.openStart();
    await page.getByRole('button', { name: app.t('show_jobs') }).click();
    await expect(page.getByText(app.t('town_required'))).toBeVisible();
    await page.getByRole('combobox', { name: app.t('language_label') }).selectOption('en');
    const en = new Passerelle(page, 'en');
    await expect(page.getByText(en.t('town_required'))).toBeVisible();
    await expect(page.getByText(app.t('town_required'))).toHaveCount(0);
  });
});
