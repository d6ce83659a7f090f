import { test, expect } from './fixtures';
import { expectNoAxeViolations as expectNoViolations } from './support/axe';
import { langs, literal } from './support/locales';
import { firstInAppVacancy, mons, Passerelle } from './support/passerelle';

for (const lang of langs) {
  test(`every screen passes axe in ${lang}`, async ({ page, api, request }) => {
    const app = new Passerelle(page, lang);
    await app.openStart();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expectNoViolations(page, 'start');

    await page.goto(`/jobs?town=${mons.nis}&level=basic&lang=${lang}`);
    await app.waitForAllVacancies();
    await expectNoViolations(page, 'results');

    const vacancy = await firstInAppVacancy(request, api.baseURL, { dutch_max: 'medium' });
    await page.goto(`/jobs?town=${mons.nis}&level=basic&vacancy=${vacancy.id}&lang=${lang}`);
    await expect(page.getByText(app.t('train_ticket_note'))).toBeVisible();
    await expectNoViolations(page, 'vacancy');

    await page.getByRole('button', { name: app.t('detail_apply'), exact: true }).click();
    await page.getByRole('button', { name: app.t('apply_send') }).click();
    await expect(page.getByRole('checkbox', { name: literal(app.t('field_consent')) })).toHaveAccessibleDescription(literal(app.t('error_consent_required')));
    await expectNoViolations(page, 'apply form with errors');

    await page.goto(`/applications?lang=${lang}`);
    await expect(page.getByText(app.t('applications_empty'))).toBeVisible();
    await expectNoViolations(page, 'my applications, none yet');
  });
}
