import { test, expect } from './fixtures';
import { mons, Passerelle } from './support/passerelle';

test.describe('"use my location"', () => {
  test('proposes the nearest Walloon municipality and takes it only once confirmed', async ({ browser, baseURL }) => {
    const context = await browser.newContext({
      baseURL,
      geolocation: { latitude: 50.4550, longitude: 3.9530 },
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    const app = new Passerelle(page, 'fr');
    await app.openStart();
    await page.getByRole('button', { name: app.t('use_location') }).click();
    await expect(page.getByText(app.t('location_propose', { town: mons.name }))).toBeVisible();
    await expect(app.townInput()).toHaveValue('');
    await page.getByRole('button', { name: app.t('location_confirm') }).click();
    await expect(app.townInput()).toHaveValue(mons.name);
    await context.close();
  });

  test('refused by the person says so and leaves the picker usable', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, permissions: [] });
    const page = await context.newPage();
    const app = new Passerelle(page, 'nl');
    await app.openStart();
    await page.getByRole('button', { name: app.t('use_location') }).click();
    await expect(page.getByText(app.t('location_denied'))).toBeVisible();
    await app.pickTown('7000', mons.names.nl);
    await context.close();
  });
});
