import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectNoAxeViolations } from './support/axe';
import { kioskConfig } from './support/kiosk';
import { tr, type Lang } from './support/locales';
import { apiSearch, mons } from './support/passerelle';

/** Where the screenshots go (looked at by a person; CHART_SHOTS overrides the folder). */
function screenshotPath(project: string, name: string): string {
  return path.join(process.env.CHART_SHOTS ?? path.join(__dirname, 'screenshots'), `${project}-level-payoff-${name}.png`);
}

/** The course page tests/e2e/config.test.json configures. */
const coursesUrl = 'https://courses.example.be/nederlands';

/** "+1 240 offres" → 1240: the first signed number of a text, separators dropped. */
function firstGain(text: string): number {
  const match = /\+(\d[\d\u202f\u00a0.,]*)/.exec(text);
  if (!match) throw new Error(`no "+N" in «${text}»`);
  return Number(match[1].replace(/\D/g, ''));
}

/** The leading number of a cell ("3 415 (+1 240)" → 3415). */
function leadingCount(text: string): number {
  return Number(text.split('(')[0].replace(/\D/g, ''));
}

/** 1240 → "1 240" with the narrow no-break space French uses (the app's format). */
function frenchCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

/** Totals the API gives around Mons for each `dutch_max` (and none), with `extra` filters. */
async function apiTotals(request: Parameters<typeof apiSearch>[0], baseURL: string, extra: Record<string, string> = {}) {
  const total = async (params: Record<string, string>) => (await apiSearch(request, baseURL, { ...extra, ...params, limit: 1 })).total;
  return { basic: await total({ dutch_max: 'basic' }), medium: await total({ dutch_max: 'medium' }), all: await total({}) };
}

function payoffRegion(page: Page, lang: Lang) {
  return page.getByRole('region', { name: tr(lang, 'payoff_title') });
}

/** Unfolds the chart where it starts folded (phones, portrait screens, kiosks). */
async function unfoldChart(page: Page, lang: Lang) {
  const region = payoffRegion(page, lang);
  if (!(await region.getByRole('button', { name: tr(lang, 'payoff_table_show') }).isVisible())) {
    await region.getByText(tr(lang, 'payoff_chart_show'), { exact: true }).click();
  }
}

/** Waits until every page of vacancies has arrived: the count stops saying "so far". */
async function waitForCompleteCount(page: Page) {
  await expect(page.getByTestId('vacancy-count')).toHaveAttribute('data-partial', 'false', { timeout: 30_000 });
}

test('at level basic around Mons the sentence gives what medium adds, as the API counts it', async ({ page, request, api, problems }, testInfo) => {
  await page.goto(`/jobs?town=${mons.nis}&level=basic&lang=fr`);
  await waitForCompleteCount(page);
  const totals = await apiTotals(request, api.baseURL);
  const gained = totals.medium - totals.basic;
  expect(gained, 'the dataset has vacancies asking medium around Mons').toBeGreaterThan(0);

  const region = payoffRegion(page, 'fr');
  const sentence = region.getByTestId('payoff-sentence');
  await expect(sentence).toHaveText(
    tr('fr', 'payoff_gain', {
      to: tr('fr', 'level_medium'),
      from: tr('fr', 'level_basic'),
      count: frenchCount(gained),
      percent: frenchCount(Math.round((gained * 100) / totals.basic)),
    }),
  );
  expect(firstGain((await sentence.textContent()) ?? '')).toBe(gained);
  await expect(region.getByText(tr('fr', 'payoff_so_far'))).toBeHidden();

  // The chart is an image with a name; its numbers are in a table on request.
  await unfoldChart(page, 'fr');
  await expect(region.getByRole('img', { name: tr('fr', 'payoff_chart_label') })).toBeVisible();
  const toggle = region.getByRole('button', { name: tr('fr', 'payoff_table_show') });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const table = region.getByRole('table', { name: tr('fr', 'payoff_table_caption') });
  await expect(table).toBeVisible();
  const cell = (level: string) => table.getByRole('row', { name: new RegExp(`^${tr('fr', level)}\\b`) }).getByRole('cell');
  expect(leadingCount((await cell('level_basic').textContent()) ?? '')).toBe(totals.basic);
  expect(leadingCount((await cell('level_medium').textContent()) ?? '')).toBe(totals.medium);
  expect(firstGain((await cell('level_medium').textContent()) ?? '')).toBe(gained);
  expect(leadingCount((await cell('level_very_good').textContent()) ?? '')).toBe(totals.all);
  await expect(table.getByRole('row', { name: new RegExp(tr('fr', 'payoff_your_level')) })).toHaveCount(1);

  // On a person's own device the course page is a link that opens beside the app.
  const link = region.getByRole('link', { name: tr('fr', 'payoff_courses_link') });
  await expect(link).toHaveAttribute('href', coursesUrl);
  await expect(link).toHaveAttribute('target', '_blank');

  await expectNoAxeViolations(page, 'results with the level chart and its table');
  await region.getByRole('heading').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath(testInfo.project.name, 'results-fr') });
  expect(problems.pageErrors, 'uncaught page errors').toEqual([]);
});

test('changing a filter changes the counts to what the API gives for that filter', async ({ page, request, api }) => {
  await page.goto(`/jobs?town=${mons.nis}&level=basic&lang=en`);
  await waitForCompleteCount(page);
  const sentence = payoffRegion(page, 'en').getByTestId('payoff-sentence');
  const before = await apiTotals(request, api.baseURL);
  await expect(sentence).toContainText(`+${(before.medium - before.basic).toLocaleString('en')} `);

  const bottleneck = page.getByRole('checkbox', { name: tr('en', 'filter_bottleneck') });
  if (!(await bottleneck.isVisible())) await page.getByText(tr('en', 'filters_title'), { exact: true }).click();
  await unfoldChart(page, 'en');
  await expectBarsToMatch(page, before);
  await bottleneck.check();
  const after = await apiTotals(request, api.baseURL, { bottleneck: 'true' });
  expect(after.medium - after.basic, 'the filter changes the gain').not.toBe(before.medium - before.basic);
  await expect(sentence).toContainText(`+${(after.medium - after.basic).toLocaleString('en')} `);
  // The chart's bars are resized in place: the basic and medium bars follow the new counts.
  await expectBarsToMatch(page, after);
});

/** The chart's basic and medium bars are as long, next to the top level's, as their counts
 *  (a bar's coloured parts add up; a part with nothing in it has no width). */
async function expectBarsToMatch(page: Page, totals: { basic: number; medium: number; all: number }) {
  const chart = payoffRegion(page, 'en').getByRole('img', { name: tr('en', 'payoff_chart_label') });
  // Rows are in level order: none, starter, basic, medium, good, very good.
  const barLength = (row: number) =>
    chart.evaluate((svg, row) => {
      const widths = [...svg.querySelectorAll('.payoff-row')[row].querySelectorAll('.payoff-bar')].map((bar) => parseFloat(bar.getAttribute('width') ?? 'NaN'));
      return widths.reduce((sum, w) => sum + w, 0);
    }, row);
  const share = async (row: number) => (await barLength(row)) / (await barLength(5));
  await expect.poll(() => share(2)).toBeCloseTo(totals.basic / totals.all, 3);
  await expect.poll(() => share(3)).toBeCloseTo(totals.medium / totals.all, 3);
}

test('for "I don\'t know" the curve has no marker and no gain, and the top level has nothing to add', async ({ page }) => {
  await page.goto(`/jobs?town=${mons.nis}&level=unknown&lang=nl`);
  await waitForCompleteCount(page);
  const region = payoffRegion(page, 'nl');
  await expect(region.getByTestId('payoff-sentence')).toHaveText(tr('nl', 'payoff_unknown'));
  await unfoldChart(page, 'nl');
  await region.getByRole('button', { name: tr('nl', 'payoff_table_show') }).click();
  const table = region.getByRole('table', { name: tr('nl', 'payoff_table_caption') });
  await expect(table.getByRole('row')).toHaveCount(7);
  await expect(table.getByText(tr('nl', 'payoff_your_level'))).toHaveCount(0);

  await page.goto(`/jobs?town=${mons.nis}&level=very_good&lang=de`);
  await waitForCompleteCount(page);
  await expect(payoffRegion(page, 'de').getByTestId('payoff-sentence')).toHaveText(tr('de', 'payoff_top'));
});

test('while pages are still arriving the figures say they are provisional', async ({ page }) => {
  // Hold every page after the first, as a slow connection would.
  let first = true;
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/v1/vacancies?*', async (route) => {
    if (!first) await held;
    first = false;
    await route.continue();
  });
  await page.goto(`/jobs?town=${mons.nis}&level=basic&lang=fr`);
  const region = payoffRegion(page, 'fr');
  await expect(region.getByText(tr('fr', 'payoff_so_far'))).toBeVisible({ timeout: 30_000 });
  release();
  await waitForCompleteCount(page);
  await expect(region.getByText(tr('fr', 'payoff_so_far'))).toBeHidden();
});

test('a kiosk shows the course page as a QR code, never as a link leaving the app', async ({ page, api }, testInfo) => {
  await page.route('**/config.json', (route) =>
    route.fulfill({ json: { ...kioskConfig(api), dutch_courses_url: coursesUrl } }),
  );
  await page.goto(`/jobs?town=${mons.nis}&level=basic&lang=fr`);
  await waitForCompleteCount(page);
  const region = payoffRegion(page, 'fr');
  await expect(region.getByTestId('payoff-sentence')).toContainText('+');
  await expect(region.getByRole('link', { name: tr('fr', 'payoff_courses_link') })).toHaveCount(0);
  await region.getByText(tr('fr', 'payoff_courses_link'), { exact: true }).click();
  await expect(region.getByRole('img', { name: tr('fr', 'kiosk_external_qr_label') })).toBeVisible();
  await expect(region.getByText(tr('fr', 'payoff_courses_kiosk'))).toBeVisible();
  await unfoldChart(page, 'fr');
  await expect(region.getByRole('img', { name: tr('fr', 'payoff_chart_label') })).toBeVisible();
  await expectNoAxeViolations(page, 'kiosk results with the level chart');
  await region.getByRole('heading').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath(testInfo.project.name, 'kiosk-mode-fr') });
});
