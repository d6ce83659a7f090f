import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { drawnClusters } from './support/map-marks';
import { mons, Passerelle } from './support/passerelle';

/** Flemish towns near Mons that the offline map may name (it thins names out where they collide). */
const flemishTownsNearMons = ['Kortrijk', 'Oudenaarde', 'Ronse', 'Geraardsbergen', 'Ninove', 'Aalst', 'Halle', 'Gent', 'Waregem'];

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  expect(box, 'the element is laid out').not.toBeNull();
  return box!;
}

/** Opens the results around Mons and shows the map (on a phone it is the second tab). */
async function openMonsMap(page: Page, app: Passerelle): Promise<Locator> {
  await page.goto(`/jobs?town=${mons.nis}&lang=fr`);
  const mapTab = page.getByRole('tab', { name: app.t('tab_map') });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 30_000 });
  if (await mapTab.isVisible()) await mapTab.click();
  const map = page.locator('#map');
  await expect(map.locator('path.home-circle')).toBeVisible({ timeout: 30_000 });
  return map;
}

/**
 * Holds the pages after the first until allowed: `allow(n)` lets the next n pages through,
 * `allow(Infinity)` all. Pages are told apart by their cursor (a page asked again is the same).
 */
async function gatePages(page: Page): Promise<{ allow(pages: number): void }> {
  let allowed = 0;
  const cursors: string[] = [];
  let waiting: Array<() => void> = [];
  await page.route('**/api/v1/vacancies?*', async (route) => {
    const cursor = new URL(route.request().url()).searchParams.get('cursor');
    if (cursor !== null) {
      if (!cursors.includes(cursor)) cursors.push(cursor);
      const after = cursors.indexOf(cursor) + 1;
      while (after > allowed) await new Promise<void>((resolve) => waiting.push(resolve));
    }
    await route.continue();
  });
  return {
    allow(pages: number) {
      allowed = pages;
      const woken = waiting;
      waiting = [];
      woken.forEach((wake) => wake());
    },
  };
}

/** Where the home town sits in the map, from 0 (top edge) to 1 (bottom edge). */
async function homeHeight(map: Locator): Promise<number> {
  const view = await boxOf(map);
  const home = await boxOf(map.locator('path.home-marker'));
  return (home.y + home.height / 2 - view.y) / view.height;
}

/** The circle's box relative to the map's top-left corner. */
async function circleInMap(map: Locator): Promise<Box> {
  const view = await boxOf(map);
  const circle = await boxOf(map.locator('path.home-circle'));
  return { ...circle, x: circle.x - view.x, y: circle.y - view.y };
}

test('around Mons the map shows the Flemish side where the vacancies are, not the empty south of the circle', async ({ page, problems }, testInfo) => {
  const app = new Passerelle(page, 'fr');
  const map = await openMonsMap(page, app);
  await app.waitForAllVacancies();

  const view = await boxOf(map);
  const circle = await boxOf(map.locator('path.home-circle'));
  // Fitting the whole circle would put Mons in the middle; the vacancies are all to the north,
  // so the view moves north and Mons sits low, still in view…
  const home = await homeHeight(map);
  expect(home, 'where Mons sits, from the top (0) to the bottom (1) of the map').toBeGreaterThan(0.6);
  expect(home).toBeLessThan(1);
  // …the circle runs off the bottom (France and Hainaut, where no vacancy is)…
  expect(circle.y + circle.height, "the circle's south edge is off screen").toBeGreaterThan(view.y + view.height);
  // …and its northern edge, in Flanders, is in view.
  expect(circle.y).toBeGreaterThanOrEqual(view.y);

  expect(problems.consoleErrors, 'console errors').toEqual([]);
  expect(problems.pageErrors, 'uncaught page errors').toEqual([]);
  await page.screenshot({ path: path.join(__dirname, 'screenshots', `${testInfo.project.name}-map-framed-mons.png`) });
});

test('an offline map names the home town and the towns across the border, hidden from screen readers', async ({ page }) => {
  const app = new Passerelle(page, 'fr');
  const map = await openMonsMap(page, app);
  await app.waitForAllVacancies();

  // The home town is always named, in its own language whatever the interface's.
  await expect(map.getByText('Mons', { exact: true })).toBeVisible();
  // At least two Flemish towns are named, by their Dutch names, inside the map.
  const view = await boxOf(map);
  await expect
    .poll(async () => {
      const named: string[] = [];
      for (const town of flemishTownsNearMons) {
        const label = map.getByText(town, { exact: true });
        if (!(await label.isVisible())) continue;
        const box = await boxOf(label);
        if (box.x >= view.x && box.x + box.width <= view.x + view.width && box.y >= view.y && box.y + box.height <= view.y + view.height) named.push(town);
      }
      return named.length;
    })
    .toBeGreaterThanOrEqual(2);
  // The list names every vacancy's place; the map's town names are not read out.
  const readOut = await map.ariaSnapshot();
  for (const town of flemishTownsNearMons) expect(readOut).not.toContain(town);
});

test('town names overlap neither one another nor the vacancy clusters drawn above them', async ({ page }) => {
  const app = new Passerelle(page, 'fr');
  const map = await openMonsMap(page, app);
  await app.waitForAllVacancies();
  const names = map.locator('.place-label span');
  await expect.poll(() => names.count()).toBeGreaterThan(3);
  const shown: Array<{ text: string; box: Box }> = [];
  for (const name of await names.all()) shown.push({ text: (await name.textContent()) ?? '', box: await boxOf(name) });
  for (let i = 0; i < shown.length; i++) {
    for (let j = i + 1; j < shown.length; j++) {
      const [a, b] = [shown[i].box, shown[j].box];
      const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      expect(overlap, `"${shown[i].text}" overlaps "${shown[j].text}"`).toBe(false);
    }
  }
  const clusters: Box[] = (await drawnClusters(map)).map(({ x, y, radius }) => ({ x: x - radius, y: y - radius, width: 2 * radius, height: 2 * radius }));
  expect(clusters.length).toBeGreaterThan(0);
  // The home town's name is kept whatever it overlaps.
  for (const { text, box: a } of shown.filter(({ text }) => text !== mons.name)) {
    for (const b of clusters) {
      const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      expect(overlap, `"${text}" is under a cluster`).toBe(false);
    }
  }
});

test('the map does not move while pages stream in, and frames the vacancies once they are all there', async ({ page }) => {
  const app = new Passerelle(page, 'fr');
  const pages = await gatePages(page);
  const map = await openMonsMap(page, app);
  const markers = async () => Number(await map.getAttribute('data-markers'));
  await expect.poll(markers).toBeGreaterThan(0);
  const firstPage = await markers();
  const atFirstPage = await circleInMap(map);
  // Until the load is complete the whole circle is in view, Mons in the middle.
  expect(await homeHeight(map)).toBeCloseTo(0.5, 1);
  pages.allow(1);
  await expect.poll(markers).toBeGreaterThan(firstPage);
  await expect(map).toHaveAttribute('data-ready', 'false');
  expect(await circleInMap(map), 'the view moved when the second page came').toEqual(atFirstPage);

  pages.allow(Infinity);
  await app.waitForAllVacancies();
  expect(await homeHeight(map), 'the view moved north to the vacancies').toBeGreaterThan(0.6);
});

test('a map the person zoomed while the vacancies load is left as they set it', async ({ page }) => {
  const app = new Passerelle(page, 'fr');
  const pages = await gatePages(page);
  const map = await openMonsMap(page, app);
  await expect.poll(async () => Number(await map.getAttribute('data-markers'))).toBeGreaterThan(0);
  const before = await circleInMap(map);
  await page.getByRole('button', { name: app.t('map_zoom_in') }).click();
  // The zoom is animated: wait until the circle has doubled.
  await expect.poll(async () => (await circleInMap(map)).width / before.width).toBeCloseTo(2, 1);
  const zoomed = await circleInMap(map);

  pages.allow(Infinity);
  await app.waitForAllVacancies();
  expect(await circleInMap(map)).toEqual(zoomed);
});
