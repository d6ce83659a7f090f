import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectNoAxeViolations } from './support/axe';
import { literal, tr, type Lang } from './support/locales';
import { apiSearch, mons } from './support/passerelle';

function shot(project: string, name: string): string {
  return path.join(__dirname, 'screenshots', `${project}-zone-${name}.png`);
}

/** "12 345" / "12.345" / "12,345" → 12345. */
function count(text: string): number {
  const digits = text.replace(/\D/g, '');
  if (digits === '') throw new Error(`no number in «${text}»`);
  return Number(digits);
}

/** Waits until every page has arrived (the count no longer says "so far"). */
async function waitForCompleteLoad(page: Page) {
  await expect(page.getByTestId('vacancy-count')).toHaveAttribute('data-partial', 'false', { timeout: 60_000 });
}

function table(page: Page, lang: Lang): Locator {
  return page.getByRole('table', { name: tr(lang, 'zone_table_caption') });
}

/** The columns after the occupation: six levels, "level not stated", then the total. */
const UNSTATED = 6;
const TOTAL = 7;

/** The table as numbers: each body row's cells, and the totals row (6 levels, not stated, total). */
async function readTable(page: Page, lang: Lang): Promise<{ rows: { name: string; cells: number[] }[]; totals: number[] }> {
  const t = table(page, lang);
  const bodyRows = t.locator('tbody').getByRole('row');
  const rows: { name: string; cells: number[] }[] = [];
  for (const row of await bodyRows.all()) {
    const name = (await row.getByRole('rowheader').innerText()).trim();
    const cells = (await row.getByRole('cell').allInnerTexts()).map(count);
    rows.push({ name, cells });
  }
  const totalsRow = t.locator('tfoot').getByRole('row', { name: new RegExp(`^${tr(lang, 'zone_totals')}`) });
  const totals = (await totalsRow.getByRole('cell').allInnerTexts()).map(count);
  return { rows, totals };
}

function columnSums(rows: { cells: number[] }[]): number[] {
  return rows.reduce((sums, r) => sums.map((s, i) => s + r.cells[i]), new Array(TOTAL + 1).fill(0));
}

test.describe('the zone analysis', () => {
  test('from the desk to the centre zone: rows add up to the totals, sorting, CSV, four languages', async ({ page, problems }, testInfo) => {
    test.setTimeout(180_000);
    const lang: Lang = 'fr';
    await page.goto(`/desk?town=${mons.nis}&lang=${lang}`);
    await page.getByRole('link', { name: literal(tr(lang, 'zone_link')) }).click();
    // The desk's first town's arrondissement is preselected.
    const area = page.getByRole('combobox', { name: tr(lang, 'zone_area') });
    await expect(area).toHaveValue('arr:53');
    await expect(page.getByRole('heading', { level: 2, name: 'Mons' })).toBeVisible();

    await area.selectOption('zone:centre');
    await expect(page).toHaveURL(/area=zone%3Acentre|area=zone:centre/);
    await expect(page.getByText(tr(lang, 'zone_indicative'))).toBeVisible();
    await waitForCompleteLoad(page);
    const { rows, totals } = await readTable(page, lang);
    expect(rows.length).toBeGreaterThan(10);
    expect(totals[TOTAL]).toBeGreaterThan(1000);
    expect(columnSums(rows)).toEqual(totals);
    expect(totals.slice(0, TOTAL).reduce((a, b) => a + b, 0)).toBe(totals[TOTAL]);
    expect(totals[UNSTATED], 'the generated vacancies all state a level').toBe(0);
    // The summary's count is the table's total.
    expect(count(await page.getByTestId('vacancy-count').getAttribute('data-count') ?? '')).toBe(totals[TOTAL]);
    // Bottleneck occupations come first, flagged.
    const flag = tr(lang, 'zone_bottleneck');
    const flagged = rows.map((r) => r.name.includes(flag));
    expect(flagged[0]).toBe(true);
    expect(flagged.indexOf(false)).toBeGreaterThan(0);
    expect(flagged.slice(flagged.indexOf(false)).every((f) => !f)).toBe(true);
    // The share reachable at the highest level is everything.
    const shares = await table(page, lang).locator('tfoot').getByRole('row', { name: new RegExp(`^${tr(lang, 'zone_share')}`) }).getByRole('cell').allInnerTexts();
    expect(shares[5]).toMatch(/^100,0/);
    await page.screenshot({ path: shot(testInfo.project.name, 'centre-laptop'), fullPage: true });

    // Sorting by total, largest first, then smallest first.
    const totalHeader = table(page, lang).getByRole('columnheader', { name: tr(lang, 'zone_col_total') });
    await totalHeader.getByRole('button').click();
    await expect(totalHeader).toHaveAttribute('aria-sort', 'descending');
    await expect(page).toHaveURL(/sort=-total/);
    const byTotal = (await readTable(page, lang)).rows.map((r) => r.cells[TOTAL]);
    expect(byTotal).toEqual([...byTotal].sort((a, b) => b - a));
    await totalHeader.getByRole('button').click();
    await expect(totalHeader).toHaveAttribute('aria-sort', 'ascending');

    // The chart shows the largest occupations, the same numbers as the table.
    const chart = page.getByRole('img', { name: literal(tr(lang, 'zone_chart_label', { list: '' })) });
    await expect(chart).toBeVisible();
    const largest = [...rows].sort((a, b) => b.cells[TOTAL] - a.cells[TOTAL])[0];
    await expect(chart).toHaveAccessibleName(new RegExp(literal(largest.name.replace(` ${flag}`, '')).source));

    // The CSV: BOM, `;`, a header saying what it counts, the same rows and totals.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: tr(lang, 'zone_csv') }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('passerelle-zone-zone-centre-60km.csv');
    const text = readFileSync(await download.path(), 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n').filter((l) => l.length > 0).map((l) => l.split(';'));
    const about = new Map(lines.slice(0, 8).map((l) => [l[0], l[1]]));
    expect(about.get(tr(lang, 'zone_csv_area'))).toBe(tr(lang, 'zone_name_centre'));
    expect(about.get(tr(lang, 'zone_csv_radius'))).toBe('60');
    expect(about.get(tr(lang, 'zone_csv_dataset_date'))).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(about.get(tr(lang, 'zone_csv_source'))).toContain('Statbel');
    const csvTotals = lines.find((l) => l[0] === tr(lang, 'zone_totals'))!;
    expect(csvTotals.slice(3).map(Number)).toEqual(totals);
    const header = lines.findIndex((l) => l[0] === tr(lang, 'col_occupation'));
    const csvRows = lines.slice(header + 1).filter((l) => l[0] !== tr(lang, 'zone_totals') && !l[0].startsWith(tr(lang, 'zone_share')));
    expect(csvRows.length).toBe(rows.length);
    expect(columnSums(csvRows.map((l) => ({ cells: l.slice(3).map(Number) })))).toEqual(totals);

    // A filter recounts without a new load; the totals still add up.
    await page.getByRole('checkbox', { name: tr(lang, 'zone_bottleneck_only') }).check();
    await expect.poll(async () => (await readTable(page, lang)).rows.every((r) => r.name.includes(flag))).toBe(true);
    const filtered = await readTable(page, lang);
    expect(filtered.totals[TOTAL]).toBeLessThan(totals[TOTAL]);
    expect(columnSums(filtered.rows)).toEqual(filtered.totals);

    for (const other of ['nl', 'de', 'en', 'fr'] as Lang[]) {
      await page.goto(page.url().replace(/lang=\w+/, `lang=${other}`));
      await waitForCompleteLoad(page);
      await expect(table(page, other)).toBeVisible();
      await expectNoAxeViolations(page, `zone analysis in ${other}`);
    }
    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({ path: shot(testInfo.project.name, 'centre-phone') });
    await page.getByRole('region', { name: tr(lang, 'zone_chart_title') }).screenshot({ path: shot(testInfo.project.name, 'chart-phone') });
    await page.getByRole('button', { name: tr(lang, 'zone_csv') }).scrollIntoViewIfNeeded();
    await table(page, lang).scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot(testInfo.project.name, 'table-phone') });
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  });

  test("one town's analysis counts what the API finds around it, each vacancy once", async ({ page, request, api, problems }) => {
    const lang: Lang = 'en';
    const expected = (await apiSearch(request, api.baseURL, { limit: 1 })).total;
    await page.goto(`/zone?area=town:${mons.nis}&lang=${lang}`);
    await waitForCompleteLoad(page);
    const { rows, totals } = await readTable(page, lang);
    expect(totals[TOTAL]).toBe(expected);
    expect(columnSums(rows)).toEqual(totals);
    // A Dutch level column agrees with the API's own count at that level.
    const basicOnly = (await apiSearch(request, api.baseURL, { limit: 1, dutch_max: 'basic' })).total
      - (await apiSearch(request, api.baseURL, { limit: 1, dutch_max: 'starter' })).total;
    expect(totals[2]).toBe(basicOnly);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  });

  test('a link with an unknown area or values names what it dropped and offers the choice', async ({ page, problems }) => {
    const lang: Lang = 'en';
    await page.goto(`/zone?area=zone:north&radius=500&lang=${lang}`);
    await expect(page.getByText(tr(lang, 'zone_unknown_area'))).toBeVisible();
    await expect(page.getByRole('combobox', { name: tr(lang, 'zone_area') })).toBeVisible();
    await page.goto(`/zone?area=town:11002&lang=${lang}`);
    await expect(page.getByText(tr(lang, 'zone_no_area'))).toBeVisible();
    await expect(page.getByText('town:11002')).toBeVisible();
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  });
});
