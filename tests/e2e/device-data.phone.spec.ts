import { test, expect } from './fixtures';
import { firstInAppVacancy, mons, Passerelle } from './support/passerelle';

test('on a phone, a draft is discarded by touch and a sent application is listed', async ({ page, api, request }, testInfo) => {
  const app = new Passerelle(page, 'fr');
  const vacancy = await firstInAppVacancy(request, api.baseURL, {});
  await page.goto(`/jobs?town=${mons.nis}&level=basic&vacancy=${vacancy.id}&apply=1&lang=fr`);
  await app.field('field_first_name').fill('Amélie');
  await page.getByRole('button', { name: app.t('apply_discard') }).tap();
  await expect(page.getByRole('button', { name: app.t('apply_discard_keep') })).toBeFocused();
  await app.screenshot('apply-discard-confirm', testInfo.project.name);
  await page.getByRole('button', { name: app.t('apply_discard_yes') }).tap();
  await expect(app.field('field_first_name')).toHaveValue('');

  await app.field('field_first_name').fill('Amélie');
  await app.field('field_last_name').fill('Dupont');
  await app.field('field_email').fill('amelie@example.be');
  await page.getByRole('checkbox', { name: app.t('field_consent') }).check();
  await page.getByRole('button', { name: app.t('apply_send') }).tap();
  await expect(page.getByTestId('application-reference')).toContainText(/PAS-\d{4}-\d+/);
  const reference = /PAS-\d{4}-\d+/.exec((await page.getByTestId('application-reference').textContent()) ?? '')![0];

  await page.getByRole('link', { name: app.t('apply_see_applications') }).tap();
  const entry = page.getByRole('listitem').filter({ hasText: reference });
  await expect(entry.getByRole('heading', { level: 2 })).toHaveText(vacancy.title);
  // Nothing wider than the phone: the header and the entries wrap instead of scrolling sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await app.screenshot('my-applications', testInfo.project.name);
});
