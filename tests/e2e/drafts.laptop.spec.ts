import { test, expect } from './fixtures';
import { firstInAppVacancy, mons, Passerelle } from './support/passerelle';
import { literal } from './support/locales';

test.describe('an application draft', () => {
  test('survives a reload with everything typed', async ({ page, api, request }) => {
    const app = new Passerelle(page, 'fr');
    const vacancy = await firstInAppVacancy(request, api.baseURL, {});
    await page.goto(`/jobs?town=${mons.nis}&level=basic&vacancy=${vacancy.id}&apply=1&lang=fr`);
    await app.field('field_first_name').fill('Amélie');
    await app.field('field_email').fill('amelie@exemple');
    await app.field('field_message').fill('Première ligne\nDeuxième ligne');

    await page.reload();
    await expect(app.field('field_first_name')).toHaveValue('Amélie');
    await expect(app.field('field_email')).toHaveValue('amelie@exemple');
    await expect(app.field('field_message')).toHaveValue('Première ligne\nDeuxième ligne');
    await expect(page.getByText(app.t('apply_draft_restored'))).toBeVisible();
  });

  test('sent over a connection cut after the server stored it, then retried, makes exactly one application', async ({ page, api, request }) => {
    const app = new Passerelle(page, 'fr');
    const vacancy = await firstInAppVacancy(request, api.baseURL, {});
    await page.goto(`/jobs?town=${mons.nis}&level=basic&vacancy=${vacancy.id}&apply=1&lang=fr`);
    await app.field('field_first_name').fill('Jean');
    await app.field('field_last_name').fill('Lambert');
    await app.field('field_email').fill('jean.lambert@example.be');
    await page.getByRole('checkbox', { name: app.t('field_consent') }).check();
    const before = api.countRows('applications');

    // The request reaches the server, which stores it; the answer never reaches the phone.
    let cut = 0;
    await page.route('**/api/v1/applications', async (route) => {
      await route.fetch();
      cut += 1;
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: app.t('apply_send') }).click();
    await expect(page.getByText(app.t('apply_send_failed'), { exact: false })).toBeVisible();
    expect(cut).toBe(1);
    expect(api.countRows('applications')).toBe(before + 1);
    await expect(app.field('field_last_name')).toHaveValue('Lambert');

    await page.unroute('**/api/v1/applications');
    await page.getByRole('button', { name: app.t('apply_send') }).click();
    await expect(page.getByTestId('application-reference')).toContainText(/PAS-\d{4}-\d+/);
    expect(api.countRows('applications')).toBe(before + 1);
  });

  test('with invalid fields shows translated errors on those fields and sends nothing', async ({ page, api, request }) => {
    const app = new Passerelle(page, 'de');
    const vacancy = await firstInAppVacancy(request, api.baseURL, {});
    await page.goto(`/jobs?town=${mons.nis}&vacancy=${vacancy.id}&apply=1&lang=de`);
    await app.field('field_email').fill('nicht-gültig');
    const before = api.countRows('applications');
    await page.getByRole('button', { name: app.t('apply_send') }).click();

    await expect(app.field('field_first_name')).toBeFocused();
    await expect(app.field('field_first_name')).toHaveAttribute('aria-invalid', 'true');
    await expect(app.field('field_email')).toHaveAccessibleDescription(literal(app.t('error_invalid_email')));
    await expect(page.getByRole('checkbox', { name: literal(app.t('field_consent')) })).toHaveAccessibleDescription(literal(app.t('error_consent_required')));
    expect(api.countRows('applications')).toBe(before);
  });
});
