import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectNoAxeViolations } from './support/axe';
import { literal } from './support/locales';
import { pdfPagesText } from './support/pdf';
import { mons, Passerelle } from './support/passerelle';
import { scanQr } from './support/qr';

const tournai = { nis: '57081', lat: 50.60715, lon: 3.38932 };

type Found = { id: number; title: string; distance_km: number; apply_mode: 'in_app' | 'external' };

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

/** The shortlist printed to PDF by Chromium's print path (`@media print`, A4), as text. */
async function printedShortlist(page: Page, testInfo: { project: { name: string } }, name: string): Promise<string> {
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const file = path.join(__dirname, 'screenshots', `${testInfo.project.name}-${name}.pdf`);
  writeFileSync(file, pdf);
  return (await pdfPagesText(pdf)).join('\n');
}

/** Opens the hand-over link as the person would: a fresh phone, its own browser profile. */
async function openOnAPhone(browser: Browser, link: string, locale: string): Promise<Page> {
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale });
  const page = await phone.newPage();
  await page.goto(link);
  return page;
}

test.describe('the counsellor desk', () => {
  for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
  test(`at ${size.width}×${size.height}: towns, level, sort, a keyboard-only shortlist, printed, handed over to a phone in Dutch, as CSV, surviving a reload`, async ({ page, browser, problems }, testInfo) => {
    test.setTimeout(180_000);
    await page.setViewportSize(size);
    const at = `${size.width}`;
    const app = new Passerelle(page, 'en');
    await app.openStart();
    await page.getByRole('link', { name: app.t('desk_link') }).click();
    await expect(page.getByRole('heading', { level: 1, name: app.t('desk_title') })).toBeVisible();

    await app.addDeskTown('Mons', 'Mons');
    await app.addDeskTown('Tournai', 'Tournai');
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
    for (let i = 0; i < 30; i++) {
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
    await page.screenshot({ path: path.join(__dirname, 'screenshots', `${testInfo.project.name}-desk-${at}.png`) });

    // The CSV: BOM, `;`, a header and the five rows in shortlist order.
    const csv = await downloadCsv(page, app);
    expect(csv.startsWith('\uFEFF'), 'the file starts with a BOM').toBe(true);
    const parsed = csvRows(csv);
    expect(parsed).toHaveLength(6);
    expect(parsed[0][0]).toBe(app.t('csv_id'));
    expect(parsed.slice(1).map((r) => r[0])).toEqual(ids);

    // Print (A4, through the browser's print path): five entries, their titles, the reference
    // to quote and the town, no personal data (the desk asks for none).
    const shortlistTitles = await shortlist.evaluateAll((items) => items.map((li) => li.querySelector('strong')?.textContent ?? ''));
    const handoverSheet = page.getByRole('region', { name: app.t('handover_title') });
    await page.emulateMedia({ media: 'print' });
    await expect(handoverSheet.getByRole('heading', { level: 3 })).toHaveText(shortlistTitles);
    await expectNoAxeViolations(page, 'printed shortlist');
    await page.screenshot({ path: path.join(__dirname, 'screenshots', `${testInfo.project.name}-desk-print-${at}.png`), fullPage: true });
    await page.emulateMedia({ media: null });
    const printed = await printedShortlist(page, testInfo, `desk-print-${at}`);
    for (const title of shortlistTitles) expect(printed).toContain(title);
    const references = ids.map((id) => app.t('handover_reference', { reference: id }));
    for (const reference of references) expect(printed).toContain(reference);
    expect(printed.split(app.t('handover_reference', { reference: '' }).trim()).length - 1, 'five entries').toBe(5);
    expect(printed).toContain('Mons (60 km)');
    expect(printed, 'the desk itself is not printed').not.toContain(app.t('desk_table_hint'));

    // The hand-over link, in the person's language (Dutch here), opens the same five on a phone.
    await page.getByLabel(app.t('desk_handover_lang')).selectOption('nl');
    await expect.poll(() => new URL(page.url()).searchParams.get('handover')).toBe('nl');
    const link = await page.getByLabel(app.t('desk_handover_link')).inputValue();
    expect(new URL(link).searchParams.get('lang')).toBe('nl');
    expect(await scanQr(page.getByRole('img', { name: app.t('desk_handover_qr_label') }))).toBe(link);
    const phone = await openOnAPhone(browser, link, 'fr-BE');
    const nl = new Passerelle(phone, 'nl');
    await expect(phone.getByRole('heading', { level: 1, name: nl.t('handover_title') })).toBeVisible({ timeout: 30_000 });
    await expect(phone.locator('html')).toHaveAttribute('lang', 'nl');
    const onPhone = phone.getByRole('list').filter({ has: phone.getByRole('heading', { level: 3 }) }).getByRole('heading', { level: 3 });
    await expect(onPhone).toHaveText(shortlistTitles);
    await expect(phone.getByText(nl.t('handover_reference', { reference: ids[0] }))).toBeVisible();
    await expectNoAxeViolations(phone, 'hand-over page on a phone');
    await phone.screenshot({ path: path.join(__dirname, 'screenshots', `${testInfo.project.name}-handover-phone-${at}.png`), fullPage: true });
    await phone.context().close();

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

    expect(problems.pageErrors).toEqual([]);
  });
  }

  test('occupation, contract and working time narrow the table; a vacancy opened from it joins the shortlist', async ({ page, problems }) => {
    const app = new Passerelle(page, 'en');
    await page.goto(`/desk?town=${mons.nis}&lang=en`);
    await waitForDeskLoad(page);
    const count = page.getByTestId('vacancy-count');
    const all = Number(await count.getAttribute('data-count'));

    // An occupation by its name (the data has only ISCO codes): the table keeps it alone.
    const occupation = page.getByRole('combobox', { name: app.t('desk_occupations') });
    await occupation.fill('welder');
    await occupation.press('Enter');
    await expect(page.getByRole('button', { name: app.t('desk_occupation_remove', { name: 'Welder' }) })).toBeVisible();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('occ')).toEqual(['7212']);
    await expect.poll(async () => Number(await count.getAttribute('data-count'))).toBeLessThan(all);
    const occupationCells = page.getByRole('table').getByRole('row').locator('td:nth-child(6)');
    await expect(occupationCells.first()).toHaveText('Welder');
    expect(new Set(await occupationCells.allTextContents())).toEqual(new Set(['Welder']));

    // Something that is no occupation of the data: said, and the text stays to be corrected.
    await occupation.fill('astronaut');
    await page.getByRole('button', { name: app.t('desk_occupation_add') }).click();
    await expect(page.getByRole('alert')).toHaveText(app.t('desk_occupation_unknown', { text: 'astronaut' }));
    await expect(occupation).toHaveValue('astronaut');

    await page.getByLabel(app.t('filter_contract')).selectOption('permanent');
    await page.getByLabel(app.t('filter_regime')).selectOption('full_time');
    await expect.poll(() => new URL(page.url()).searchParams.get('contract')).toBe('permanent');
    const contractCells = page.getByRole('table').getByRole('row').locator('td:nth-child(7)');
    await expect(contractCells.first()).toHaveText(app.t('contract_permanent'));
    expect(new Set(await contractCells.allTextContents())).toEqual(new Set([app.t('contract_permanent')]));

    // Enter on a row opens it; its own button puts it on the shortlist.
    const firstRow = page.getByRole('table').getByRole('row').nth(1);
    const title = (await firstRow.getByRole('cell').nth(1).textContent()) ?? '';
    await firstRow.focus();
    await page.keyboard.press('Enter');
    const detail = page.getByRole('region', { name: title, exact: true });
    await detail.getByRole('button', { name: app.t('desk_detail_shortlist_add') }).click();
    await expect(page.getByText(app.t('shortlist_count_one', { count: 1 }))).toBeVisible();
    await expect(detail.getByRole('button', { name: app.t('desk_detail_shortlist_remove') })).toHaveAttribute('aria-pressed', 'true');

    // The link reproduces it all.
    await page.reload();
    await waitForDeskLoad(page);
    await expect(page.getByRole('button', { name: app.t('desk_occupation_remove', { name: 'Welder' }) })).toBeVisible();
    await expect(page.getByLabel(app.t('filter_contract'))).toHaveValue('permanent');
    await expect(page.getByLabel(app.t('filter_regime'))).toHaveValue('full_time');
    await expect(page.getByText(app.t('shortlist_count_one', { count: 1 }))).toBeVisible();
    await expectNoAxeViolations(page, 'desk with filters');
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

  test('a link with an unknown vacancy shows the others and names the one gone; the CSV says where to apply', async ({ page, request, baseURL, problems }) => {
    const app = new Passerelle(page, 'en');
    const around = [...(await allAround(request, baseURL!, mons.lat, mons.lon)).values()];
    const known = around.find((v) => v.apply_mode === 'external')!;
    const detail = (await (await request.get(`${baseURL}/api/v1/vacancies/${known.id}`)).json()) as { apply_url: string };
    expect(detail.apply_url).toMatch(/^https:/);
    await page.goto(`/desk?town=${mons.nis}&shortlist=${known.id},987654321&lang=en`);
    await waitForDeskLoad(page);
    const shortlist = page.getByRole('region', { name: app.t('shortlist_title') });
    await expect(shortlist.getByText(app.t('shortlist_gone', { id: 987654321 }))).toBeVisible();
    await expect(shortlist.getByText(known.title, { exact: true })).toBeVisible();
    // The employer's address comes with the vacancy fetched in full for the hand-over.
    await expect.poll(async () => csvRows(await downloadCsv(page, app))[1][10]).toBe(detail.apply_url);
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
