import { test, expect } from './fixtures';
import { apiSearch, mons, Passerelle } from './support/passerelle';
import { tr } from './support/locales';

test.describe('the URL', () => {
  test('shared with filters and an open vacancy restores the same view elsewhere', async ({ page, browser, api, baseURL, request }) => {
    const app = new Passerelle(page, 'en');
    await page.goto(`/jobs?town=${mons.nis}&level=medium&lang=en`);
    await app.waitForAllVacancies();
    const unfiltered = await app.shownCount();
    await page.getByLabel(app.t('filter_contract')).selectOption('permanent');
    await page.getByLabel(app.t('filter_bottleneck')).check();
    await page.getByLabel(app.t('filter_reach')).selectOption('within');
    // What the API counts for the same three filters ("within" at medium = at most medium):
    // the count is read once the app shows that, not while the filters are still applying.
    const count = (await apiSearch(request, api.baseURL, { limit: 1, contract: 'permanent', bottleneck: 'true', dutch_max: 'medium' })).total;
    expect(count).toBeGreaterThan(0);
    expect(count, 'the filters narrowed the list').toBeLessThan(unfiltered);
    await expect(page.getByTestId('vacancy-count')).toHaveAttribute('data-count', String(count));
    const first = page.getByRole('list', { name: app.t('list_label') }).getByRole('link').first();
    const title = (await first.locator('.vacancy-title').textContent())?.trim() ?? '';
    expect(title).not.toBe('');
    await first.click();
    await expect(page.getByRole('article').getByRole('heading', { level: 2 })).toHaveText(title);
    const shared = page.url();
    expect(shared).toContain('contract=permanent');

    // Someone else opens the link in a fresh browser: nothing shared but the URL.
    const other = await browser.newContext({ baseURL });
    const otherPage = await other.newPage();
    await otherPage.goto(shared);
    const otherApp = new Passerelle(otherPage, 'en');
    await otherApp.waitForAllVacancies();
    await expect(otherPage.getByRole('article').getByRole('heading', { level: 2 })).toHaveText(title);
    await expect(otherPage.getByTestId('vacancy-count')).toHaveAttribute('data-count', String(count));
    await expect(otherPage.locator('html')).toHaveAttribute('lang', 'en');
    await otherPage.getByRole('link', { name: otherApp.t('detail_back') }).click();
    await expect(otherPage.getByLabel(otherApp.t('filter_contract'))).toHaveValue('permanent');
    await expect(otherPage.getByLabel(otherApp.t('filter_bottleneck'))).toBeChecked();
    await other.close();
  });

  test('a filter changed the moment before a vacancy is followed is still there on Back', async ({ page, problems }) => {
    const app = new Passerelle(page, 'en');
    await page.goto(`/jobs?town=${mons.nis}&level=medium&lang=en`);
    await app.waitForAllVacancies();
    const contract = page.getByLabel(app.t('filter_contract'));
    const list = page.getByRole('list', { name: app.t('list_label') });
    // The address follows a filter change once it is painted (url_state::UrlWrite). A link
    // followed before that, here in the very frame that shows the change, must not leave
    // behind an entry without it.
    const title = await page.evaluate(
      async ([select, list]) => {
        (select as HTMLSelectElement).value = 'permanent';
        select.dispatchEvent(new Event('change', { bubbles: true }));
        await new Promise((frame) => requestAnimationFrame(frame));
        const card = list.querySelector('a') as HTMLAnchorElement;
        card.click();
        return card.querySelector('.vacancy-title')?.textContent?.trim() ?? '';
      },
      [await contract.elementHandle(), await list.elementHandle()] as const,
    );
    expect(title).not.toBe('');
    await expect(page.getByRole('article').getByRole('heading', { level: 2 })).toHaveText(title);
    await expect(page).toHaveURL((url) => url.searchParams.get('contract') === 'permanent' && url.searchParams.has('vacancy'));

    await page.goBack();
    await expect(page).toHaveURL((url) => !url.searchParams.has('vacancy'));
    expect(new URL(page.url()).searchParams.get('contract'), 'the entry Back returns to has the filter').toBe('permanent');
    await expect(contract).toHaveValue('permanent');
    expect(problems.pageErrors).toEqual([]);
  });

  test('a filter changed the moment before the language is chosen with the keyboard is kept', async ({ page, problems }) => {
    const app = new Passerelle(page, 'en');
    await page.goto(`/jobs?town=${mons.nis}&level=medium&lang=en`);
    await app.waitForAllVacancies();
    const contract = page.getByLabel(app.t('filter_contract'));
    const language = page.getByRole('banner').getByRole('combobox', { name: app.t('language_label') });
    // The language menu builds its address from the router's, which a filter change reaches
    // only once painted: a `change` writes the pending edit first, as a click does.
    await page.evaluate(
      async ([select, menu]) => {
        (select as HTMLSelectElement).value = 'permanent';
        select.dispatchEvent(new Event('change', { bubbles: true }));
        await new Promise((frame) => requestAnimationFrame(frame));
        (menu as HTMLSelectElement).value = 'nl';
        menu.dispatchEvent(new Event('change', { bubbles: true }));
      },
      [await contract.elementHandle(), await language.elementHandle()] as const,
    );
    await expect(page).toHaveURL((url) => url.searchParams.get('lang') === 'nl');
    expect(new URL(page.url()).searchParams.get('contract'), 'the address keeps the filter').toBe('permanent');
    await expect(page.getByLabel(tr('nl', 'filter_contract'))).toHaveValue('permanent');
    expect(problems.pageErrors).toEqual([]);
  });

  test('with invalid values still renders, drops them and says so', async ({ page, api, request, problems }) => {
    const app = new Passerelle(page, 'fr');
    await page.goto(`/jobs?town=${mons.nis}&level=fluent&radius=500&contract=forever&vacancy=abc&lang=fr`);
    await app.waitForAllVacancies();
    await expect(page.getByText(app.t('url_dropped', { params: 'level=fluent, radius=500, contract=forever, vacancy=abc' }))).toBeVisible();
    // What is left is a valid view: Mons, every level, 60 km.
    const all = await apiSearch(request, api.baseURL, { limit: 1 });
    expect(await app.shownCount()).toBe(all.total);
    expect(problems.pageErrors).toEqual([]);
  });

  test('naming a town that is not Walloon asks for a town instead of going blank', async ({ page }) => {
    const app = new Passerelle(page, 'nl');
    await page.goto('/jobs?town=11002&lang=nl');
    await expect(page.getByRole('heading', { level: 1, name: app.t('town_param_title') })).toBeFocused({ timeout: 30_000 });
    await expect(page.getByText(app.t('town_param_unknown', { town: 'Antwerpen – 11002' }))).toBeVisible();
    await page.getByRole('link', { name: app.t('back_home') }).click();
    await expect(app.townInput()).toBeVisible();
  });
});
