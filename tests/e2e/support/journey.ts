import type { APIRequestContext } from '@playwright/test';
import { expect, type Api } from '../fixtures';
import { apiSearch, firstInAppVacancy, mons, Passerelle } from './passerelle';

/**
 * The whole journey of PRODUCT.md: town, Dutch level, the list, a vacancy, the application,
 * the reference, and exactly one new row in the stand-in's database.
 */
export async function applyFromMonsWithBasicDutch(app: Passerelle, api: Api, request: APIRequestContext, project: string) {
  const { page } = app;
  await app.openStart();
  await app.screenshot('start', project);
  await app.pickTown('mons', mons.names[app.lang]);
  await app.levelRadio('basic').check();
  await app.showJobs();

  // "Basic" shows what a basic speaker can do now or after a course: up to medium.
  const expected = await apiSearch(request, api.baseURL, { dutch_max: 'medium', limit: 1 });
  expect(await app.shownCount()).toBe(expected.total);
  await expect(page.getByTestId('vacancy-count')).toContainText(app.t('count_label', { count: '' }).trim());
  await app.screenshot('results', project);

  const vacancy = await firstInAppVacancy(request, api.baseURL, { dutch_max: 'medium' });
  await app.openFromList(vacancy.id);
  await expect(page.getByRole('article').getByRole('heading', { level: 2 })).toHaveText(vacancy.title);
  await expect(page.getByText(app.t('train_ticket_note'))).toBeVisible();
  await app.screenshot('vacancy', project);

  const before = api.countRows('applications');
  await page.getByRole('button', { name: app.t('detail_apply'), exact: true }).click();
  await app.field('field_first_name').fill('Amélie');
  await app.field('field_last_name').fill('Dupont');
  await app.field('field_email').fill('amelie.dupont@example.be');
  await app.field('field_message').fill('Je suis disponible dès lundi.');
  await page.getByRole('checkbox', { name: app.t('field_consent') }).check();
  await app.screenshot('apply', project);
  await page.getByRole('button', { name: app.t('apply_send') }).click();

  const reference = page.getByTestId('application-reference');
  await expect(reference).toContainText(/PAS-\d{4}-\d+/);
  await app.screenshot('sent', project);
  expect(api.countRows('applications')).toBe(before + 1);
}
