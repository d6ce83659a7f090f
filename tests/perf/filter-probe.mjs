// Where a filter change spends its time: the same Dutch-reach change timed with parts of the
// page switched off by CSS (the list, the map's marks, the level chart), at 4× CPU in headless
// Chromium against the release stand-in with 200,000 vacancies. A probe for choosing what to
// make faster, not a test: it prints medians and asserts nothing. `cargo xtask bench --browser`
// is the full report.
//
// Run after `cargo xtask bench --browser` (or `trunk build --release` and
// `cargo build --release -p passerelle-api`):
//   node tests/perf/filter-probe.mjs [nis] [changes]     (default: Wavre 25112, 6 changes)
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const town = process.argv[2] ?? '25112';
const changes = Number(process.argv[3] ?? 6);
const root = path.resolve(import.meta.dirname, '..', '..');
const target = process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, 'target');
const bin = process.env.PASSERELLE_API_BIN ?? path.join(target, 'release', 'passerelle-api');
const db = path.join(mkdtempSync(path.join(tmpdir(), 'passerelle-probe-')), 'a.sqlite3');
const api = spawn(bin, ['--addr', '127.0.0.1:0', '--dist', 'dist', '--db', db, '--config-json', 'tests/e2e/config.test.json', '--vacancies', '200000'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'ignore'],
});
const base = await new Promise((resolve) =>
  createInterface({ input: api.stdout }).on('line', (l) => {
    const m = /listening on (\S+)/.exec(l);
    if (m) resolve(m[1]);
  }),
);

// Each variant hides one part; the difference from "as shipped" is roughly what that part costs.
const variants = {
  'as shipped': '',
  'no list': '.vacancy-list-wrap { display: none }',
  'no marks': '.leaflet-marker-pane, .leaflet-overlay-pane { display: none }',
  'no level chart': '.level-payoff { display: none }',
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, css] of Object.entries(variants)) {
  // The app's CSP forbids inline styles; the probe's own style needs the bypass.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(`${base}/jobs?town=${town}&lang=fr&level=basic`);
  await page.waitForSelector('#map[data-ready="true"]', { state: 'attached', timeout: 300_000 });
  if (css) await page.addStyleTag({ content: css });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const reaches = await page.locator('#filter-reach option').evaluateAll((options) => options.map((o) => o.value));
  const times = [];
  for (let i = 0; i < changes; i++) {
    const current = await page.locator('#filter-reach').inputValue();
    times.push(
      await page.evaluate(async (value) => {
        const select = document.getElementById('filter-reach');
        const t0 = performance.now();
        select.value = value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return performance.now() - t0;
      }, reaches.find((r) => r !== current)),
    );
  }
  console.log(`${name.padEnd(16)} median ${median(times).toFixed(0)} ms  (${times.map((t) => t.toFixed(0)).join(', ')})`);
  await context.close();
}
await browser.close();
api.kill('SIGTERM');
