import { test, expect } from './fixtures';
import { literal, tr } from './support/locales';
import { mons, Passerelle } from './support/passerelle';

// What the first load asks for, and in what order. index.html asks for config.json while the
// wasm downloads and hands the answer to the app (src/api/config.rs); Leaflet comes with the
// first screen that has a map, not with the start page (components/map/leaflet_loader.rs).

test('the start page asks for its settings once, and is drawn before Leaflet is loaded', async ({ page }) => {
  const configRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/config.json') configRequests.push(request.url());
  });
  // Whether Leaflet (`window.L`) existed when the start page's heading was put in the page.
  await page.addInitScript(() => {
    const w = window as unknown as { leafletAtHeading?: boolean; L?: unknown };
    new MutationObserver((_, observer) => {
      if (document.querySelector('h1') && w.leafletAtHeading === undefined) {
        w.leafletAtHeading = w.L !== undefined;
        observer.disconnect();
      }
    }).observe(document, { subtree: true, childList: true });
  });
  const app = new Passerelle(page, 'fr');
  await app.openStart();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(app.t('start_title'));
  expect(await page.evaluate(() => (window as unknown as { leafletAtHeading?: boolean }).leafletAtHeading)).toBe(false);
  // Then it arrives in the background, so that the results do not wait for it.
  await expect.poll(() => page.evaluate(() => typeof (window as unknown as { L?: unknown }).L)).toBe('object');
  // The page's own request was the app's: it did not ask again.
  expect(configRequests).toHaveLength(1);
});

test('settings the server cannot give are a translated message with a way to try again', async ({ page, problems }) => {
  let answer: 'down' | 'garbled' | 'fine' = 'down';
  await page.route('**/config.json', (route) =>
    answer === 'down'
      ? route.fulfill({ status: 503, body: 'unavailable' })
      : answer === 'garbled'
        ? route.fulfill({ contentType: 'application/json', body: '{"api_base": ' })
        : route.continue(),
  );
  await page.goto('/?lang=nl');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(tr('nl', 'config_error'), { timeout: 30_000 });

  answer = 'garbled';
  await alert.getByRole('button', { name: tr('nl', 'retry') }).click();
  await expect(alert).toContainText(tr('nl', 'config_error'), { timeout: 30_000 });
  await expect(alert).toContainText(tr('nl', 'technical_detail'));

  answer = 'fine';
  await page.getByRole('alert').getByRole('button', { name: tr('nl', 'retry') }).click();
  const app = new Passerelle(page, 'nl');
  await expect(app.townInput()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(problems.pageErrors).toEqual([]);
});

test('a map screen whose Leaflet cannot be fetched says so, and opens once the connection is back', async ({ page }) => {
  const app = new Passerelle(page, 'de');
  let offline = true;
  await page.route('**/vendor/leaflet/leaflet.js', (route) =>
    offline ? route.abort('internetdisconnected') : route.continue(),
  );
  await page.goto(`/jobs?town=${mons.nis}&lang=de`);
  await expect(page.getByRole('alert')).toContainText(literal(app.t('screen_unavailable')), { timeout: 30_000 });
  // The header still works while the screen cannot open.
  await expect(page.getByRole('link', { name: app.t('nav_applications') })).toBeVisible();

  offline = false;
  await page.getByRole('button', { name: app.t('retry') }).click();
  await app.waitForAllVacancies();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await app.shownCount()).toBeGreaterThan(0);
});
