// Passerelle beside its peers in one headless Chromium, at 1× and 4× CPU (DevTools throttling),
// on the same points from the release stand-in, plus the loader at scale. Issue 11's table.
//
// A report, not a test: it prints medians and never judges a timing (these machines are shared
// and noisy), but it FAILS when a figure could not be taken, so a bench that measured nothing
// cannot read as done. Run through `cargo xtask bench --browser`, which builds the release app
// and stand-in, starts the stand-in with 200,000 vacancies and passes:
//   node tests/perf/bench.mjs --url http://127.0.0.1:PORT [--runs 5] [--peer-runs 3] [--loads 3] [--lcp-loads 9]
//        [--shell wasm=BYTES,js=BYTES,css=BYTES] [--named-wasm DIR] [--out target/bench-browser.md]
//        [--only filter,load,panzoom,memory,lcp,loader,api,profile,trace]   (a subset, while developing)
//        [--peers off]   (Passerelle alone: an A/B of two builds in minutes, not the peers' table)
//        [--profile-change reach|keyword|contract]   (the change the CPU profile samples; reach)
//        [--profile-town mons|wavre]   (the town it is sampled around; wavre, 100k in reach)
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const args = parseArgs(process.argv.slice(2));
const BASE = args.url;
const RATES = [1, 4];
const VIEWPORT = { width: 1366, height: 768 };
const RADIUS_KM = 60;
const LEVEL = 'basic';
const TOWNS = [
  { key: 'mons', nis: '53053', name: 'Mons' },
  { key: 'wavre', nis: '25112', name: 'Wavre' },
];
const WAVRE = TOWNS[1];
// One keystroke in an empty keyword box; 'v' is a first letter people type (verkoper,
// vrachtwagenchauffeur, verpleegkundige) and does not match nearly every offer as a vowel would.
const KEYWORD = 'v';
const CONTRACT = 'permanent';
// Lighthouse's "slow 4G" figures: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up
// (1.6 × 1024 and 750 kbit/s, as Lighthouse computes them), without its 3.75× latency factor.
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const LAUNCH = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run', '--disable-quic'];
const fr = JSON.parse(readFileSync(path.join(ROOT, 'locales', 'fr.json'), 'utf8'));

const failures = [];
const notes = [];

function parseArgs(argv) {
  const o = { runs: 5, peerRuns: 3, loads: 3, lcpLoads: 9, out: path.join(ROOT, 'target', 'bench-browser.md'), only: null, shell: null, namedWasm: null, peers: true, profileChange: 'reach', profileTown: 'wavre' };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} wants a value`);
    if (flag === '--url') o.url = value.replace(/\/$/, '');
    else if (flag === '--runs') o.runs = Number(value);
    else if (flag === '--peer-runs') o.peerRuns = Number(value);
    else if (flag === '--loads') o.loads = Number(value);
    // A start page loads in a second or two, where a Wavre load takes ten: more of them, so that
    // one busy moment of the host does not decide the median.
    else if (flag === '--lcp-loads') o.lcpLoads = Number(value);
    else if (flag === '--out') o.out = path.resolve(value);
    else if (flag === '--only') o.only = new Set(value.split(','));
    else if (flag === '--shell') o.shell = Object.fromEntries(value.split(',').map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
    else if (flag === '--named-wasm') o.namedWasm = value;
    else if (flag === '--peers' && ['on', 'off'].includes(value)) o.peers = value === 'on';
    else if (flag === '--profile-change' && ['reach', 'keyword', 'contract'].includes(value)) o.profileChange = value;
    else if (flag === '--profile-town') o.profileTown = value;
    else throw new Error(`unknown argument ${flag}`);
  }
  if (!o.url) throw new Error('--url of a running stand-in (release, 200,000 vacancies) is required');
  for (const k of ['runs', 'peerRuns', 'loads']) if (!(o[k] >= 1)) throw new Error(`--${k} wants a whole number ≥ 1`);
  return o;
}

const wanted = (section) => !args.only || args.only.has(section);
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// When the frame holding the change has been painted: a message posted from a frame callback runs
// once that frame's style, layout and paint are done (where Interaction to Next Paint ends); then
// the next frame callback, a whole frame later, the former end (two frame callbacks), kept so older
// figures stay comparable. Same as `painted` in peers/peers.js.
const paintedSrc = `new Promise((r) => requestAnimationFrame(() => {
  const c = new MessageChannel();
  c.port1.onmessage = () => {
    const at = performance.now();
    requestAnimationFrame(() => r({ at, nextFrame: performance.now() }));
  };
  c.port2.postMessage(null);
}))`;

/** Runs one measurement; a failure is recorded (the run then fails) and yields null. */
async function attempt(what, fn) {
  try {
    return await fn();
  } catch (e) {
    failures.push(`${what}: ${e.message.split('\n')[0]}`);
    console.error(`FAILED ${what}: ${e.stack ?? e}`);
    return null;
  }
}

// ---------------------------------------------------------------- the points, from node

function townCentre(nis) {
  const line = readFileSync(path.join(ROOT, 'crates', 'core', 'data', 'municipalities.csv'), 'utf8')
    .split('\n').find((l) => l.startsWith(`${nis},`));
  const f = line.split(',');
  return { lat: Number(f[7]), lon: Number(f[8]) };
}

/** The app's search (src/api/client.rs): centre to 5 decimals, 60 km, pages of `limit`. */
function searchUrl(centre, limit, cursor, nudge = 0) {
  const q = new URLSearchParams({ lat: (centre.lat + nudge).toFixed(5), lon: centre.lon.toFixed(5), radius_km: String(RADIUS_KM), limit: String(limit) });
  if (cursor) q.set('cursor', cursor);
  return `${BASE}/api/v1/vacancies?${q}`;
}

/** Like crates/core/src/text.rs `fold`: lower case, accents off. */
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/æ/g, 'ae').replace(/œ/g, 'oe');

/** Every vacancy of the search, reduced to what the peers draw and filter on. */
async function fetchPoints(town) {
  const items = [];
  let cursor;
  do {
    const res = await fetch(searchUrl(town.centre, 1000, cursor));
    if (!res.ok) throw new Error(`search ${res.status}`);
    const page = await res.json();
    items.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return items.map((v) => ({
    lat: v.lat,
    lon: v.lon,
    level: v.dutch_level == null ? -1 : ['none', 'starter', 'basic', 'medium', 'good', 'very_good'].indexOf(v.dutch_level),
    contract: v.contract,
    code: v.occupation_code ?? null,
    text: [v.title, v.employer, v.place, v.occupation_label ?? ''].map(fold).join('\u0000'),
  }));
}

// ---------------------------------------------------------------- the peers' page

/** Serves tests/perf/peers and the peers from node_modules, and the points as JSON. */
function startPeersServer(pointsByNis) {
  const files = {
    '/': 'tests/perf/peers/index.html',
    '/peers.js': 'tests/perf/peers/peers.js',
    '/leaflet/leaflet.js': 'node_modules/leaflet/dist/leaflet.js',
    '/leaflet/leaflet.css': 'node_modules/leaflet/dist/leaflet.css',
    '/markercluster/leaflet.markercluster.js': 'node_modules/leaflet.markercluster/dist/leaflet.markercluster.js',
    '/markercluster/MarkerCluster.css': 'node_modules/leaflet.markercluster/dist/MarkerCluster.css',
    '/markercluster/MarkerCluster.Default.css': 'node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css',
    '/supercluster/supercluster.min.js': 'node_modules/supercluster/dist/supercluster.min.js',
  };
  const types = { html: 'text/html', js: 'text/javascript', css: 'text/css', json: 'application/json' };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const points = /^\/points\/(\d{5})\.json$/.exec(url.pathname);
    const body = points ? pointsByNis.get(points[1]) : files[url.pathname] && readFileSync(path.join(ROOT, files[url.pathname]));
    if (!body) { res.writeHead(404).end(); return; }
    const ext = points ? 'json' : files[url.pathname].split('.').pop();
    res.writeHead(200, { 'content-type': types[ext] ?? 'application/octet-stream' }).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` })));
}

/** The filters as the peers' page reads them. */
const levelIndex = (name) => ['none', 'starter', 'basic', 'medium', 'good', 'very_good'].indexOf(name);
const INITIAL = { mine: levelIndex(LEVEL), dutchMax: levelIndex(LEVEL) + 1, keyword: '', contract: '' };

// ---------------------------------------------------------------- browser helpers

/** Runs in every Passerelle page before its scripts: first marks, ready, long tasks, wasm memory. */
const PASSERELLE_PROBE = () => {
  const b = (window.__bench = { firstMarks: null, ready: null, readyPainted: null, longTasks: [], memory: null });
  performance.setResourceTimingBufferSize(5000);
  addEventListener('TrunkApplicationStarted', (e) => { b.memory = e.detail.wasm.memory; });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, ms: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
  new MutationObserver(() => {
    const map = document.getElementById('map');
    if (!map) return;
    const now = performance.now();
    if (b.firstMarks === null && Number(map.getAttribute('data-markers')) > 0) b.firstMarks = now;
    if (b.ready === null && map.getAttribute('data-ready') === 'true') {
      b.ready = now;
      requestAnimationFrame(() => requestAnimationFrame(() => { b.readyPainted = performance.now(); }));
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-markers', 'data-ready'] });
};

/** A fresh context and page at `rate`× CPU (and `network` conditions), on the stand-in's origin. */
async function openPage(browser, { rate = 1, network = null, origin = BASE, probe = true } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  if (probe) await page.addInitScript(PASSERELLE_PROBE);
  const cdp = await context.newCDPSession(page);
  // A same-origin page first, so the throttling set below holds in the renderer that loads the app.
  await page.goto(origin === BASE ? `${BASE}/api/v1/health` : `${origin}/`);
  await setRate(cdp, rate);
  if (network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', network);
  }
  return { context, page, cdp };
}

const setRate = (cdp, rate) => cdp.send('Emulation.setCPUThrottlingRate', { rate });
const jobsUrl = (town) => `${BASE}/jobs?town=${town.nis}&level=${LEVEL}&lang=fr`;

async function waitReady(page, timeout = 300_000) {
  await page.waitForSelector('#map[data-ready="true"]', { timeout });
  await page.waitForFunction(() => window.__bench.readyPainted !== null, null, { timeout });
}

/** JS heap and wasm memory after a full garbage collection, in bytes. */
async function memoryNow(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await sleep(200);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  await cdp.send('Performance.enable');
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const wasm = await page.evaluate(() => window.__bench?.memory?.buffer.byteLength ?? 0);
  return { jsUsed: heap.usedSize, backing: heap.backingStorageSize ?? NaN, metricsJsUsed: metrics.JSHeapUsedSize, wasm };
}

/** Counts every /api/v1/vacancies request: bytes on the wire and decoded, start and end. */
function watchVacancyRequests(cdp) {
  const byId = new Map();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.request.url.includes('/api/v1/vacancies?')) byId.set(e.requestId, { start: e.timestamp, decoded: 0, encoded: 0, end: null, encoding: null });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = byId.get(e.requestId);
    if (r) r.encoding = e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? 'identity';
  });
  cdp.on('Network.dataReceived', (e) => { const r = byId.get(e.requestId); if (r) r.decoded += e.dataLength; });
  cdp.on('Network.loadingFinished', (e) => {
    const r = byId.get(e.requestId);
    if (r) { r.encoded = e.encodedDataLength; r.end = e.timestamp; }
  });
  return () => {
    const all = [...byId.values()];
    if (all.some((r) => r.end === null)) throw new Error('a vacancies request did not finish');
    const start = Math.min(...all.map((r) => r.start));
    const end = Math.max(...all.map((r) => r.end));
    return {
      requests: all.length,
      encoded: all.reduce((s, r) => s + r.encoded, 0),
      decoded: all.reduce((s, r) => s + r.decoded, 0),
      encodings: [...new Set(all.map((r) => r.encoding))].join('/'),
      spanMs: (end - start) * 1000,
    };
  };
}

// ---------------------------------------------------------------- Passerelle

/** One navigation to the results of `town`, until the full map is painted. */
async function loadPasserelle(browser, town, { rate = 1, network = null } = {}) {
  const { context, page, cdp } = await openPage(browser, { rate, network });
  await cdp.send('Network.enable');
  const traffic = watchVacancyRequests(cdp);
  try {
    await page.goto(jobsUrl(town));
    await waitReady(page);
    const inPage = await page.evaluate(() => {
      const pages = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/vacancies?'));
      const b = window.__bench;
      return {
        lastPageEnd: Math.max(...pages.map((e) => e.responseEnd)),
        firstMarks: b.firstMarks, ready: b.ready, readyPainted: b.readyPainted,
        shown: Number(document.querySelector('[data-testid="vacancy-count"]').getAttribute('data-count')),
        markers: Number(document.getElementById('map').getAttribute('data-markers')),
      };
    });
    return { ...inPage, lastPageToMap: inPage.readyPainted - inPage.lastPageEnd, ...traffic() };
  } finally {
    await context.close();
  }
}

/** The filter changes of issue 11, each found by its French label as a person would. */
const CHANGES = [
  { key: 'reach', what: 'Dutch reach (my level + 1 → my level)', label: fr.filter_reach, event: 'change', to: 'within', back: 'course', peer: { dutchMax: levelIndex(LEVEL) } },
  { key: 'keyword', what: `one keyword character ('${KEYWORD}')`, label: fr.filter_keyword, event: 'input', to: KEYWORD, back: '', peer: { keyword: KEYWORD } },
  { key: 'contract', what: `contract (any → ${CONTRACT})`, label: fr.filter_contract, event: 'change', to: CONTRACT, back: '', peer: { contract: CONTRACT } },
];

/** Sets a control as the person would and times, inside the page, from the event to the paint of
 *  the frame where both the list's count and the map's marks have changed (a no-op would never
 *  end); `twoFramesMs` ends a frame later, as this bench did until December 2026. */
async function timeControl(page, change, value, found = null) {
  const control = found ?? await page.getByLabel(change.label, { exact: true }).elementHandle();
  return page.evaluate(async ([el, value, event, paintedSrc]) => {
    const read = () => ({
      count: document.querySelector('[data-testid="vacancy-count"]')?.getAttribute('data-count'),
      markers: document.getElementById('map')?.getAttribute('data-markers'),
    });
    const before = read();
    const changed = new Promise((resolve, reject) => {
      const mo = new MutationObserver(() => {
        const now = read();
        if (now.count !== before.count && now.markers !== before.markers) { mo.disconnect(); resolve(); }
      });
      mo.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-count', 'data-markers'] });
      setTimeout(() => { mo.disconnect(); reject(new Error(`list and map unchanged after 120 s (${JSON.stringify(read())})`)); }, 120_000);
    });
    performance.mark('bench-change-start');
    const t0 = performance.now();
    el.value = value;
    el.dispatchEvent(new Event(event, { bubbles: true }));
    await changed;
    const painted = await eval(paintedSrc);
    performance.mark('bench-change-end');
    return { ms: painted.at - t0, twoFramesMs: painted.nextFrame - t0, from: Number(before.count), to: Number(read().count) };
  }, [control, value, change.event, paintedSrc]);
}

/** Forward changes timed `runs` times at each rate, each undone (untimed) before the next. */
async function passerelleFilterChanges(page, cdp, runs) {
  const out = {};
  for (const rate of RATES) {
    await setRate(cdp, rate);
    for (const change of CHANGES) {
      const rs = [];
      for (let i = 0; i < runs; i++) {
        rs.push(await timeControl(page, change, change.to));
        await timeControl(page, change, change.back);
        await sleep(300);
      }
      const times = rs.map((r) => r.ms);
      out[`${change.key}@${rate}`] = { ms: median(times), all: times, twoFramesMs: median(rs.map((r) => r.twoFramesMs)), counts: `${rs[0].from} → ${rs[0].to}` };
    }
  }
  await setRate(cdp, 1);
  return out;
}

/** Drives a map as a person would: wheel in over its centre, drag, wheel out; records every
 *  frame's interval and the long tasks meanwhile. `flip` drags the other way (back home). */
async function panZoom(page, selector, flip) {
  const box = await page.locator(selector).boundingBox();
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x, y);
  await page.evaluate(() => {
    const rec = (window.__frames = { intervals: [], long: [], stop: false });
    let last = performance.now();
    const tick = (t) => { rec.intervals.push(t - last); last = t; if (!rec.stop) requestAnimationFrame(tick); };
    requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
    rec.observer = new PerformanceObserver((l) => { for (const e of l.getEntries()) rec.long.push(e.duration); });
    rec.observer.observe({ type: 'longtask' });
  });
  await page.mouse.wheel(0, -100);
  await sleep(1200);
  await page.mouse.down();
  const dx = flip ? 250 : -250;
  for (let i = 1; i <= 10; i++) { await page.mouse.move(x + (dx * i) / 10, y + (dx * i) / 20); await sleep(16); }
  await page.mouse.up();
  await sleep(1200);
  await page.mouse.wheel(0, 100);
  await sleep(1500);
  return page.evaluate(() => {
    const rec = window.__frames;
    rec.stop = true;
    rec.observer.disconnect();
    const sorted = [...rec.intervals].sort((a, b) => a - b);
    return { worstFrame: sorted.at(-1) ?? NaN, p95Frame: sorted[Math.floor(sorted.length * 0.95)] ?? NaN, frames: sorted.length, longest: Math.max(0, ...rec.long), longCount: rec.long.length };
  });
}

async function panZoomRuns(page, cdp, selector, runs) {
  const out = {};
  for (const rate of RATES) {
    await setRate(cdp, rate);
    const rs = [];
    for (let i = 0; i < runs; i++) rs.push(await panZoom(page, selector, i % 2 === 1));
    if (rs.every((r) => r.frames < 10)) throw new Error(`${selector}: no animation frames recorded`);
    out[rate] = {
      worstFrame: median(rs.map((r) => r.worstFrame)), p95Frame: median(rs.map((r) => r.p95Frame)),
      longest: median(rs.map((r) => r.longest)), longCount: median(rs.map((r) => r.longCount)),
    };
  }
  await setRate(cdp, 1);
  return out;
}

/** Memory added by the vacancies: the page measured with the searches held back, then after. */
async function passerelleMemory(browser, town) {
  const { context, page, cdp } = await openPage(browser);
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/api/v1/vacancies?*', async (route) => { await held; await route.continue(); });
  try {
    await page.goto(jobsUrl(town));
    await page.waitForFunction(() => window.__bench.memory !== null && document.getElementById('map') !== null, null, { timeout: 60_000 });
    await sleep(500);
    const before = await memoryNow(page, cdp);
    release();
    await waitReady(page);
    await sleep(1000);
    const after = await memoryNow(page, cdp);
    return { before, after };
  } finally {
    await context.close();
  }
}

/** Largest Contentful Paint of the start page, fresh context (nothing cached). */
async function lcp(browser, rate) {
  const { context, page, cdp } = await openPage(browser, { rate });
  try {
    await page.goto(`${BASE}/?lang=fr`);
    // Waits through the DevTools protocol, not Playwright's selectors: their injected script is
    // evaluated on the page's main thread (~40 ms at 4×), between the first paint and the start
    // page, where a visitor's browser runs nothing.
    await cdp.send('Runtime.evaluate', {
      expression: `new Promise((resolve) => {
        const check = () => (document.querySelector('input[role="combobox"]') ? resolve(true) : setTimeout(check, 50));
        check();
      })`,
      awaitPromise: true,
      timeout: 60_000,
    });
    await sleep(1500);
    const t = await page.evaluate(() => new Promise((resolve) => {
      new PerformanceObserver((l) => resolve(l.getEntries().at(-1)?.startTime ?? NaN)).observe({ type: 'largest-contentful-paint', buffered: true });
      setTimeout(() => resolve(NaN), 2000);
    }));
    if (!Number.isFinite(t)) throw new Error('no largest-contentful-paint entry');
    return t;
  } finally {
    await context.close();
  }
}

/** The town profiled (`--profile-town`): Wavre (100k in reach) unless told. */
const profileTown = () => {
  const town = TOWNS.find((t) => t.key === args.profileTown);
  if (!town) throw new Error(`--profile-town: one of ${TOWNS.map((t) => t.key).join(', ')}`);
  return town;
};
// A wrong --profile-town fails here, not after minutes of measuring.
profileTown();

/** A CDP sampling profile of one filter change (`--profile-change`, the Dutch reach unless told)
 *  at 4× around `--profile-town`, wasm with names. */
async function profileFilterChange(browser) {
  const { context, page, cdp } = await openPage(browser);
  let named = false;
  if (args.namedWasm) {
    // Each wasm file (the main part and the screens split out of it) from its named copy.
    await page.route('**/*.wasm', (route) => {
      const file = path.join(args.namedWasm, path.basename(new URL(route.request().url()).pathname));
      return existsSync(file) ? route.fulfill({ body: readFileSync(file), contentType: 'application/wasm' }) : route.continue();
    });
    named = true;
  }
  try {
    await page.goto(jobsUrl(profileTown()));
    await waitReady(page);
    await setRate(cdp, 4);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    // The control is found first so Playwright's own page scripts stay out of the profile.
    const change = CHANGES.find((c) => c.key === args.profileChange);
    const control = await page.getByLabel(change.label, { exact: true }).elementHandle();
    await cdp.send('Profiler.start');
    const times = [];
    for (let i = 0; i < 3; i++) {
      times.push((await timeControl(page, change, change.to, control)).ms);
      times.push((await timeControl(page, change, change.back, control)).ms);
    }
    const { profile } = await cdp.send('Profiler.stop');
    const r = { ms: median(times) };
    const file = path.join(path.dirname(args.out), 'bench-browser-filter-4x.cpuprofile');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(profile));
    const all = selfTimes(profile);
    // Under CPU throttling the renderer is paused between slices of work; those samples land in
    // "(program)" with native work (style, layout, paint), so shares are given without it too.
    const program = all.find((f) => f.name === '(program)')?.ms ?? 0;
    const idle = all.find((f) => f.name === '(idle)')?.ms ?? 0;
    const total = all.reduce((s, f) => s + f.ms, 0);
    const top = all.filter((f) => f.name !== '(program)' && f.name !== '(idle)').slice(0, 15)
      .map((f) => ({ ...f, shareOfJs: f.ms / (total - program - idle) }));
    return { ms: r.ms, what: change.what, top, program, idle, total, file, named };
  } finally {
    await context.close();
  }
}

/** The renderer's main-thread work during a filter change, by kind: what a trace shows and a
 *  CPU profile cannot (style, layout and paint fall in its "(program)"). */
const TRACE_KINDS = {
  EventDispatch: 'script', FunctionCall: 'script', FireAnimationFrame: 'script', TimerFire: 'script', RunMicrotasks: 'script',
  UpdateLayoutTree: 'style and layout', Layout: 'style and layout',
  PrePaint: 'paint and composite', Paint: 'paint and composite', Layerize: 'paint and composite', Commit: 'paint and composite', UpdateLayer: 'paint and composite',
};

/** Opens the town's results once every page is in, throttles the CPU 4× and traces `act(page)`
 *  (DevTools `categories`); gives what `act` returned and the trace's events. */
async function traced(browser, town, categories, act) {
  const { context, page, cdp } = await openPage(browser);
  try {
    await page.goto(jobsUrl(town));
    await waitReady(page);
    await setRate(cdp, 4);
    const events = [];
    cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
    const result = await act(page);
    await cdp.send('Tracing.end');
    await complete;
    return { result, events };
  } finally {
    await context.close();
  }
}

async function traceFilterChanges(browser, town) {
  const controls = [];
  const { result: times, events } = await traced(browser, town, 'devtools.timeline,blink.user_timing', async (page) => {
    const times = [];
    for (const change of CHANGES) {
      const control = await page.getByLabel(change.label, { exact: true }).elementHandle();
      for (let i = 0; i < 2; i++) {
        times.push((await timeControl(page, change, change.to, control)).ms);
        times.push((await timeControl(page, change, change.back, control)).ms);
        controls.push(change.key, change.key);
      }
    }
    return times;
  });
  return { ms: median(times), ...traceKinds(events, controls) };
}

/** The long tasks of pan/zoom gestures at 4×, 100k in reach: how many top-level tasks took over
 *  50 ms, and the five longest with their time by kind and the events that ran in them. The
 *  PerformanceObserver counts long tasks but cannot say what they were. This trace's categories
 *  cost time of their own, so its durations run longer than the untraced pan/zoom row's. */
async function tracePanZoom(browser) {
  const { result: gestures, events } = await traced(browser, WAVRE, 'devtools.timeline,disabled-by-default-devtools.timeline', async (page) => {
    const gestures = [];
    for (let i = 0; i < 4; i++) gestures.push(await panZoom(page, '#map', i % 2 === 1));
    return gestures;
  });
  return { gestures: gestures.length, observerLongest: median(gestures.map((g) => g.longest)), ...longTasks(events) };
}

/** The renderer main thread's top-level tasks (`RunTask`) over 50 ms, and the five longest. */
function longTasks(events) {
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const busiest = mains.map((m) => ({ m, n: events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.name === 'FunctionCall').length }))
    .sort((a, b) => b.n - a.n)[0]?.m;
  if (!busiest) throw new Error('no renderer main thread in the trace');
  const onMain = events.filter((e) => e.pid === busiest.pid && e.tid === busiest.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const tasks = onMain.filter((e) => e.name === 'RunTask');
  if (tasks.length === 0) throw new Error('no RunTask events in the trace');
  const describe = (task) => {
    const end = task.ts + task.dur;
    const inside = onMain.filter((e) => e.ts >= task.ts && e.ts < end && e !== task);
    const kinds = {};
    let coveredUntil = -Infinity;
    const causes = [];
    for (const e of inside) {
      if (!TRACE_KINDS[e.name] || e.ts < coveredUntil) continue;
      kinds[TRACE_KINDS[e.name]] = (kinds[TRACE_KINDS[e.name]] ?? 0) + e.dur / 1000;
      coveredUntil = e.ts + e.dur;
      const d = e.args?.data ?? {};
      const what = e.name === 'EventDispatch' ? `${d.type} event` : e.name === 'FunctionCall' ? `call ${d.functionName || '(anonymous)'}` : e.name;
      causes.push({ what, ms: e.dur / 1000 });
    }
    causes.sort((a, b) => b.ms - a.ms);
    return { ms: task.dur / 1000, kinds, causes: causes.slice(0, 4).map((c) => `${c.what} ${c.ms.toFixed(1)}`).join(', ') };
  };
  const sorted = [...tasks].sort((a, b) => b.dur - a.dur);
  return { over50: tasks.filter((t) => t.dur > 50_000).length, longest: sorted.slice(0, 5).map(describe) };
}

/** Main-thread time per change by kind: top-level events only (a layout inside a script's
 *  forced reflow counts once, as script), medians over the changes, all and per control
 *  (`controls[i]` is the control of the `i`th change). */
function traceKinds(events, controls) {
  const marks = events.filter((e) => e.name === 'bench-change-start' || e.name === 'bench-change-end');
  if (marks.length === 0) throw new Error('no change marks in the trace');
  const { pid, tid } = marks[0];
  const onMain = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && TRACE_KINDS[e.name]).sort((a, b) => a.ts - b.ts);
  const starts = marks.filter((m) => m.name === 'bench-change-start').map((m) => m.ts);
  const ends = marks.filter((m) => m.name === 'bench-change-end').map((m) => m.ts);
  const perChange = starts.map((start) => {
    const end = ends.find((t) => t > start);
    const kinds = { wall: (end - start) / 1000 };
    let coveredUntil = -Infinity;
    for (const e of onMain) {
      if (e.ts < start || e.ts >= end || e.ts < coveredUntil) continue;
      kinds[TRACE_KINDS[e.name]] = (kinds[TRACE_KINDS[e.name]] ?? 0) + e.dur / 1000;
      coveredUntil = e.ts + e.dur;
    }
    return kinds;
  });
  const names = ['wall', ...new Set(Object.values(TRACE_KINDS))];
  const medians = (changes) => Object.fromEntries(names.map((k) => [k, median(changes.map((c) => c[k] ?? 0))]));
  const byControl = Object.fromEntries(CHANGES.map((c) => [c.key, medians(perChange.filter((_, i) => controls[i] === c.key))]));
  return { changes: perChange.length, kinds: medians(perChange), byControl };
}

/** Self time per function (name + script) from a CDP profile's samples. */
function selfTimes(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const f = nodes.get(profile.samples[i]).callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url ? `(${f.url.split('/').pop()}:${f.lineNumber + 1})` : ''}`.trim();
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self.entries()].sort((a, b) => b[1] - a[1]).map(([name, ms]) => ({ name, ms, share: ms / total }));
}

// ---------------------------------------------------------------- the peers

async function openPeer(browser, peersUrl, kind, town, mapSize, rate) {
  const opened = await openPage(browser, { rate, origin: peersUrl, probe: false });
  await opened.page.evaluate(([kind, opts]) => window.peers.start(kind, opts), [kind, { ...mapSize, centre: [town.centre.lat, town.centre.lon], radiusKm: RADIUS_KM }]);
  return opened;
}

/** Row 2 and row 4 for one peer: points in the page → first drawn map; memory added at 1×. */
async function peerFirstMap(browser, peersUrl, kind, town, mapSize, rate, withMemory) {
  const { context, page, cdp } = await openPeer(browser, peersUrl, kind, town, mapSize, rate);
  try {
    const before = withMemory ? await memoryNow(page, cdp) : null;
    await page.evaluate((nis) => window.peers.fetchPoints(`/points/${nis}.json`), town.nis);
    const r = await page.evaluate((f) => window.peers.firstMap(f), INITIAL);
    const after = withMemory ? await memoryNow(page, cdp) : null;
    return { ...r, memory: withMemory ? after.jsUsed - before.jsUsed : null };
  } finally {
    await context.close();
  }
}

async function peerChangesAndPanZoom(browser, peersUrl, kind, town, mapSize, runs, withPanZoom) {
  const { context, page, cdp } = await openPeer(browser, peersUrl, kind, town, mapSize, 1);
  try {
    await page.evaluate((nis) => window.peers.fetchPoints(`/points/${nis}.json`), town.nis);
    const out = { shownAtStart: (await page.evaluate((f) => window.peers.firstMap(f), INITIAL)).shown };
    for (const rate of RATES) {
      await setRate(cdp, rate);
      for (const change of CHANGES) {
        const rs = [];
        for (let i = 0; i < runs; i++) {
          rs.push(await page.evaluate((f) => window.peers.change(f), { ...INITIAL, ...change.peer }));
          await page.evaluate((f) => window.peers.change(f), INITIAL);
          await sleep(300);
        }
        const times = rs.map((r) => r.ms);
        out[`${change.key}@${rate}`] = { ms: median(times), all: times, twoFramesMs: median(rs.map((r) => r.twoFramesMs)), shown: rs[0].shown };
      }
    }
    await setRate(cdp, 1);
    if (withPanZoom) out.panZoom = await panZoomRuns(page, cdp, '#map', runs);
    return out;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- the raw API, from node

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/** One request, its body as it came on the wire and decoded, and its timings. */
function rawGet(url, encoding) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get(url, { agent, headers: { 'accept-encoding': encoding } }, (res) => {
      const tHead = performance.now();
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const wire = Buffer.concat(chunks);
        const enc = res.headers['content-encoding'] ?? 'identity';
        const body = enc === 'br' ? zlib.brotliDecompressSync(wire) : enc === 'gzip' ? zlib.gunzipSync(wire) : wire;
        if (res.statusCode !== 200) { reject(new Error(`${res.statusCode} ${body}`)); return; }
        resolve({ page: JSON.parse(body), wire: wire.length, decoded: body.length, enc, ttfb: tHead - t0, ms: performance.now() - t0 });
      });
    });
    req.on('error', reject);
  });
}

/** All pages of the Wavre search, one request at a time, as the app does. `nudge` moves the
 *  centre by 0.00001° so the stand-in's result cache is cold for the first page. */
async function pageThrough(limit, encoding, nudge) {
  const t0 = performance.now();
  const pages = [];
  let cursor;
  do {
    const r = await rawGet(searchUrl(WAVRE.centre, limit, cursor, nudge), encoding);
    pages.push(r);
    cursor = r.page.next;
  } while (cursor);
  const items = pages.reduce((s, p) => s + p.page.items.length, 0);
  return {
    limit, encoding, pages: pages.length, items, total: pages[0].page.total, totalMs: performance.now() - t0,
    wire: pages.reduce((s, p) => s + p.wire, 0), decoded: pages.reduce((s, p) => s + p.decoded, 0),
    enc: pages[0].enc, firstTtfb: pages[0].ttfb, laterTtfb: median(pages.slice(1).map((p) => p.ttfb)), laterMs: median(pages.slice(1).map((p) => p.ms)),
  };
}

let nudges = 0;
async function rawApi() {
  const rows = [];
  for (const limit of [250, 500, 1000]) {
    for (const encoding of ['br', 'gzip', 'identity']) rows.push(await pageThrough(limit, encoding, ++nudges * 1e-5));
  }
  // Several searches in flight: independent searches paged at once (cursors chain one search's pages).
  const inFlight = [];
  for (const n of [1, 2, 4]) {
    const t0 = performance.now();
    const rs = await Promise.all(Array.from({ length: n }, () => pageThrough(1000, 'br', ++nudges * 1e-5)));
    const wall = performance.now() - t0;
    const pages = rs.reduce((s, r) => s + r.pages, 0);
    inFlight.push({ n, wall, pages, pagesPerS: pages / (wall / 1000), laterTtfb: median(rs.map((r) => r.laterTtfb)) });
  }
  return { rows, inFlight };
}

// ---------------------------------------------------------------- the report

const ms = (x) => (Number.isFinite(x) ? (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`) : '—');
const mib = (x) => (Number.isFinite(x) ? `${(x / 1048576).toFixed(1)} MiB` : '—');
const kb = (x) => (Number.isFinite(x) ? `${(x / 1000).toFixed(1)} KB` : '—');
const int = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—');
const PEER_SHORT = { canvas: 'canvas', markercluster: 'markercluster', supercluster: 'supercluster' };
const PEERS = Object.keys(PEER_SHORT);
/** The peers this run measures: none with `--peers off` (a quicker A/B of two Passerelle builds). */
const measuredPeers = () => (args.peers ? PEERS : []);

function peerCell(byPeer, pick) {
  return PEERS.map((p) => `${PEER_SHORT[p]} ${byPeer?.[p] ? pick(byPeer[p]) : '—'}`).join('<br>');
}
const bestPeer = (byPeer, pick) => Math.min(...PEERS.map((p) => (byPeer?.[p] ? pick(byPeer[p]) : NaN)).filter(Number.isFinite));

function report(r) {
  const lines = [];
  const push = (...xs) => lines.push(...xs);
  push('# Passerelle beside its peers (headless Chromium)', '');
  push(`Stand-in: release build, 200,000 generated vacancies (seed 42), ${BASE}. Chromium ${r.version}, viewport ${VIEWPORT.width}×${VIEWPORT.height}, ` +
    `map ${r.mapSize?.width ?? '?'}×${r.mapSize?.height ?? '?'} px for everyone. 4× = \`Emulation.setCPUThrottlingRate\` 4. Level ${LEVEL}, reach "my level + 1", radius ${RADIUS_KM} km. ` +
    `Medians: Passerelle ${args.runs} runs per interaction, peers ${args.peerRuns}, ${args.loads} full loads (${args.lcpLoads} start page loads for LCP); ratio = Passerelle 4× ÷ fastest peer 4×.`, '');
  for (const t of TOWNS) if (r.points?.[t.key]) push(`- ${t.name} (NIS ${t.nis}): ${int(r.points[t.key])} vacancies in reach; shown at the start: Passerelle ${int(r.shownAtStart?.[t.key])}, peers ${int(r.peerShownAtStart?.[t.key])}.`);
  push('', '| what | target | Passerelle 1× | Passerelle 4× | peer(s) 1× | peer(s) 4× | ratio |', '|---|---|---:|---:|---|---|---:|');
  for (const t of TOWNS) {
    for (const c of CHANGES) {
      const p1 = r.filter?.[t.key]?.[`${c.key}@1`];
      const p4 = r.filter?.[t.key]?.[`${c.key}@4`];
      const peers = r.peerFilter?.[t.key];
      const shown = `Passerelle ${p4?.counts ?? '?'} shown; peers ${PEERS.map((p) => int(peers?.[p]?.[`${c.key}@4`]?.shown)).join('/')}`;
      push(`| ${c.what} → map and list painted, ${t.name} (${shown}) | ${t === WAVRE ? '≤ 100 ms' : '≤ 50 ms'} | ${ms(p1?.ms)} | ${ms(p4?.ms)} | ` +
        `${peerCell(peers, (x) => ms(x[`${c.key}@1`]?.ms))} | ${peerCell(peers, (x) => ms(x[`${c.key}@4`]?.ms))} | ${ratio(p4?.ms, bestPeer(peers, (x) => x[`${c.key}@4`]?.ms))} |`);
    }
  }
  const load = r.load ?? {};
  push(`| last page arrived → first full map, ${WAVRE.name} | ≤ 1 s (4×) | ${ms(load[1]?.lastPageToMap)} | ${ms(load[4]?.lastPageToMap)} | ` +
    `${peerCell(r.peerFirst, (x) => ms(x[1]?.ms))} | ${peerCell(r.peerFirst, (x) => ms(x[4]?.ms))} | ${ratio(load[4]?.lastPageToMap, bestPeer(r.peerFirst, (x) => x[4]?.ms))} |`);
  push(`| (navigation → first marks / → full map, ${WAVRE.name}, localhost) | — | ${ms(load[1]?.firstMarks)} / ${ms(load[1]?.readyPainted)} | ${ms(load[4]?.firstMarks)} / ${ms(load[4]?.readyPainted)} | — | — | — |`);
  const pz = r.panZoom ?? {};
  const pzCell = (x) => (x ? `frames p95 ${ms(x.p95Frame)}, worst ${ms(x.worstFrame)}; longest task ${ms(x.longest)} (${int(x.longCount)} > 50 ms)` : '—');
  push(`| pan/zoom → marks redrawn (wheel in, drag, wheel out), ${WAVRE.name} | ≤ 16 ms per frame at 1×, no long task > 50 ms at 4× | ${pzCell(pz[1])} | ${pzCell(pz[4])} | ` +
    `${peerCell(r.peerPanZoom, (x) => pzCell(x[1]))} | ${peerCell(r.peerPanZoom, (x) => pzCell(x[4]))} | ${ratio(pz[4]?.longest, bestPeer(r.peerPanZoom, (x) => x[4]?.longest))} |`);
  const m = r.memory;
  const added = m ? (m.after.wasm - m.before.wasm) + (m.after.jsUsed - m.before.jsUsed) : NaN;
  push(`| memory added for ${WAVRE.name} (wasm memory + JS heap) | ≤ 30 MiB | ${m ? `${mib(added)} (wasm ${mib(m.after.wasm - m.before.wasm)}, JS ${mib(m.after.jsUsed - m.before.jsUsed)})` : '—'} | same | ` +
    `${peerCell(r.peerFirst, (x) => mib(x.memory))} (JS heap) | same | ${ratio(added, bestPeer(r.peerFirst, (x) => x.memory))} |`);
  const shell = args.shell;
  const shellTotal = shell ? Object.values(shell).reduce((a, b) => a + b, 0) : NaN;
  push(`| app shell (wasm + JS + CSS, brotli 11) | ≤ 250 KB | ${shell ? `${kb(shellTotal)} (${Object.entries(shell).map(([k, v]) => `${k} ${kb(v)}`).join(', ')})` : '—'} | same | — | — | — |`);
  push(`| Largest Contentful Paint, start page, localhost | ≤ 1.0 s (4×) | ${ms(r.lcp?.[1])} | ${ms(r.lcp?.[4])} | — | — | — |`, '');
  if (r.lcp) {
    const each = RATES.map((rate) => `${rate}× ${(r.lcp[`all@${rate}`] ?? []).map((x) => Math.round(x)).join(' / ')} ms`);
    push(`Largest Contentful Paint, every load in order: ${each.join('; ')}.`, '');
  }
  if (r.filter) {
    const former = TOWNS.flatMap((t) => CHANGES.map((c) => `${t.name} ${c.key} ${ms(r.filter[t.key]?.[`${c.key}@1`]?.twoFramesMs)} / ${ms(r.filter[t.key]?.[`${c.key}@4`]?.twoFramesMs)}`));
    push('A filter change ends when the frame holding it has been painted: a message posted from that frame\'s callback runs once its style, layout and paint are done, ' +
      'where Interaction to Next Paint ends. Until December 2026 it ended at the next frame callback, a whole frame later; Passerelle\'s medians that way (1× / 4×): ' +
      `${former.join('; ')}.`, '');
    // Every run, so a median near its target can be told from a few slow runs on a busy host.
    const each = TOWNS.flatMap((t) => CHANGES.map((c) => `${t.name} ${c.key} ${(r.filter[t.key]?.[`${c.key}@4`]?.all ?? []).map((x) => Math.round(x)).join(' / ')} ms`));
    push(`Passerelle's filter changes at 4×, every run in order: ${each.join('; ')}.`, '');
  }
  if (m) {
    push(`Memory: \`Runtime.getHeapUsage\`.usedSize after \`HeapProfiler.collectGarbage\` for the JS heap, \`memory.buffer.byteLength\` of the wasm instance (from Trunk's ` +
      `\`TrunkApplicationStarted\` event) for wasm; measured with the searches held back, then two seconds after the full map. The wasm memory is an ArrayBuffer outside the V8 heap: ` +
      `\`Performance.getMetrics\` JSHeapUsedSize went ${mib(m.before.metricsJsUsed)} → ${mib(m.after.metricsJsUsed)} (usedSize ${mib(m.before.jsUsed)} → ${mib(m.after.jsUsed)}) while wasm went ` +
      `${mib(m.before.wasm)} → ${mib(m.after.wasm)}, so JSHeapUsedSize does not include it; getHeapUsage.backingStorageSize ${mib(m.before.backing)} → ${mib(m.after.backing)}. ` +
      'Wasm memory only grows: the figure is the high-water mark of the load. Peers: JS heap only (they have no wasm), points included.', '');
  }
  if (r.profile) {
    push(`## Where a filter change, ${r.profile.what}, spends its time at 4×, ${profileTown().name}`, '', `Three changes there and back (median ${ms(r.profile.ms)} each), sampled every 200 µs by the CDP Profiler ` +
      `(${r.profile.named ? 'wasm with its name section, built like the shipped one' : 'shipped wasm, no names'}); saved as \`${path.relative(ROOT, r.profile.file)}\` (open in DevTools → Performance). Top self time:`, '',
    '| function | self | share of all samples | share without (program) and (idle) |', '|---|---:|---:|---:|',
    ...r.profile.top.map((f) => `| \`${f.name.replace(/\|/g, '\\|')}\` | ${ms(f.ms)} | ${(f.share * 100).toFixed(1)}% | ${(f.shareOfJs * 100).toFixed(1)}% |`), '',
    `The profile covers ${ms(r.profile.total)}: "(program)" ${ms(r.profile.program)} (native work and the throttler's pauses), "(idle)" ${ms(r.profile.idle)}.`, '');
  }
  if (r.trace) {
    const kinds = Object.keys(r.trace[TOWNS[0].key]?.kinds ?? {});
    push('## Where a filter change spends the main thread at 4×', '', 'A trace (`Tracing.start`, devtools.timeline) of each change there and back twice, every control; ' +
      'main-thread time between the change and two frames after it shows, by kind, median per change. "wall" includes idle time waiting for frames.', '',
    `| town | changes | ${kinds.join(' | ')} |`, `|---|---:|${kinds.map(() => '---:').join('|')}|`,
    ...TOWNS.flatMap((t) => {
      const trace = r.trace[t.key];
      if (!trace) return [`| ${t.name} | — |`];
      const row = (what, n, of) => `| ${what} | ${n} | ${kinds.map((k) => ms(of[k])).join(' | ')} |`;
      return [row(`**${t.name}**, all`, trace.changes, trace.kinds),
        ...CHANGES.map((c) => row(`${t.name}, ${c.key}`, trace.changes / CHANGES.length, trace.byControl[c.key]))];
    }), '');
  }
  if (r.panZoomTrace) {
    const t = r.panZoomTrace;
    push(`## The longest tasks of pan/zoom at 4×, ${WAVRE.name}`, '', `A trace (devtools.timeline) of ${t.gestures} wheel-in, drag, wheel-out gestures: ` +
      `${t.over50} top-level tasks over 50 ms (the PerformanceObserver's longest task, median per gesture, ${ms(t.observerLongest)}). The five longest, ` +
      'with their time by kind and the longest events inside them (ms). Tracing slows the page: compare these with each other, not with the untraced pan/zoom row above.', '',
    '| task | script | style and layout | paint and composite | what ran |', '|---:|---:|---:|---:|---|',
    ...t.longest.map((x) => `| ${ms(x.ms)} | ${ms(x.kinds.script ?? 0)} | ${ms(x.kinds['style and layout'] ?? 0)} | ${ms(x.kinds['paint and composite'] ?? 0)} | ${x.causes} |`), '');
  }
  push('## The loader at scale', '', `All pages of the ${WAVRE.name} search (60 km, ${int(r.points?.wavre)} vacancies), in Chromium, 1× CPU; slow 4G = ` +
    `\`Network.emulateNetworkConditions\` latency 150 ms, down ${int(SLOW_4G.downloadThroughput)} B/s (1.6 Mbit/s), up ${int(SLOW_4G.uploadThroughput)} B/s (750 kbit/s). ` +
    'Bytes on the wire are `loadingFinished.encodedDataLength` (headers included); decoded from `dataReceived`. Navigation times include the app shell.', '',
  '| network | requests | on the wire | decoded | wire B/vacancy | first request → last page | navigation → first marks | navigation → full map | last page → full map |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [name, l] of [['localhost', load[1]], ['localhost, 4× CPU', load[4]], ['slow 4G', r.slow4g]]) {
    if (!l) { push(`| ${name} | — | | | | | | | |`); continue; }
    push(`| ${name} (${l.encodings}) | ${int(l.requests)} | ${kb(l.encoded)} | ${kb(l.decoded)} | ${(l.encoded / r.points.wavre).toFixed(1)} | ${ms(l.spanMs)} | ${ms(l.firstMarks)} | ${ms(l.readyPainted)} | ${ms(l.lastPageToMap)} |`);
  }
  if (r.api) {
    push('', `The raw API from node, one request at a time as the app pages (keep-alive; the first page is a cold search — the centre is moved by 0.00001° per pass — later pages are slices of the stand-in's result cache):`, '',
      '| limit | encoding | pages | on the wire | decoded | wire B/vacancy | decoded B/vacancy | total | first page (server, TTFB) | later pages, median TTFB | later pages, median whole |', '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const a of r.api.rows) {
      push(`| ${a.limit} | ${a.enc} | ${a.pages} | ${kb(a.wire)} | ${kb(a.decoded)} | ${(a.wire / a.items).toFixed(1)} | ${(a.decoded / a.items).toFixed(1)} | ${ms(a.totalMs)} | ${ms(a.firstTtfb)} | ${ms(a.laterTtfb)} | ${ms(a.laterMs)} |`);
    }
    push('', 'Several searches in flight at once (limit 1000, br), each paged one request at a time:', '', '| searches in flight | wall | pages | pages/s | later pages, median TTFB |', '|---:|---:|---:|---:|---:|');
    for (const f of r.api.inFlight) push(`| ${f.n} | ${ms(f.wall)} | ${f.pages} | ${f.pagesPerS.toFixed(1)} | ${ms(f.laterTtfb)} |`);
  }
  push('', '## Notes', '', ...notes.map((n) => `- ${n}`));
  if (failures.length) push('', '## NOT MEASURED', '', ...failures.map((f) => `- ${f}`));
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- the run

async function main() {
  const r = { points: {}, shownAtStart: {}, peerShownAtStart: {} };
  for (const t of TOWNS) t.centre = townCentre(t.nis);
  const pointsByNis = new Map();
  for (const t of TOWNS) {
    const points = await fetchPoints(t);
    r.points[t.key] = points.length;
    pointsByNis.set(t.nis, JSON.stringify(points));
    console.log(`${t.name}: ${points.length} vacancies in reach`);
  }
  const { server, url: peersUrl } = await startPeersServer(pointsByNis);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: LAUNCH });
  r.version = browser.version();
  const step = async (section, what, fn) => {
    if (!wanted(section)) return null;
    const t0 = performance.now();
    console.log(`-- ${what}`);
    const out = await attempt(what, fn);
    console.log(`   ${ms(performance.now() - t0)}`);
    return out;
  };
  try {
    // The map's size in Passerelle's laptop layout: the peers get the same.
    r.mapSize = await attempt('Passerelle map size', async () => {
      const { context, page } = await openPage(browser);
      await page.goto(jobsUrl(TOWNS[0]));
      await waitReady(page);
      const box = await page.locator('#map').boundingBox();
      await context.close();
      return { width: Math.round(box.width), height: Math.round(box.height) };
    }) ?? { width: 800, height: 600 };

    r.filter = {};
    r.peerFilter = {};
    r.panZoom = null;
    r.peerPanZoom = {};
    for (const t of TOWNS) {
      r.filter[t.key] = await step('filter', `Passerelle filter changes, ${t.name}`, async () => {
        const { context, page, cdp } = await openPage(browser);
        try {
          await page.goto(jobsUrl(t));
          await waitReady(page);
          r.shownAtStart[t.key] = Number(await page.getAttribute('[data-testid="vacancy-count"]', 'data-count'));
          const out = await passerelleFilterChanges(page, cdp, args.runs);
          if (t === WAVRE && wanted('panzoom')) r.panZoom = await attempt('Passerelle pan/zoom', () => panZoomRuns(page, cdp, '#map', args.runs));
          return out;
        } finally {
          await context.close();
        }
      });
      r.peerFilter[t.key] = {};
      for (const kind of measuredPeers()) {
        const out = await step('filter', `${kind} filter changes, ${t.name}`, () =>
          peerChangesAndPanZoom(browser, peersUrl, kind, t, r.mapSize, args.peerRuns, t === WAVRE && wanted('panzoom')));
        if (!out) continue;
        r.peerFilter[t.key][kind] = out;
        r.peerShownAtStart[t.key] = out.shownAtStart;
        if (out.panZoom) r.peerPanZoom[kind] = out.panZoom;
      }
    }

    r.load = {};
    for (const rate of RATES) {
      const loads = await step('load', `Passerelle loads of ${WAVRE.name} at ${rate}×`, async () => {
        const ls = [];
        for (let i = 0; i < args.loads; i++) ls.push(await loadPasserelle(browser, WAVRE, { rate }));
        return ls;
      });
      if (loads) r.load[rate] = medianOf(loads);
    }
    r.slow4g = await step('loader', `Passerelle loads of ${WAVRE.name} on slow 4G`, async () => {
      const ls = [];
      for (let i = 0; i < args.loads; i++) ls.push(await loadPasserelle(browser, WAVRE, { network: SLOW_4G }));
      return medianOf(ls);
    });

    r.peerFirst = {};
    for (const kind of measuredPeers()) {
      const first = await step('load', `${kind} first map, ${WAVRE.name}`, async () => {
        const out = {};
        for (const rate of RATES) {
          const rs = [];
          for (let i = 0; i < args.loads; i++) rs.push(await peerFirstMap(browser, peersUrl, kind, WAVRE, r.mapSize, rate, rate === 1 && wanted('memory')));
          out[rate] = { ms: median(rs.map((x) => x.ms)), shown: rs[0].shown };
          if (rate === 1) out.memory = median(rs.map((x) => x.memory));
        }
        return out;
      });
      if (first) r.peerFirst[kind] = first;
    }

    r.memory = await step('memory', `Passerelle memory, ${WAVRE.name}`, async () => {
      const ms_ = [];
      for (let i = 0; i < args.loads; i++) ms_.push(await passerelleMemory(browser, WAVRE));
      const pick = (f) => ({ before: median(ms_.map((m) => f(m.before))), after: median(ms_.map((m) => f(m.after))) });
      const fields = ['jsUsed', 'backing', 'metricsJsUsed', 'wasm'];
      const by = Object.fromEntries(fields.map((k) => [k, pick((x) => x[k])]));
      return { before: Object.fromEntries(fields.map((k) => [k, by[k].before])), after: Object.fromEntries(fields.map((k) => [k, by[k].after])) };
    });

    r.lcp = await step('lcp', 'Largest Contentful Paint of the start page', async () => {
      const out = {};
      for (const rate of RATES) {
        const ts = [];
        for (let i = 0; i < args.lcpLoads; i++) ts.push(await lcp(browser, rate));
        out[rate] = median(ts);
        out[`all@${rate}`] = ts;
      }
      return out;
    });

    if (wanted('trace')) {
      r.trace = {};
      for (const t of TOWNS) r.trace[t.key] = await step('trace', `trace of filter changes at 4×, ${t.name}`, () => traceFilterChanges(browser, t));
      r.panZoomTrace = await step('trace', `trace of pan/zoom at 4×, ${WAVRE.name}`, () => tracePanZoom(browser));
    }
    r.profile = await step('profile', `CPU profile of a filter change (${args.profileChange}) at 4×, ${profileTown().name}`, () => profileFilterChange(browser));
    if (wanted('profile') && !args.namedWasm) notes.push('The profile ran on the shipped wasm (no --named-wasm): wasm functions show as numbers.');
    r.api = await step('api', 'the raw API from node', rawApi);
  } finally {
    await browser.close();
    server.close();
    agent.destroy();
  }
  if (!args.shell && !args.only) failures.push('app shell size: not given (--shell, passed by `cargo xtask bench --browser`)');
  checkEverythingMeasured(r);
  if (!args.peers) notes.push('Peers not measured (`--peers off`): their cells are empty.');
  notes.push(`Keyword matching for the peers: the folded keyword in title, employer, place and occupation name, or an occupation code starting with it, as crates/core/src/filter.rs does.`);
  notes.push('Passerelle\'s changes are set on the control found by its French label and dispatched as the browser would (`change` for selects, `input` for the keyword box); each is undone, untimed, before the next run.');
  notes.push('A filter change\'s timing ends once the frame where it is visible (the count and the map\'s `data-markers` both changed) has been painted; a first full map\'s, two animation frames after it is ready (Passerelle and peers alike).');
  const md = report(r);
  mkdirSync(path.dirname(args.out), { recursive: true });
  writeFileSync(args.out, md);
  console.log(`\n${md}\nwritten to ${args.out}`);
  // A bench that could not take a figure fails (the top-level await rejects: exit code 1).
  if (failures.length) {
    throw new Error(`${failures.length} measurement(s) could not be taken:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  }
}

/** Medians of every numeric field of a list of like objects (strings kept from the first). */
function medianOf(list) {
  const out = { ...list[0] };
  for (const k of Object.keys(out)) if (typeof out[k] === 'number') out[k] = median(list.map((x) => x[k]));
  return out;
}

/** A section that ran must have produced a number for every cell it owns. */
function checkEverythingMeasured(r) {
  const need = (cond, what) => { if (!cond) failures.push(`${what}: no figure`); };
  const ok = Number.isFinite;
  if (wanted('filter')) {
    for (const t of TOWNS) {
      for (const c of CHANGES) {
        for (const rate of RATES) {
          need(ok(r.filter?.[t.key]?.[`${c.key}@${rate}`]?.ms), `Passerelle ${c.key} ${t.name} ${rate}×`);
          for (const p of measuredPeers()) need(ok(r.peerFilter?.[t.key]?.[p]?.[`${c.key}@${rate}`]?.ms), `${p} ${c.key} ${t.name} ${rate}×`);
        }
      }
    }
  }
  if (wanted('load')) {
    for (const rate of RATES) {
      need(ok(r.load?.[rate]?.lastPageToMap), `Passerelle last page → full map ${rate}×`);
      need(ok(r.load?.[rate]?.firstMarks), `Passerelle first marks ${rate}×`);
      for (const p of measuredPeers()) need(ok(r.peerFirst?.[p]?.[rate]?.ms), `${p} first map ${rate}×`);
    }
  }
  if (wanted('loader')) need(ok(r.slow4g?.spanMs), 'slow 4G load');
  if (wanted('panzoom') && wanted('filter')) {
    for (const rate of RATES) {
      need(ok(r.panZoom?.[rate]?.worstFrame), `Passerelle pan/zoom ${rate}×`);
      for (const p of measuredPeers()) need(ok(r.peerPanZoom?.[p]?.[rate]?.worstFrame), `${p} pan/zoom ${rate}×`);
    }
  }
  if (wanted('memory')) {
    need(r.memory && r.memory.after.wasm > 0, 'Passerelle wasm memory');
    if (wanted('load')) for (const p of measuredPeers()) need(ok(r.peerFirst?.[p]?.memory), `${p} memory`);
  }
  if (wanted('lcp')) for (const rate of RATES) need(ok(r.lcp?.[rate]), `LCP ${rate}×`);
  if (wanted('profile')) need(r.profile?.top?.length > 0, 'CPU profile');
  if (wanted('trace')) for (const t of TOWNS) need(r.trace?.[t.key]?.changes === CHANGES.length * 4 && ok(r.trace[t.key].kinds.script), `trace ${t.name}`);
  if (wanted('trace')) need(r.panZoomTrace?.longest?.length > 0, 'trace of pan/zoom');
  // Each pass moves the centre (a cold search), which may add or drop offers at the rim: a pass
  // must bring every match of its own search.
  if (wanted('api')) need(r.api?.rows?.length === 9 && r.api.rows.every((a) => a.items === a.total && a.total > 0), 'raw API (every pass must return every match)');
}

await main();
