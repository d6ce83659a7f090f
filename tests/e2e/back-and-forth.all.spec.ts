import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect, type PageProblems } from './fixtures';
import { literal, tr } from './support/locales';
import { firstInAppVacancy, mons, Passerelle } from './support/passerelle';

/**
 * Guards the regression where going back from a vacancy to the list panicked the wasm app
 * ("reactive value already disposed", then `unreachable`, then "RefCell already borrowed") and
 * left it dead: clicks still changed the URL but nothing on screen followed.
 */

/** The title the API gives a vacancy (what its heading must say). */
async function titleOf(request: APIRequestContext, baseURL: string, id: number): Promise<string> {
  const response = await request.get(`${baseURL}/api/v1/vacancies/${id}`);
  expect(response.ok(), `the API answered ${response.status()} for vacancy ${id}`).toBe(true);
  return (await response.json()).title;
}

/** The `vacancy=` parameter of a link or of the page's URL. */
function vacancyParam(href: string, base: string): number | null {
  const value = new URL(href, base).searchParams.get('vacancy');
  return value === null ? null : Number(value);
}

/** Nothing went wrong in the page so far: no uncaught error, no console error, no panic. */
function expectNoProblems(problems: PageProblems, after: string): void {
  // Both at once: a wasm panic's message is in the console, its `unreachable` among the page errors.
  const firstLines = (errors: string[]) => errors.map((e) => e.split('\n').slice(0, 3).join('\n'));
  expect(
    { consoleErrors: firstLines(problems.consoleErrors), pageErrors: firstLines(problems.pageErrors) },
    `errors in the page after ${after}`,
  ).toEqual({ consoleErrors: [], pageErrors: [] });
}

/** The results list as a person sees it, no vacancy open, and the URL without `vacancy=`. */
async function expectListShown(app: Passerelle, problems: PageProblems, after: string): Promise<void> {
  const { page } = app;
  await expect(page).toHaveURL((url) => url.pathname === '/jobs' && !url.searchParams.has('vacancy'));
  await expect(page.getByRole('heading', { level: 1, name: app.t('results_title', { town: mons.name }) })).toBeVisible();
  await expect(page.getByRole('list', { name: app.t('list_label') })).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(0);
  expectNoProblems(problems, after);
}

/** Vacancy `id` open, under its own title, with the URL saying so. */
async function expectVacancyShown(app: Passerelle, problems: PageProblems, id: number, title: string, after: string): Promise<void> {
  const { page } = app;
  await expect(page).toHaveURL((url) => url.searchParams.get('vacancy') === String(id));
  await expect(page.getByRole('heading', { level: 2, name: title, exact: true })).toBeVisible();
  await expect(page.getByText(app.t('train_ticket_note'))).toBeVisible();
  expectNoProblems(problems, after);
}

/** Clicks the `index`-th card of the list, checking first that it still leads to vacancy `id`. */
async function openCard(page: Page, app: Passerelle, index: number, id: number): Promise<void> {
  const card = page.getByRole('list', { name: app.t('list_label') }).getByRole('link').nth(index);
  await expect(card).toHaveAttribute('href', new RegExp(`[?&]vacancy=${id}(&|$)`));
  await card.click();
}

test('going back and forth between the list and vacancies keeps the app alive, then an application goes through', async ({ page, api, request, problems }) => {
  const app = new Passerelle(page, 'fr');
  await app.openStart();
  await app.pickTown('mons', mons.name);
  await app.levelRadio('basic').check();
  await app.showJobs();
  await expectListShown(app, problems, 'showing the jobs');

  // Two vacancies from the top of the list, and a third that takes in-app applications.
  const inApp = await firstInAppVacancy(request, api.baseURL, { dutch_max: 'medium' });
  const cards = page.getByRole('list', { name: app.t('list_label') }).getByRole('link');
  const hrefs = await cards.evaluateAll((links) => links.slice(0, 10).map((a) => a.getAttribute('href') ?? ''));
  const ids = hrefs.map((href) => vacancyParam(href, api.baseURL));
  const [firstIndex, secondIndex] = ids.flatMap((id, i) => (id !== null && id !== inApp.id ? [i] : [])).slice(0, 2);
  expect(secondIndex, 'two vacancies besides the in-app one at the top of the list').toBeDefined();
  const first = ids[firstIndex]!;
  const second = ids[secondIndex]!;
  const firstTitle = await titleOf(request, api.baseURL, first);
  const secondTitle = await titleOf(request, api.baseURL, second);

  await openCard(page, app, firstIndex, first);
  await expectVacancyShown(app, problems, first, firstTitle, 'opening the first vacancy');

  await page.getByRole('link', { name: literal(app.t('detail_back')) }).first().click();
  await expectListShown(app, problems, 'the "back to list" link');
  // Focus returns to the card just closed, so a keyboard user carries on where they were.
  await expect(cards.nth(firstIndex)).toBeFocused();

  await openCard(page, app, secondIndex, second);
  await expectVacancyShown(app, problems, second, secondTitle, 'opening the second vacancy');

  await page.goBack();
  await expectListShown(app, problems, "the browser's Back");

  await page.goForward();
  await expectVacancyShown(app, problems, second, secondTitle, "the browser's Forward");

  await page.goBack();
  await expectListShown(app, problems, "the browser's Back a second time");

  // The list still answers: open the in-app vacancy and apply.
  await app.openFromList(inApp.id);
  await expectVacancyShown(app, problems, inApp.id, inApp.title, 'opening the in-app vacancy');
  const before = api.countRows('applications');
  await page.getByRole('button', { name: app.t('detail_apply'), exact: true }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get('apply') === '1');
  await app.field('field_first_name').fill('Amélie');
  await app.field('field_last_name').fill('Dupont');
  await app.field('field_email').fill('amelie.dupont@example.be');
  await app.field('field_message').fill('Je suis disponible dès lundi.');
  await page.getByRole('checkbox', { name: app.t('field_consent') }).check();
  await page.getByRole('button', { name: app.t('apply_send') }).click();
  await expect(page.getByTestId('application-reference')).toContainText(/PAS-\d{4}-\d+/);
  expect(api.countRows('applications')).toBe(before + 1);

  expectNoProblems(problems, 'the whole walk');
  await expect(page.getByText(/panicked|RuntimeError|unreachable/)).toHaveCount(0);
});

test("after Back and Forward the language menu names the page's language", async ({ page, problems }) => {
  // Found by the random walk (wander.laptop.spec.ts, seed 20261201): once a person had
  // chosen a language in the menu, Back and Forward changed the page's language but the menu kept
  // showing the one chosen before.
  const app = new Passerelle(page, 'fr');
  await app.openStart();
  await app.pickTown('mons', mons.name);
  await app.showJobs();
  await page.getByRole('link', { name: app.t('change_search') }).click();
  const menu = (lang: 'fr' | 'de') => page.getByRole('banner').getByRole('combobox', { name: tr(lang, 'language_label') });

  await menu('fr').selectOption('de');
  await expect(page.getByRole('heading', { level: 1, name: tr('de', 'start_title') })).toBeVisible();
  await expect(menu('de')).toHaveValue('de');

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: app.t('results_title', { town: mons.name }) })).toBeVisible();
  await expect(menu('fr')).toHaveValue('fr');

  await page.goForward();
  await expect(page.getByRole('heading', { level: 1, name: tr('de', 'start_title') })).toBeVisible();
  await expect(menu('de')).toHaveValue('de');
  expectNoProblems(problems, 'Back and Forward across a language change');
});
