import { test, expect } from './fixtures';
import { kioskConfig } from './support/kiosk';
import { tr } from './support/locales';
import { Passerelle } from './support/passerelle';

test('a personal deployment can be tried as a kiosk with ?mode=kiosk, and is personal without it', async ({ page }) => {
  await page.goto('/?mode=kiosk');
  await expect(page.getByRole('button', { name: 'Nederlands' })).toBeVisible({ timeout: 30_000 });
  // The kiosk speaks its own language (French by default), not the browser's English.
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('button', { name: 'Mons', exact: true })).toBeVisible();

  await page.goto('/?lang=en');
  const app = new Passerelle(page, 'en');
  await expect(app.townInput()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Nederlands' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Mons', exact: true })).toHaveCount(0);
});

test('a kiosk configuration that would be unsafe is refused with a message the staff can act on', async ({ page, api, problems }) => {
  await page.route('**/config.json', (route) => route.fulfill({ json: kioskConfig(api, { idle_seconds: 5 }) }));
  await page.goto('/?lang=fr');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(tr('fr', 'config_error'), { timeout: 30_000 });
  await expect(alert).toContainText('kiosk.idle_seconds');
  await expect(alert.getByRole('button', { name: tr('fr', 'retry') })).toBeVisible();
  expect(problems.pageErrors).toEqual([]);
});
