// Zone analysis at scale: for each IRM zone, the time from choosing it to the complete table,
// how many vacancies were fetched and counted, and the page's long tasks while pages arrive
// (is the page ever frozen?), in headless Chromium against the release stand-in with the
// 200,000-vacancy dataset. A report, not a test: medians of several runs, nothing asserted.
//
// Run after `trunk build --release` and `cargo build --release -p passerelle-api`:
//   node tests/perf/zone-timing.mjs [runs] [vacancies]
// (PASSERELLE_API_BIN overrides the binary; CPU_THROTTLE=4 emulates a phone-class CPU.)
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const runs = Number(process.argv[2] ?? 3);
const vacancies = String(process.argv[3] ?? 200000);
const throttle = Number(process.env.CPU_THROTTLE ?? 1);
const root = path.resolve(import.meta.dirname, '..', '..');
const target = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
const bin = process.env.PASSERELLE_API_BIN ?? path.join(target, 'release', 'passerelle-api');
const db = path.join(mkdtempSync(path.join(tmpdir(), 'passerelle-zone-')), 'a.sqlite3');
const api = spawn(bin, ['--addr', '127.0.0.1:0', '--dist', 'dist', '--db', db, '--vacancies', vacancies, '--config-json', 'tests/e2e/config.test.json'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve) => createInterface({ input: api.stdout }).on('line', (l) => { const m = /listening on (\S+)/.exec(l); if (m) resolve(m[1]); }));

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run', '--disable-quic'] });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`| zone | towns | fetched | in reach | choice → full table (median of ${runs}, ms) | longest task (ms) | tasks > 50 ms | JS heap (MiB) |`);
console.log('|---|---|---|---|---|---|---|---|');
for (const zone of ['west', 'centre', 'east']) {
  const times = [];
  let longest = 0, long = 0, fetched = 0, inReach = 0, towns = '', heap = 0;
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    if (throttle > 1) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    }
    await page.goto(`${base}/zone?lang=fr`);
    const area = page.getByRole('combobox', { name: /Zone, arrondissement/ });
    await area.waitFor({ timeout: 60_000 });
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask' });
    });
    const t0 = await page.evaluate(() => performance.now());
    await area.selectOption(`zone:${zone}`);
    await page.waitForSelector('[data-testid="vacancy-count"][data-partial="false"]', { timeout: 600_000 });
    // The table is painted once two frames have passed after the last page.
    const t1 = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now())))));
    times.push(t1 - t0);
    const tasks = await page.evaluate(() => window.__long);
    longest = Math.max(longest, ...tasks, 0);
    long = Math.max(long, tasks.filter((d) => d > 50).length);
    inReach = Number(await page.getAttribute('[data-testid="vacancy-count"]', 'data-count'));
    towns = (await page.locator('.zone-towns summary').innerText()).replace(/\D/g, '');
    fetched = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/vacancies')).length);
    heap = await page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize / 1048576 : 0));
    await page.close();
  }
  console.log(`| ${zone} | ${towns} | ${fetched} pages | ${inReach} | ${median(times).toFixed(0)} (${times.map((t) => t.toFixed(0)).join(', ')}) | ${longest.toFixed(0)} | ${long} | ${heap.toFixed(0)} |`);
}
console.log(`\nCPU throttle ${throttle}×, ${vacancies} vacancies.`);
await browser.close();
api.kill('SIGTERM');
