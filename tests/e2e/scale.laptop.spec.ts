import { test, expect } from './fixtures';
import type { APIRequestContext } from '@playwright/test';
import { tr } from './support/locales';
import { drawnMarks } from './support/map-marks';

// Issue 11's correctness at scale: with the stand-in's largest dataset, every vacancy the list
// counts is on the map, once, whatever the zoom, before and after a filter change.
test.use({ vacancies: 200_000 });

/** Mons' town hall (NIS 53053): about 35,000 of the 200,000 vacancies lie within 60 km. */
const mons = { nis: '53053', lat: 50.45413, lon: 3.95229 };

/** The API's own count for the same search and filters. */
async function apiTotal(request: APIRequestContext, baseURL: string, filters: string): Promise<number> {
  const response = await request.get(
    `${baseURL}/api/v1/vacancies?lat=${mons.lat}&lon=${mons.lon}&radius_km=60&limit=1${filters}`,
  );
  expect(response.ok(), `the API answered ${response.status()}`).toBe(true);
  const { total } = await response.json();
  expect(typeof total).toBe('number');
  return total;
}

test('with 200,000 vacancies the marks add up to the list total at every zoom and after a filter change', async ({ page, request, api, problems }) => {
  test.setTimeout(240_000);
  const inReach = await apiTotal(request, api.baseURL, '');
  expect(inReach, 'the large dataset puts tens of thousands in reach of Mons').toBeGreaterThan(30_000);

  // "My level": basic, vacancies within it only.
  await page.goto(`/jobs?town=${mons.nis}&lang=fr&level=basic&reach=within`);
  const map = page.locator('#map');
  await expect(map).toHaveAttribute('data-ready', 'true', { timeout: 180_000 });
  const count = page.getByTestId('vacancy-count');
  // What the map shows: the counts of the marks on its canvas in view, single dots counting
  // one. Marks are reused from one redraw to the next, so one left with an old count, or
  // left on the map, would count here.
  const drawn = async () => (await drawnMarks(map)).reduce((sum, mark) => sum + mark.count, 0);
  const withinBasic = await apiTotal(request, api.baseURL, '&dutch_max=basic');
  expect(withinBasic).toBeGreaterThan(5_000);
  await expect(count).toHaveAttribute('data-count', String(withinBasic));
  await expect(map).toHaveAttribute('data-markers', String(withinBasic));
  await expect.poll(drawn).toBe(withinBasic);

  // One step out: the whole circle still in view, the same vacancies in fewer, bigger marks.
  const framedZoom = Number(await map.getAttribute('data-zoom'));
  expect(framedZoom).toBeGreaterThan(0);
  // The framing may leave a fractional zoom; the marks say which zoom they were counted at.
  const expectZoom = (zoom: number) =>
    expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBeCloseTo(zoom, 6);
  await page.getByRole('button', { name: tr('fr', 'map_zoom_out') }).click();
  await expectZoom(framedZoom - 1);
  await expect(map).toHaveAttribute('data-markers', String(withinBasic));
  await expect.poll(drawn).toBe(withinBasic);

  // A keyword: the list and the map follow it, and still agree with the API.
  await page.getByLabel(tr('fr', 'filter_keyword')).fill('technicus');
  const withKeyword = await apiTotal(request, api.baseURL, '&dutch_max=basic&q=technicus');
  expect(withKeyword).toBeGreaterThan(0);
  expect(withKeyword).toBeLessThan(withinBasic);
  await expect(count).toHaveAttribute('data-count', String(withKeyword), { timeout: 30_000 });
  await expect(map).toHaveAttribute('data-markers', String(withKeyword));
  await expect.poll(drawn).toBe(withKeyword);

  // Two steps in: part of the circle leaves the view, so the marks count only what is in it.
  const zoomIn = page.getByRole('button', { name: tr('fr', 'map_zoom_in') });
  await zoomIn.click();
  await expectZoom(framedZoom);
  await zoomIn.click();
  await expectZoom(framedZoom + 1);
  await expect.poll(async () => Number(await map.getAttribute('data-markers'))).toBeLessThan(withKeyword);
  expect(Number(await map.getAttribute('data-markers'))).toBeGreaterThan(0);
  expect(await drawn()).toBe(Number(await map.getAttribute('data-markers')));

  expect(problems.consoleErrors, 'console errors').toEqual([]);
  expect(problems.pageErrors, 'uncaught page errors').toEqual([]);
});
