import { test, expect } from './fixtures';
import { Passerelle } from './support/passerelle';
import { literal } from './support/locales';

// The release build cuts every screen but the start page into wasm parts fetched when first
// opened (`cargo xtask split-wasm`). These tests watch what the browser fetches, and what a
// visitor sees when a part cannot be fetched.

/** The wasm files the page asks for, by path, in order. */
function wasmRequests(page: import('@playwright/test').Page): string[] {
  const paths: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.wasm')) paths.push(path);
  });
  return paths;
}

test('the start page fetches only the shell and, in the background, the results screen; My applications comes when opened', async ({ page }) => {
  const fetched = wasmRequests(page);
  const app = new Passerelle(page, 'fr');
  await app.openStart();
  // The results screen's code arrives while the visitor is still picking a town.
  await expect.poll(() => fetched.some((p) => p.startsWith('/split_results-'))).toBe(true);
  expect(fetched.filter((p) => /^\/passerelle-.*_bg\.wasm$/.test(p))).toHaveLength(1);
  expect(fetched.filter((p) => /^\/split_(desk|zone|applications|shortlist)-/.test(p))).toEqual([]);

  await page.getByRole('link', { name: app.t('nav_applications') }).click();
  await expect(page.getByRole('heading', { name: app.t('applications_title') })).toBeVisible();
  expect(fetched.some((p) => p.startsWith('/split_applications-'))).toBe(true);
  expect(fetched.filter((p) => /^\/split_(desk|zone)-/.test(p))).toEqual([]);
});

test('a screen whose code cannot be fetched says so in the visitor\'s language, and opens once the connection is back', async ({ page }) => {
  const app = new Passerelle(page, 'nl');
  let offline = true;
  await page.route('**/split_applications-*.wasm', (route) =>
    offline ? route.abort('internetdisconnected') : route.continue(),
  );
  await app.openStart();

  await page.getByRole('link', { name: app.t('nav_applications') }).click();
  await expect(page.getByRole('alert')).toContainText(literal(app.t('screen_unavailable')));
  // The rest of the app still works: the header is there, and Back goes to the start page.
  await expect(page.getByRole('link', { name: app.t('nav_applications') })).toBeVisible();

  offline = false;
  await page.getByRole('button', { name: app.t('retry') }).click();
  await expect(page.getByRole('heading', { name: app.t('applications_title') })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);

  await page.goBack();
  await expect(app.townInput()).toBeVisible();
});

test('after a new version is deployed, a screen whose code is gone offers to reload, and the reload opens it', async ({ page }) => {
  const app = new Passerelle(page, 'en');
  await app.openStart();
  // The deployment replaced the build: the running build's parts are gone, and the server's
  // index.html names another glue.
  await page.route('**/split_applications-*.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.route(
    (url) => url.pathname === '/',
    async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replaceAll(/passerelle-[0-9a-f]+/g, 'passerelle-0000000000000000');
      await route.fulfill({ response, body: html });
    },
  );

  await page.getByRole('link', { name: app.t('nav_applications') }).click();
  await expect(page.getByRole('alert')).toContainText(literal(app.t('screen_outdated')));
  await expect(page.getByRole('button', { name: app.t('retry') })).toHaveCount(0);

  await page.unrouteAll({ behavior: 'wait' });
  await page.getByRole('button', { name: app.t('reload_page') }).click();
  await expect(page.getByRole('heading', { name: app.t('applications_title') })).toBeVisible();
  await expect(page).toHaveURL(/\/applications\?lang=en$/);
});
