import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { firstInAppVacancy, mons, Passerelle } from './support/passerelle';

/** Presses Tab until `target` has the focus (a person tabbing through the page). */
async function tabTo(page: Page, target: Locator, maxPresses = 80): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target, `not reachable within ${maxPresses} Tab presses`).toBeFocused();
}

test('the whole journey works by keyboard alone, with focus always visible', async ({ page, api, request, baseURL }) => {
  const app = new Passerelle(page, 'fr');
  await app.openStart();

  await tabTo(page, app.townInput());
  await page.keyboard.type('bergen');
  await page.keyboard.press('ArrowDown');
  await expect(app.townInput()).toHaveAttribute('aria-activedescendant', 'town-option-0');
  await page.keyboard.press('Enter');
  await expect(app.townInput()).toHaveValue(mons.name);

  // Tab enters the radio group on its checked radio ("I don't know"); arrows move within it.
  await tabTo(page, page.getByRole('radio', { checked: true }));
  for (let i = 0; i < 7 && !(await app.levelRadio('basic').isChecked()); i++) {
    await page.keyboard.press('ArrowDown');
  }
  await expect(app.levelRadio('basic')).toBeChecked();
  await expect(app.levelRadio('basic')).toBeFocused();
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline, 'the focused control shows a visible outline').not.toBe('none');

  await tabTo(page, page.getByRole('button', { name: app.t('show_jobs') }));
  await page.keyboard.press('Enter');
  await app.waitForAllVacancies();

  const firstVacancy = page.locator('a[data-vacancy-id]').first();
  await tabTo(page, firstVacancy, 150);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article').getByRole('heading', { level: 2 })).toBeFocused();

  const applyButton = page.getByRole('button', { name: app.t('detail_apply'), exact: true });
  const externalLink = page.getByRole('link', { name: app.t('detail_apply_external') });
  // The detail arrives from the API after the heading: wait for one way to apply before asking
  // which (counting at once raced the answer and took an in-app vacancy for an external one).
  await expect(applyButton.or(externalLink)).toBeVisible();
  const inApp = await applyButton.count();
  test.info().annotations.push({ type: 'vacancy', description: `in-app: ${inApp > 0}` });
  if (inApp === 0) {
    // The nearest vacancy applies on the employer's site: the link is reachable and named. The
    // form's keyboard journey then goes on with the nearest in-app vacancy, opened by its link.
    await tabTo(page, externalLink);
    const inAppVacancy = await firstInAppVacancy(request, baseURL!, {});
    await page.goto(`/jobs?town=${mons.nis}&level=basic&vacancy=${inAppVacancy.id}&lang=fr`);
    await expect(page.getByRole('heading', { level: 2, name: inAppVacancy.title })).toBeVisible();
  }
  await tabTo(page, applyButton);
  await page.keyboard.press('Enter');
  await tabTo(page, app.field('field_first_name'));
  await page.keyboard.type('Amélie');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Dupont');
  await page.keyboard.press('Tab');
  await page.keyboard.type('amelie@example.be');
  await tabTo(page, page.getByRole('checkbox', { name: app.t('field_consent') }));
  await page.keyboard.press('Space');
  const before = api.countRows('applications');
  await tabTo(page, page.getByRole('button', { name: app.t('apply_send') }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('application-reference')).toContainText(/PAS-/);
  expect(api.countRows('applications')).toBe(before + 1);
});
