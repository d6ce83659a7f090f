import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { firstInAppVacancy, mons, Passerelle, type VacancySummary } from './support/passerelle';
import { type Lang } from './support/locales';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The app's keys in localStorage (everything it stores is under one prefix). */
async function appKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('passerelle.')));
}

/** Today as the app writes a date in French ("1er" for the first of the month). */
function frenchLongDate(date: Date): string {
  const text = new Intl.DateTimeFormat('fr-BE', { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
  return text.replace(/^1 /, '1er ');
}

/** Puts a draft saved `daysAgo` days ago in localStorage before the app starts. */
async function seedDraft(page: Page, vacancyId: number, daysAgo: number, firstName: string) {
  await page.addInitScript(
    ({ key, value }) => {
      // Only the first load: the app's own writes must survive a reload.
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem(key, value);
        sessionStorage.setItem('seeded', '1');
      }
    },
    {
      key: `passerelle.draft.${vacancyId}`,
      value: JSON.stringify({
        saved_at_ms: Date.now() - daysAgo * DAY_MS,
        value: { vacancy_id: vacancyId, first_name: firstName, email: 'ancien@example.be' },
      }),
    },
  );
}

async function openForm(page: Page, vacancy: VacancySummary, lang: Lang = 'fr') {
  await page.goto(`/jobs?town=${mons.nis}&level=basic&vacancy=${vacancy.id}&apply=1&lang=${lang}`);
}

async function sendApplication(app: Passerelle, lastName: string) {
  const { page } = app;
  await app.field('field_first_name').fill('Amélie');
  await app.field('field_last_name').fill(lastName);
  await app.field('field_email').fill('amelie@example.be');
  await page.getByRole('checkbox', { name: app.t('field_consent') }).check();
  await page.getByRole('button', { name: app.t('apply_send') }).click();
  const reference = page.getByTestId('application-reference');
  await expect(reference).toContainText(/PAS-\d{4}-\d+/);
  return /PAS-\d{4}-\d+/.exec((await reference.textContent()) ?? '')![0];
}

test.describe('personal data on this device', () => {
  test('a discarded draft is gone from the form and stays gone after a reload', async ({ page, api, request }, testInfo) => {
    const app = new Passerelle(page, 'fr');
    const vacancy = await firstInAppVacancy(request, api.baseURL, {});
    await openForm(page, vacancy);
    const discard = page.getByRole('button', { name: app.t('apply_discard') });
    await expect(discard, 'nothing typed, nothing to discard').toHaveCount(0);
    await app.field('field_first_name').fill('Amélie');
    await app.field('field_message').fill('Bonjour');
    await expect.poll(() => appKeys(page)).toEqual([`passerelle.draft.${vacancy.id}`]);

    // Asking first, in the page (no browser dialog), with focus on the safe choice.
    await discard.click();
    const keep = page.getByRole('button', { name: app.t('apply_discard_keep') });
    await expect(page.getByRole('group', { name: app.t('apply_discard_question') })).toBeVisible();
    await expect(keep).toBeFocused();
    await keep.press('Enter');
    await expect(discard).toBeFocused();
    await expect(app.field('field_first_name')).toHaveValue('Amélie');

    // Escape also keeps the draft.
    await discard.press('Enter');
    await expect(keep).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(discard).toBeFocused();
    await expect(app.field('field_message')).toHaveValue('Bonjour');

    await discard.click();
    await app.screenshot('apply-discard-confirm', testInfo.project.name);
    await page.getByRole('button', { name: app.t('apply_discard_yes') }).click();
    await expect(page.getByRole('status').filter({ hasText: app.t('apply_discarded') })).toBeVisible();
    await expect(app.field('field_first_name')).toHaveValue('');
    await expect(app.field('field_message')).toHaveValue('');
    await expect(app.field('field_first_name')).toBeFocused();
    await expect(discard).toHaveCount(0);
    await expect.poll(() => appKeys(page)).toEqual([]);

    await page.reload();
    await expect(app.field('field_first_name')).toBeVisible();
    await expect(app.field('field_first_name')).toHaveValue('');
    await expect(page.getByText(app.t('apply_draft_restored'))).toHaveCount(0);
  });

  test('a sent application is listed with its reference, title and date, and a deleted one stays deleted', async ({
    page,
    api,
    request,
  }, testInfo) => {
    const app = new Passerelle(page, 'fr');
    const vacancy = await firstInAppVacancy(request, api.baseURL, {});
    await openForm(page, vacancy);
    const reference = await sendApplication(app, 'Lambert');

    await page.getByRole('link', { name: app.t('nav_applications'), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: app.t('applications_title') })).toBeFocused();
    const entry = page.getByRole('listitem').filter({ hasText: reference });
    await expect(entry).toHaveCount(1);
    await expect(entry.getByRole('heading', { level: 2 })).toHaveText(vacancy.title);
    await expect(entry).toContainText(app.t('applications_sent_on', { date: frenchLongDate(new Date()) }));
    await expect(page.getByText(app.t('applications_count', { count: 1 }))).toBeVisible();
    // The durations in the note are the app's retention times.
    await expect(page.getByText(app.t('privacy_device_sent', { days: 365 }))).toBeVisible();
    await app.screenshot('my-applications', testInfo.project.name);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);

    // The vacancy opens again in the search it was sent from.
    await entry.getByRole('link', { name: app.t('applications_open_vacancy') }).click();
    await expect(page.getByRole('article').getByRole('heading', { level: 2 })).toHaveText(vacancy.title);
    await page.goBack();

    await page.reload();
    await expect(page.getByRole('listitem').filter({ hasText: reference })).toHaveCount(1);
    await page
      .getByRole('listitem')
      .filter({ hasText: reference })
      .getByRole('button', { name: app.t('applications_delete_named', { reference }) })
      .click();
    await expect(page.getByRole('listitem').filter({ hasText: reference })).toHaveCount(0);
    await expect(page.getByText(app.t('applications_deleted', { reference }))).toBeVisible();
    // The last entry gone, focus returns to the page's heading, not to the document's start.
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await expect(page.getByText(app.t('applications_empty'))).toBeVisible();

    await page.reload();
    await expect(page.getByText(app.t('applications_empty'))).toBeVisible();
    await expect(page.getByText(reference)).toHaveCount(0);
    expect(await appKeys(page)).toEqual([]);
  });

  test('deleting one of several applications moves focus to the next, and undo brings it back', async ({
    page,
    api,
    request,
  }) => {
    const app = new Passerelle(page, 'en');
    const vacancy = await firstInAppVacancy(request, api.baseURL, {});
    // Three records as the app writes them; the newest is listed first.
    await page.addInitScript((ids: number[]) => {
      if (sessionStorage.getItem('seeded')) return;
      sessionStorage.setItem('seeded', '1');
      ids.forEach((id, i) =>
        localStorage.setItem(
          `passerelle.sent.${id}`,
          JSON.stringify({
            saved_at_ms: Date.now() - (i + 1) * 60_000,
            value: { vacancy_id: id, reference: `PAS-2026-00000${i + 1}`, received_at: '2026-11-30T10:00:00Z', title: `Vacature ${i + 1}` },
          }),
        ),
      );
    }, [vacancy.id, vacancy.id + 100_000, vacancy.id + 200_000]);
    await page.goto('/applications?lang=en');
    const titles = page.getByRole('listitem').getByRole('heading', { level: 2 });
    await expect(titles).toHaveText(['Vacature 1', 'Vacature 2', 'Vacature 3']);

    await page.getByRole('button', { name: app.t('applications_delete_named', { reference: 'PAS-2026-000002' }) }).click();
    await expect(titles).toHaveText(['Vacature 1', 'Vacature 3']);
    await expect(page.getByRole('heading', { name: 'Vacature 3' })).toBeFocused();

    await page.getByRole('button', { name: app.t('applications_undo') }).click();
    await expect(titles).toHaveText(['Vacature 2', 'Vacature 1', 'Vacature 3']);
    await expect(page.getByRole('heading', { name: 'Vacature 2' })).toBeFocused();
    await page.reload();
    await expect(titles).toHaveCount(3);
  });

  test('a draft older than 30 days is not restored, and is removed', async ({ page, api, request }) => {
    const app = new Passerelle(page, 'fr');
    const vacancy = await firstInAppVacancy(request, api.baseURL, {});
    await seedDraft(page, vacancy.id, 31, 'Ancienne');
    await openForm(page, vacancy);
    await expect(app.field('field_first_name')).toBeVisible();
    await expect(app.field('field_first_name')).toHaveValue('');
    await expect(page.getByText(app.t('apply_draft_restored'))).toHaveCount(0);
    await expect.poll(() => appKeys(page)).toEqual([]);
  });

  test('a draft saved 29 days ago is still restored', async ({ page, api, request }) => {
    // The same seeding as the test above, a day younger: proves that one fails for the right reason.
    const app = new Passerelle(page, 'fr');
    const vacancy = await firstInAppVacancy(request, api.baseURL, {});
    await seedDraft(page, vacancy.id, 29, 'Récente');
    await openForm(page, vacancy);
    await expect(app.field('field_first_name')).toHaveValue('Récente');
    await expect(page.getByText(app.t('apply_draft_restored'))).toBeVisible();
  });
});
