import { test, expect } from './fixtures';
import { apiSearch, mons, Passerelle } from './support/passerelle';

test.describe('when the API fails', () => {
  test('a server error gets a translated message and a retry that works', async ({ page, api, request }) => {
    const app = new Passerelle(page, 'fr');
    let failures = 0;
    await page.route('**/api/v1/vacancies?*', (route) => {
      failures += 1;
      return route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{"type":"about:blank","title":"down","status":503}' });
    });
    await page.goto(`/jobs?town=${mons.nis}&lang=fr`);
    const notice = page.getByRole('alert');
    await expect(notice).toContainText(app.t('load_failed_partial'));
    await expect(notice).toContainText(app.t('error_server', { status: 503 }));
    expect(failures).toBe(1);

    await page.unroute('**/api/v1/vacancies?*');
    await notice.getByRole('button', { name: app.t('retry') }).click();
    await app.waitForAllVacancies();
    expect(await app.shownCount()).toBe((await apiSearch(request, api.baseURL, { limit: 1 })).total);
  });

  test('a malformed later page keeps what arrived and offers a retry', async ({ page, api, request }) => {
    const app = new Passerelle(page, 'fr');
    await page.route('**/api/v1/vacancies?*cursor=*', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"total": 3, "items": [' }));
    await page.goto(`/jobs?town=${mons.nis}&lang=fr`);
    const notice = page.getByRole('alert');
    await expect(notice).toContainText(app.t('error_malformed'));
    const partial = await app.shownCount();
    const total = (await apiSearch(request, api.baseURL, { limit: 1 })).total;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(total);
    await expect(page.locator('a[data-vacancy-id]').first()).toBeVisible();

    await page.unroute('**/api/v1/vacancies?*cursor=*');
    await notice.getByRole('button', { name: app.t('retry') }).click();
    await app.waitForAllVacancies();
    expect(await app.shownCount()).toBe(total);
  });

  test('an unreachable API on the vacancy page says so and keeps the page usable', async ({ page, api, request }) => {
    const app = new Passerelle(page, 'fr');
    const [first] = (await apiSearch(request, api.baseURL, { limit: 1 })).items;
    await page.route(`**/api/v1/vacancies/${first.id}`, (route) => route.abort('connectionrefused'));
    await page.goto(`/jobs?town=${mons.nis}&vacancy=${first.id}&lang=fr`);
    await expect(page.getByRole('alert')).toContainText(app.t('error_network'));
    await page.unroute(`**/api/v1/vacancies/${first.id}`);
    await page.getByRole('alert').getByRole('button', { name: app.t('retry') }).click();
    await expect(page.getByText(app.t('train_ticket_note'))).toBeVisible();
  });
});
