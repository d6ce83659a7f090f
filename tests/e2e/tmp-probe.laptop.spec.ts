import { test, expect } from './fixtures';
import { Passerelle, mons } from './support/passerelle';

test('probe goForward after change search', async ({ page }) => {
  const app = new Passerelle(page, 'fr');
  await app.openStart();
  await app.pickTown('mons', mons.name);
  await app.showJobs();
  console.log('before change', page.url());
  await page.getByRole('link', { name: app.t('change_search') }).click();
  await expect(app.townInput()).toBeVisible();
  console.log('after change', page.url());
  const t0 = Date.now();
  const r = await page.goForward({ timeout: 10_000 }).catch((e) => 'ERR ' + e.message.split('\n')[0]);
  console.log('goForward ->', r, Date.now() - t0, 'ms', page.url());
  const r2 = await page.goBack({ timeout: 10_000 }).catch((e) => 'ERR ' + e.message.split('\n')[0]);
  console.log('goBack ->', r2, page.url());
  const r3 = await page.goForward({ timeout: 10_000 }).catch((e) => 'ERR ' + e.message.split('\n')[0]);
  console.log('goForward ->', r3, page.url());
  const r4 = await page.goForward({ timeout: 10_000 }).catch((e) => 'ERR ' + e.message.split('\n')[0]);
  console.log('goForward (none) ->', r4, page.url());
});
