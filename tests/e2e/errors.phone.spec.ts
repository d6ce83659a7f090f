import { test, expect } from './fixtures';
import { apiSearch, holdRequests, mons, Passerelle } from './support/passerelle';

const unavailable = { status: 503, contentType: 'application/problem+json', body: '{"type":"about:blank","title":"down","status":503}' };

test.describe('when the API fails', () => {
  test('a server that stays down gets a translated message, and "resume" completes the list', async ({ page, api, request }) => {
    const app = new Passerelle(page, 'fr');
    let failures = 0;
    await page.route('**/api/v1/vacancies?*', (route) => {
      failures += 1;
      return route.fulfill(unavailable);
    });
    await page.goto(`/jobs?town=${mons.nis}&lang=fr`);
    const notice = page.getByRole('alert');
    // The loader asks again by itself (four retries, 7.5 s in all) before it tells the person.
    await expect(notice).toContainText(app.t('load_failed_partial'), { timeout: 20_000 });
    await expect(notice).toContainText(app.t('error_server', { status: 503 }));
    expect(failures).toBe(5);

    await page.unroute('**/api/v1/vacancies?*');
    await notice.getByRole('button', { name: app.t('retry_loading') }).click();
    await app.waitForAllVacancies();
    expect(await app.shownCount()).toBe((await apiSearch(request, api.baseURL, { limit: 1 })).total);
  });

  test('an API that fails every third request still completes, asking again for the page that failed', async ({ page, api, request, problems }) => {
    const app = new Passerelle(page, 'fr');
    const asked: string[] = [];
    let n = 0;
    await page.route('**/api/v1/vacancies?*', (route) => {
      n += 1;
      asked.push(new URL(route.request().url()).searchParams.get('cursor') ?? 'first');
      return n % 3 === 0 ? route.fulfill(unavailable) : route.continue();
    });
    await page.goto(`/jobs?town=${mons.nis}&lang=fr`);
    await app.waitForAllVacancies();
    const total = (await apiSearch(request, api.baseURL, { limit: 1 })).total;
    expect(await app.shownCount()).toBe(total);
    await expect(page.getByRole('alert')).toHaveCount(0);
    // Every failed request (the 3rd, 6th, …) is followed by the same cursor, never by page 1.
    for (let i = 2; i + 1 < asked.length; i += 3) expect(asked[i + 1]).toBe(asked[i]);
    expect(asked.filter((c) => c === 'first').length).toBeLessThanOrEqual(2);
    expect(problems.pageErrors).toEqual([]);
  });

  test('a malformed later page keeps what arrived, marks the count partial, and resumes from that page', async ({ page, api, request }) => {
    const app = new Passerelle(page, 'fr');
    await page.route('**/api/v1/vacancies?*cursor=*', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"total": 3, "items": [' }));
    await page.goto(`/jobs?town=${mons.nis}&lang=fr`);
    const notice = page.getByRole('alert');
    await expect(notice).toContainText(app.t('error_malformed'));
    const partial = await app.shownCount();
    const total = (await apiSearch(request, api.baseURL, { limit: 1 })).total;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(total);
    const count = page.getByTestId('vacancy-count');
    await expect(count).toHaveAttribute('data-partial', 'true');
    await expect(count).toContainText(app.t('count_partial', { count: '' }).split(':')[0]);
    await expect(page.getByRole('list', { name: app.t('list_label') }).getByRole('link').first()).toBeVisible();

    await page.unroute('**/api/v1/vacancies?*cursor=*');
    const resumedWith: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/vacancies?')) resumedWith.push(new URL(r.url()).searchParams.get('cursor') ?? 'first');
    });
    await notice.getByRole('button', { name: app.t('retry_loading') }).click();
    await app.waitForAllVacancies();
    expect(await app.shownCount()).toBe(total);
    expect(resumedWith[0], 'the retry resumes from the page that failed').not.toBe('first');
    await expect(count).toHaveAttribute('data-partial', 'false');
  });

  test('before the first page arrives the count says "loading", not 0', async ({ page }) => {
    const app = new Passerelle(page, 'fr');
    const release = await holdRequests(page, '**/api/v1/vacancies?*');
    await page.goto(`/jobs?town=${mons.nis}&lang=fr`);
    const count = page.getByTestId('vacancy-count');
    await expect(count).toContainText(app.t('count_loading'));
    await expect(count).not.toContainText(/\b0\b/);
    release();
    await app.waitForAllVacancies();
    await expect(count).not.toContainText(app.t('count_loading'));
  });

  test('bad items in a page are skipped and counted, the rest of the page is kept', async ({ page, api, request }) => {
    const app = new Passerelle(page, 'fr');
    await page.route('**/api/v1/vacancies?*', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      if (!new URL(route.request().url()).searchParams.get('cursor')) {
        body.items[0].dutch_level = 'fluent_klingon';
        body.items[1].lat = null;
        delete body.items[2].title;
      }
      await route.fulfill({ response, json: body });
    });
    await page.goto(`/jobs?town=${mons.nis}&lang=fr`);
    await app.waitForAllVacancies();
    const total = (await apiSearch(request, api.baseURL, { limit: 1 })).total;
    expect(await app.shownCount()).toBe(total - 3);
    await expect(page.getByText(app.t('load_dropped', { count: 3 }))).toBeVisible();
  });

  test('an unreachable API on the vacancy page says so and keeps the page usable', async ({ page, api, request }) => {
    const app = new Passerelle(page, 'fr');
    const [first] = (await apiSearch(request, api.baseURL, { limit: 1 })).items;
    await page.route(`**/api/v1/vacancies/${first.id}`, (route) => route.abort('connectionrefused'));
    await page.goto(`/jobs?town=${mons.nis}&vacancy=${first.id}&lang=fr`);
    await expect(page.getByRole('alert')).toContainText(app.t('error_network'));
    await page.unroute(`**/api/v1/vacancies/${first.id}`);
    await page.getByRole('alert').getByRole('button', { name: app.t('retry_vacancy') }).click();
    await expect(page.getByText(app.t('train_ticket_note'))).toBeVisible();
  });

  test('a vacancy that no longer exists says so and offers the list, with a heading to land on', async ({ page }) => {
    const app = new Passerelle(page, 'fr');
    await page.goto(`/jobs?town=${mons.nis}&vacancy=999999&lang=fr`);
    await expect(page.getByRole('heading', { name: app.t('vacancy_gone_title') })).toBeFocused();
    await expect(page.getByText(app.t('vacancy_gone'))).toBeVisible();
    await expect(page.getByRole('button', { name: app.t('retry') })).toHaveCount(0);
    await page.getByRole('link', { name: app.t('detail_back') }).last().click();
    await expect(page).not.toHaveURL(/vacancy=/);
    await expect(page.getByRole('list', { name: app.t('list_label') })).toBeVisible();
  });
});
