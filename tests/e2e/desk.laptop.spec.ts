import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectNoAxeViolations } from './support/axe';
import { literal } from './support/locales';
import { mons, Passerelle } from './support/passerelle';

const tournai = { nis: '57081', lat: 50.60715, lon: 3.38932 };

type Found = { id: number; title: string; distance_km: number };

/** Every vacancy the API finds within 60 km of a point, following the cursor to the end. */
async function allAround(request: APIRequestContext, baseURL: string, lat: number, lon: number): Promise<Map<number, Found>> {
  const found = new Map<number, Found>();
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ lat: String(lat), lon: String(lon), radius_km: '60', limit: '1000' });
    if (cursor) query.set('cursor', cursor);
    const response = await request.get(`${baseURL}/api/v1/vacancies?${query}`);
    expect(response.ok()).toBe(true);
    const body = (await response.json()) as { items: Found[]; next?: string | null };
    for (const item of body.items) found.set(item.id, item);
    cursor = body.next ?? null;
  } while (cursor);
  return found;
}

/** Waits until the load is complete (the count is no longer marked partial). */
async function waitForDeskLoad(page: Page): Promise<void> {
  await expect(page.getByTestId('vacancy-count')).toHaveAttribute('data-partial', 'false', { timeout: 30_000 });
}

/** Clicks the CSV button and returns the downloaded file's text, BOM included. */
async function downloadCsv(page: Page, app: Passerelle): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: app.t('desk_csv') }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const file = await download.path();
  return readFileSync(file, 'utf8');
}

function csvRows(text: string): string[][] {
  return text.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l.length > 0).map((l) => l.split(';'));
}

function shortlistIds(url: string): string[] {
  return (new URL(url).searchParams.get('shortlist') ?? '').split(',').filter(Boolean);
}

async function addTown(page: Page, app: Passerelle, typed: string, name: string): Promise<void> {
  const input = page.getByRole('combobox', { name: app.t('desk_add_town') });
  await input.fill(typed);
  await page.getByRole('option', { name: new RegExp(`^${name}\\b`) }).click();
  await expect(page.getByRole('button', { name: app.t('desk_remove_town', { town: name }) })).toBeVisible();
}

test.describe('the counsellor desk', () => {
  test('towns, level, sort, a keyboard-only shortlist that survives a reload, and its CSV', async ({ page, problems }, testInfo) => {
    const app = new Passerelle(page, 'en');
    await app.openStart();
    await page.getByRole('link', { name: app.t('desk_link') }).click();
    await expect(page.getByRole('heading', { level: 1, name: app.t('desk_title') })).toBeVisible();

    await addTown(page, app, 'Mons', 'Mons');
    await addTown(page, app, 'Tournai', 'Tournai');
    await page.getByLabel(app.t('desk_level')).selectOption('basic');
    await waitForDeskLoad(page);

    // Sort by another column, then by distance: nearest first.
    const distanceHeader = page.getByRole('columnheader', { name: app.t('col_town') });
    await page.getByRole('button', { name: app.t('col_published') }).click();
    await expect(distanceHeader).toHaveAttribute('aria-sort', 'none');
    await distanceHeader.getByRole('button').click();
    await expect(distanceHeader).toHaveAttribute('aria-sort', 'ascending');

    // Keyboard only from here: Tab into the table body (one tab stop), S, ↓, S …
    const rows = page.getByRole('table').getByRole('row');
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.tagName === 'TR')) break;
    }
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TR');
    for (let i = 0; i < 5; i++) {
      if (i > 0) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('s');
    }
    await expect(page.getByText(app.t('shortlist_count_other', { count: 5 }))).toBeVisible();
    await expect.poll(() => shortlistIds(page.url()).length).toBe(5);
    const ids = shortlistIds(page.url());
    // The five nearest rows (row 0 is the header).
    const firstTitles: string[] = [];
    for (let i = 1; i <= 5; i++) firstTitles.push((await rows.nth(i).getByRole('cell').nth(1).textContent()) ?? '');
    const shortlist = page.getByRole('region', { name: app.t('shortlist_title') }).getByRole('listitem');
    await expect(shortlist).toHaveCount(5);
    for (let i = 0; i < 5; i++) await expect(shortlist.nth(i)).toContainText(firstTitles[i]);

    await expectNoAxeViolations(page, 'counsellor desk');
    await page.screenshot({ path: path.join(__dirname, 'screenshots', `${testInfo.project.name}-desk-1366.png`) });

    // The CSV: BOM, `;`, a header and the five rows in shortlist order.
    const csv = await downloadCsv(page, app);
    expect(csv.startsWith('\uFEFF'), 'the file starts with a BOM').toBe(true);
    const parsed = csvRows(csv);
    expect(parsed).toHaveLength(6);
    expect(parsed[0][0]).toBe(app.t('csv_id'));
    expect(parsed.slice(1).map((r) => r[0])).toEqual(ids);

    // A reload of the same link shows the same towns, level and shortlist.
    const url = page.url();
    await page.reload();
    await waitForDeskLoad(page);
    expect(page.url()).toBe(url);
    await expect(page.getByRole('button', { name: app.t('desk_remove_town', { town: 'Mons' }) })).toBeVisible();
    await expect(page.getByRole('button', { name: app.t('desk_remove_town', { town: 'Tournai' }) })).toBeVisible();
    await expect(page.getByLabel(app.t('desk_level'))).toHaveValue('basic');
    await expect(shortlist).toHaveCount(5);
    for (let i = 0; i < 5; i++) await expect(shortlist.nth(i)).toContainText(firstTitles[i]);

    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect(shortlist).toHaveCount(5);
    await page.screenshot({ path: path.join(__dirname, 'screenshots', `${testInfo.project.name}-desk-1920.png`) });
    expect(problems.pageErrors).toEqual([]);
  });

  test('a vacancy in reach of both towns counts once, at the smaller distance', async ({ page, request, baseURL, problems }) => {
    const app = new Passerelle(page, 'en');
    const aroundMons = await allAround(request, baseURL!, mons.lat, mons.lon);
    const aroundTournai = await allAround(request, baseURL!, tournai.lat, tournai.lon);
    const union = new Set([...aroundMons.keys(), ...aroundTournai.keys()]);
    const both = [...aroundMons.keys()].filter((id) => aroundTournai.has(id));
    expect(both.length, 'some vacancies are within 60 km of both towns').toBeGreaterThan(0);
    // One nearer Tournai, so the smaller distance is not simply the first town's.
    const id = both.find((i) => aroundTournai.get(i)!.distance_km < aroundMons.get(i)!.distance_km) ?? both[0];
    const nearer = aroundTournai.get(id)!.distance_km < aroundMons.get(id)!.distance_km ? 'Tournai' : 'Mons';
    const km = Math.min(aroundTournai.get(id)!.distance_km, aroundMons.get(id)!.distance_km);

    await page.goto(`/desk?town=${mons.nis}&town=${tournai.nis}&shortlist=${id}&lang=en`);
    await waitForDeskLoad(page);
    await expect(page.getByTestId('vacancy-count')).toHaveAttribute('data-count', String(union.size));
    const row = csvRows(await downloadCsv(page, app))[1];
    expect(row[0]).toBe(String(id));
    expect(row[4]).toBe(nearer);
    expect(Number(row[5].replace(',', '.'))).toBeCloseTo(km, 1);
    expect(problems.pageErrors).toEqual([]);
  });

  test('a link with an unknown vacancy shows the others and names the one gone', async ({ page, request, baseURL, problems }) => {
    const app = new Passerelle(page, 'en');
    const known = [...(await allAround(request, baseURL!, mons.lat, mons.lon)).values()][0];
    await page.goto(`/desk?town=${mons.nis}&shortlist=${known.id},987654321&lang=en`);
    await waitForDeskLoad(page);
    await expect(page.getByText(app.t('shortlist_gone', { id: 987654321 }))).toBeVisible();
    const shortlist = page.getByRole('region', { name: app.t('shortlist_title') });
    await expect(shortlist.getByText(known.title, { exact: true })).toBeVisible();
    await expectNoAxeViolations(page, 'counsellor desk with a gone vacancy');
    expect(problems.pageErrors).toEqual([]);
  });

  test('the start page offers the desk; a kiosk never does', async ({ page }) => {
    const app = new Passerelle(page, 'fr');
    await app.openStart();
    await expect(page.getByRole('link', { name: literal(app.t('desk_link')) })).toBeVisible();
    await page.goto('/?mode=kiosk&lang=fr');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('link', { name: literal(app.t('desk_link')) })).toHaveCount(0);
  });
});
