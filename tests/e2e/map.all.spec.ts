import path from 'node:path';
import { test, expect } from './fixtures';
import { tr } from './support/locales';

/** Mons' town hall, the default home town (NIS code 53053). */
const mons = { nis: '53053', lat: 50.45413, lon: 3.95229 };

test("the first page shows Mons' 60 km circle and its vacancies", async ({ page, request, api, problems }, testInfo) => {
  await page.goto(`/jobs?town=${mons.nis}&lang=fr`);
  await expect(page.getByTestId('vacancy-count')).toBeVisible({ timeout: 30_000 });
  // On a phone the map is the second tab, as a person would open it.
  const mapTab = page.getByRole('tab', { name: tr('fr', 'tab_map') });
  if (await mapTab.isVisible()) await mapTab.click();

  const map = page.locator('#map');
  await expect(map).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect(page.locator('#map path.home-circle')).toBeVisible();

  const response = await request.get(
    `${api.baseURL}/api/v1/vacancies?lat=${mons.lat}&lon=${mons.lon}&radius_km=60&limit=1`,
  );
  expect(response.ok(), `the API answered ${response.status()}`).toBe(true);
  const { total } = await response.json();
  expect(typeof total).toBe('number');

  await expect(map).toHaveAttribute('data-markers', String(total));
  await expect(page.getByTestId('vacancy-count')).toHaveAttribute('data-count', String(total));
  await expect(page.getByText('Statbel').first()).toBeVisible();

  expect(problems.consoleErrors, 'console errors').toEqual([]);
  expect(problems.pageErrors, 'uncaught page errors').toEqual([]);
  expect(problems.outsideRequests, 'requests that left this machine').toEqual([]);

  await page.screenshot({
    path: path.join(__dirname, 'screenshots', `${testInfo.project.name}-map.png`),
    fullPage: true,
  });
});
