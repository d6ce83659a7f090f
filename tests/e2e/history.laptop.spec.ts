import { test, expect } from './fixtures';
import { Passerelle } from './support/passerelle';

/**
 * The address bar and Back must follow every move, whatever came before. leptos_router 0.8.17
 * skipped `pushState` for a link to the page its own history stack wrongly believed current (the
 * stack lagged after an address rewritten in place and Backs), so the page changed but the
 * address did not, and the next Back went one step too far. Patched in `vendor/leptos_router`
 * (see vendor/README.md); found by the random walk, seed 1771547017.
 */
test('after an address rewritten and rewritten back, Back then a link to that page changes the address too', async ({ page, problems }) => {
  const app = new Passerelle(page, 'fr');
  await app.openStart();
  await page.getByRole('link', { name: app.t('desk_link') }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/desk' && !url.searchParams.has('town'));
  // The desk rewrites its own address in place (replacing navigations): a town, then none.
  await app.addDeskTown('Mons', 'Mons');
  await expect(page).toHaveURL((url) => url.searchParams.has('town'));
  await page.getByRole('button', { name: app.t('desk_remove_town', { town: 'Mons' }) }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/desk' && !url.searchParams.has('town'));

  await page.goBack();
  await expect(app.townInput()).toBeVisible();
  await expect(page).toHaveURL((url) => url.pathname === '/');

  // The router's stack still ended on this very desk address, so it used to skip pushState.
  await page.getByRole('link', { name: app.t('desk_link') }).click();
  await expect(page.getByRole('combobox', { name: app.t('desk_add_town') })).toBeVisible();
  await expect(page, 'the address follows the page').toHaveURL((url) => url.pathname === '/desk');

  // And Back returns to the page before it, not one step further.
  await page.goBack();
  await expect(page).toHaveURL((url) => url.pathname === '/');
  await expect(app.townInput()).toBeVisible();
  expect(problems.pageErrors).toEqual([]);
});
