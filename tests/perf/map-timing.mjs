// Time from navigation to all markers drawn for Mons, and the cost of a filter change, in headless
// Chromium against the stand-in API (default dataset). A report, not a test: these machines are
// shared and noisy, so it prints medians of several runs and asserts nothing.
//
// Run after `cargo xtask test` (or `trunk build --release` + `cargo build -p passerelle-api`):
//   node tests/perf/map-timing.mjs [runs]
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const runs = Number(process.argv[2] ?? 5);
const root = path.resolve(import.meta.dirname, '..', '..');
const bin = process.env.PASSERELLE_API_BIN ?? path.join(root, 'target', 'debug', 'passerelle-api');
const db = path.join(mkdtempSync(path.join(tmpdir(), 'passerelle-perf-')), 'a.sqlite3');
const api = spawn(bin, ['--addr', '127.0.0.1:0', '--dist', 'dist', '--db', db, '--config-json', 'tests/e2e/config.test.json'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve) => createInterface({ input: api.stdout }).on('line', (l) => { const m = /listening on (\S+)/.exec(l); if (m) resolve(m[1]); }));

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run', '--disable-quic'] });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const toMarkers = [];
const filterChange = [];
let markers = 0;
for (let i = 0; i < runs; i++) {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(`${base}/jobs?town=53053&lang=fr`);
  await page.waitForSelector('#map[data-ready="true"]', { timeout: 60_000 });
  toMarkers.push(await page.evaluate(() => performance.now()));
  markers = Number(await page.getAttribute('#map', 'data-markers'));
  // One filter change (contract), timed inside the page until two frames have been painted.
  filterChange.push(await page.evaluate(async () => {
    const select = document.getElementById('filter-contract');
    const t0 = performance.now();
    select.value = 'permanent';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - t0;
  }));
  await page.close();
}
console.log(`markers drawn for Mons: ${markers}`);
console.log(`navigation → all markers drawn: median ${median(toMarkers).toFixed(0)} ms over ${runs} runs (${toMarkers.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`filter change → painted: median ${median(filterChange).toFixed(1)} ms (${filterChange.map((x) => x.toFixed(1)).join(', ')})`);
await browser.close();
api.kill('SIGTERM');
