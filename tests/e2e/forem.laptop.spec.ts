import { test, expect } from './fixtures';
import { literal } from './support/locales';
import { mons, Passerelle } from './support/passerelle';

/**
 * The stand-in API on Le Forem's open data (`--source forem`), synced from a local fake portal
 * over `crates/api/tests/fixtures/forem/offers.json`: Flemish offers in French, none stating a
 * Dutch level, no description, applications on the source's site.
 */
test.use({ source: 'forem' });

test('a French jobseeker in Mons sees Le Forem offers marked "level not stated", can hide them, and reaches the full offer', async ({ page, request, problems }, testInfo) => {
  // The first sync runs at start; the API answers from the moment it has one.
  await expect
    .poll(async () => (await (await request.get('/api/v1/health')).json()).vacancies, { timeout: 30_000 })
    .toBeGreaterThan(0);
  const search = await request.get(`/api/v1/vacancies?lat=${mons.lat}&lon=${mons.lon}&radius_km=60&limit=1000`);
  const inReach: { id: number; title: string; dutch_level: string | null; source: string }[] = (await search.json()).items;
  expect(inReach.length, 'fixture offers within 60 km of Mons').toBeGreaterThan(5);
  expect(inReach.every((v) => v.dutch_level === null && v.source === 'forem')).toBe(true);

  const app = new Passerelle(page, 'fr');
  await app.openStart();
  await app.pickTown('mons', mons.name);
  await app.levelRadio('basic').check();
  await app.showJobs();

  // Every offer in reach is shown with a level filter on: not stating a level does not hide it.
  await expect.poll(() => app.shownCount()).toBe(inReach.length);
  const list = page.getByRole('list', { name: app.t('list_label') });
  await expect(list.getByText(app.t('dutch_required', { level: app.t('level_unstated_asked') })).first()).toBeVisible();
  await expect(list.getByText(app.t('dutch_required', { level: app.t('level_unstated_no_language') })).first()).toBeVisible();
  await expect(page.getByRole('group', { name: app.t('legend_title') }).getByText(app.t('fit_not_stated'))).toBeVisible();
  await expect(page.getByRole('link', { name: app.t('attribution_forem') })).toBeVisible();
  await expect(page.getByTestId('payoff-sentence').locator('xpath=../..')).toContainText(
    app.t('payoff_unstated', { count: inReach.length }),
  );
  await app.screenshot('forem-results', testInfo.project.name);

  // The person may hide them; the choice is in the address.
  const showThem = page.getByRole('checkbox', { name: app.t('filter_show_unstated', { count: inReach.length }) });
  await expect(showThem).toBeChecked();
  await showThem.uncheck();
  await expect(page).toHaveURL((url) => url.searchParams.get('unstated') === 'hide');
  await expect.poll(() => app.shownCount()).toBe(0);
  await showThem.check();
  await expect.poll(() => app.shownCount()).toBe(inReach.length);

  // An offer: what there is, the marking, the attribution, and the link to the full offer.
  const first = inReach[0]!;
  await app.openFromList(first.id);
  const article = page.getByRole('article');
  await expect(article.getByRole('heading', { level: 2, name: first.title, exact: true })).toBeVisible();
  await expect(article.getByText(app.t('level_unstated_desc'))).toBeVisible();
  await expect(article.getByText(app.t('detail_no_description'))).toBeVisible();
  await expect(article.getByText(app.t('original_language_note_fr'))).toBeVisible();
  await expect(article.getByRole('link', { name: app.t('attribution_forem') })).toBeVisible();
  const fullOffer = article.getByRole('link', { name: literal(app.t('detail_apply_source')) });
  await expect(fullOffer).toHaveAttribute('href', /^https:\/\/offres\.example\.be\/forem\/\d+$/);
  await expect(fullOffer).toHaveAttribute('target', '_blank');
  await app.screenshot('forem-vacancy', testInfo.project.name);
  expect(problems.pageErrors).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});
