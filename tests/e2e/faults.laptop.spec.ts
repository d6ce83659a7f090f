import path from 'node:path';
import type { APIRequestContext, Locator, Page, Route } from '@playwright/test';
import { test, expect, type Api } from './fixtures';
import { literal, tr, type Lang } from './support/locales';
import { apiSearch, firstInAppVacancy, mons, Passerelle, type VacancySummary } from './support/passerelle';

/**
 * The fault matrix (issue 10): the results load, the vacancy page and the application send, each
 * against every way an API can fail or lie. Each cell checks the same promises: no uncaught
 * exception, no dialog, no script of the API's run, no CSP violation, a translated message with a
 * retry where one makes sense, and nothing typed lost. Answers are faked with page.route; waits
 * (timeouts, backoff, Retry-After) are skipped with page.clock, so no cell waits in real time.
 */

type Surface = 'results' | 'vacancy' | 'send';

/** What a cell's arrange step hands to its checks. */
type Scene = {
  page: Page;
  app: Passerelle;
  api: Api;
  /** The small real search page the list is served from (fast, and the vacancy is in it). */
  fixture: { total: number; items: VacancySummary[] };
  /** The vacancy the vacancy and send cells open (takes in-app applications). */
  vacancy: VacancySummary;
  /** Requests the fault answered so far. */
  hits: () => number;
  /** Idempotency keys the send cells saw, in order. */
  keys: string[];
  /** From now on the API answers normally. */
  heal: () => void;
  /** Applications stored before the cell's send. */
  rowsBefore: number;
};

type Answer = (route: Route, scene: Scene) => Promise<unknown>;

type Cell = {
  fault: string;
  surface: Surface;
  lang?: Lang;
  answer: Answer;
  /** Checks after the fault; the common promises are checked for every cell afterwards. */
  check: (scene: Scene) => Promise<void>;
};

/** Markers a hostile payload would set if any of it ran as script. */
const xss = `<img src=x onerror="window.__pwned='img'">`;
const breakout = `"><script>window.__pwned='script'</script>`;
const rtlOverride = '\u202E';
const hostile = (field: string) => `${xss}${breakout}${rtlOverride}${field}`;
const longWord = 'Lasser'.repeat(834).slice(0, 5000);

const problem = (status: number, type = 'about:blank') =>
  JSON.stringify({ type, title: 'fault', status });
const html = '<!doctype html><html><body><h1>502 Bad Gateway</h1><script>window.__pwned="html"</script></body></html>';
/** Five megabytes of text: sentences, as a runaway description would be. */
const fiveMB = 'Wij zoeken een gemotiveerde lasser. '.repeat((5 * 1024 * 1024) / 36);

const fulfilJson = (route: Route, status: number, body: unknown, headers: Record<string, string> = {}) =>
  route.fulfill({ status, contentType: 'application/json', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

/** Answers that never come: the app's own timeout (faked time) has to end them. */
const hang: Answer = () => new Promise(() => {});

/** An HTTP date `seconds` ahead of the page's (fake) clock. */
async function httpDateIn(page: Page, seconds: number): Promise<string> {
  const now = await page.evaluate(() => Date.now());
  return new Date(now + seconds * 1000).toUTCString();
}

/** A message of the locale with `{{ time }}` matching any clock time. */
function withAnyTime(lang: Lang, key: string): RegExp {
  const [before, after] = tr(lang, key, { time: '\u0000' }).split('\u0000');
  return new RegExp(`${literal(before).source}\\d{2}:\\d{2}:\\d{2}${literal(after).source}`);
}

/**
 * With FAULT_SHOTS=<folder>, screenshots of a message at laptop and phone width (the message
 * scrolled into view), for a person to look at; otherwise nothing.
 */
async function shot(page: Page, name: string, message: Locator): Promise<void> {
  const folder = process.env.FAULT_SHOTS;
  if (!folder) return;
  for (const [width, height] of [[1366, 768], [360, 740]]) {
    await page.setViewportSize({ width, height });
    await message.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(folder, `${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

/**
 * Skips fake time forward until `check` passes: past the retries' backoff (short steps, so no
 * request in flight reaches its own timeout) or past a request's 20 s timeout (`step` 21 s).
 */
async function fastForwardUntil(page: Page, check: () => Promise<void>, step: number): Promise<void> {
  await expect(async () => {
    await page.clock.fastForward(step);
    await check();
  }).toPass({ timeout: 30_000, intervals: [50, 100, 200] });
}

/** The step that gets a cell to its message: none for an answer that ends the wait at once. */
type Wait = 'none' | 'backoff' | 'timeout';
const steps: Record<Exclude<Wait, 'none'>, number> = { backoff: 1_000, timeout: 21_000 };

async function expectAfter(page: Page, wait: Wait, check: (timeout?: number) => Promise<void>): Promise<void> {
  if (wait === 'none') return check();
  return fastForwardUntil(page, () => check(250), steps[wait]);
}

// ---------- the results load ----------

const results = (fault: string, answer: Answer, check: Cell['check'], lang?: Lang): Cell => ({ surface: 'results', fault, answer, check, lang });

/** The load gave up: the translated reason, and "resume" finishes it once the API is back. */
const resultsFailed = (wait: Wait, ...reason: [string, Record<string, number>?]) => async ({ page, app, fixture, heal }: Scene) => {
  const notice = page.getByRole('alert');
  await expectAfter(page, wait, (timeout) => expect(notice).toContainText(app.t('load_failed_partial'), { timeout }));
  await expect(notice).toContainText(app.t(reason[0], reason[1]));
  heal();
  await notice.getByRole('button', { name: app.t('retry_loading') }).click();
  await expectResults(page, fixture.items.length);
};

async function expectResults(page: Page, count: number): Promise<void> {
  const shown = page.getByTestId('vacancy-count');
  await expect(shown).toHaveAttribute('data-partial', 'false');
  await expect(shown).toHaveAttribute('data-count', String(count));
  await expect(page.getByRole('alert')).toHaveCount(0);
}

/** A busy server: the person is told when, nothing is asked before then, and the load resumes alone. */
const resultsBusy = async ({ page, app, fixture, hits, heal }: Scene) => {
  const notice = page.getByRole('status').filter({ hasText: withAnyTime(app.lang, 'load_busy') });
  await expect(notice).toBeVisible();
  await shot(page, `results-busy-${app.lang}`, notice);
  await page.clock.fastForward(30_000);
  expect(hits(), 'asked again before the server said').toBe(1);
  heal();
  await page.clock.fastForward(95_000);
  await expectResults(page, fixture.items.length);
  expect(hits()).toBe(1);
};

/** A page whose items are vacancies of the fixture with `change` applied. */
const itemsWith = (change: (item: Record<string, unknown>, index: number) => void): Answer => (route, { fixture }) => {
  const items = fixture.items.map((v, i) => {
    const item = structuredClone(v) as unknown as Record<string, unknown>;
    change(item, i);
    return item;
  });
  return fulfilJson(route, 200, { total: items.length, items });
};

const brokenItems: [string, (item: Record<string, unknown>) => void][] = [
  ['missing title', (item) => delete item.title],
  ['id as text', (item) => (item.id = 'seven')],
  ['lat as "NaN"', (item) => (item.lat = 'NaN')],
  ['lat null (JSON.stringify of NaN)', (item) => (item.lat = null)],
  ['lon 1e308', (item) => (item.lon = 1e308)],
  ['lat 91', (item) => (item.lat = 91)],
  ['unknown Dutch level', (item) => (item.dutch_level = 'fluent_klingon')],
];

const resultsCells: Cell[] = [
  results('API unreachable', (route) => route.abort('connectionrefused'), resultsFailed('backoff', 'error_network')),
  results('500', (route) => fulfilJson(route, 500, problem(500)), resultsFailed('backoff', 'error_server', { status: 500 })),
  results('503 + Retry-After: 120', (route) => fulfilJson(route, 503, problem(503), { 'Retry-After': '120' }), resultsBusy),
  results('429 + Retry-After: HTTP date', async (route, { page }) => fulfilJson(route, 429, problem(429), { 'Retry-After': await httpDateIn(page, 120) }), resultsBusy, 'nl'),
  results('timeout', hang, resultsFailed('timeout', 'error_timeout')),
  results('malformed JSON', (route) => fulfilJson(route, 200, '{"total": 3, "items": ['), resultsFailed('none', 'error_malformed')),
  results('wrong shape: not a page', (route) => fulfilJson(route, 200, { total: 'many', items: { first: 1 } }), resultsFailed('none', 'error_malformed'), 'de'),
  // A number no f64 holds is valid JSON: it costs its own item, never the rest of the page.
  results('wrong shape: 1e999 coordinates (no f64) in one item', (route, { fixture }) =>
    fulfilJson(route, 200, JSON.stringify({ total: fixture.items.length, items: fixture.items }).replace(/"lat":[-\d.e]+/, '"lat":1e999')),
    async ({ page, app, fixture }) => {
      await expectResults(page, fixture.items.length - 1);
      await expect(page.getByText(app.t('load_dropped', { count: 1 }))).toBeVisible();
    }),
  results('wrong shape: bad items among good ones, extra fields', itemsWith((item, i) => {
    item.salary = { min: 1, max: 'lots' };
    brokenItems[i]?.[1](item);
  }), async ({ page, app, fixture }) => {
    await expectResults(page, fixture.items.length - brokenItems.length);
    await expect(page.getByText(app.t('load_dropped', { count: brokenItems.length }))).toBeVisible();
  }),
  results('5 MB response', (route, { fixture }) => fulfilJson(route, 200, { ...fixture, padding: fiveMB }), async ({ page, fixture }) => {
    // Five megabytes through the route and the parser take a few real seconds on a busy machine.
    await expect(page.getByTestId('vacancy-count')).toHaveAttribute('data-partial', 'false', { timeout: 20_000 });
    await expectResults(page, fixture.items.length);
  }),
  results('HTML instead of JSON', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }), resultsFailed('none', 'error_malformed'), 'en'),
  results('hostile text in every text field', itemsWith((item) => {
    for (const field of ['title', 'employer', 'place', 'nis_code', 'occupation_code', 'published']) item[field] = hostile(String(item[field]));
    item.title = hostile(longWord);
  }), async ({ page, fixture }) => {
    await expectResults(page, fixture.items.length);
    await expectShownAsText(page, hostile(longWord));
  }),
];

// ---------- the vacancy page ----------

const vacancyCell = (fault: string, answer: Answer, check: Cell['check'], lang?: Lang): Cell => ({ surface: 'vacancy', fault, answer, check, lang });

/** The vacancy could not be shown: the translated reason, and "retry" shows it once the API is back. */
const vacancyFailed = (wait: Wait, ...reason: [string, Record<string, number>?]) => async ({ page, app, heal }: Scene) => {
  const notice = page.getByRole('alert');
  await expectAfter(page, wait, (timeout) => expect(notice).toContainText(app.t('detail_load_failed'), { timeout }));
  await expect(notice).toContainText(app.t(reason[0], reason[1]));
  heal();
  await notice.getByRole('button', { name: app.t('retry_vacancy') }).click();
  await expect(page.getByText(app.t('train_ticket_note'))).toBeVisible();
};

const vacancyShown = async ({ page, app }: Scene) => {
  await expect(page.getByText(app.t('train_ticket_note'))).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
};

const vacancyBusy = async ({ page, app, hits, heal }: Scene) => {
  const notice = page.getByRole('status').filter({ hasText: withAnyTime(app.lang, 'detail_busy') });
  await expect(notice).toBeVisible();
  await shot(page, `vacancy-busy-${app.lang}`, notice);
  await expect(page.getByRole('button', { name: app.t('retry_vacancy') }), 'no retry the server asked us not to make').toHaveCount(0);
  await page.clock.fastForward(30_000);
  expect(hits()).toBe(1);
  heal();
  await page.clock.fastForward(95_000);
  await vacancyShown({ page, app } as Scene);
};

/** The real detail of the scene's vacancy with `change` applied. */
const detailWith = (change: (detail: Record<string, unknown>) => void): Answer => async (route) => {
  const response = await route.fetch();
  const detail = await response.json();
  change(detail);
  return fulfilJson(route, 200, detail);
};

const vacancyCells: Cell[] = [
  vacancyCell('API unreachable', (route) => route.abort('connectionrefused'), vacancyFailed('none', 'error_network')),
  vacancyCell('500', (route) => fulfilJson(route, 500, problem(500)), vacancyFailed('none', 'error_server', { status: 500 })),
  vacancyCell('503 + Retry-After: 120', (route) => fulfilJson(route, 503, problem(503), { 'Retry-After': '120' }), vacancyBusy),
  vacancyCell('429 + Retry-After: HTTP date', async (route, { page }) => fulfilJson(route, 429, problem(429), { 'Retry-After': await httpDateIn(page, 120) }), vacancyBusy, 'de'),
  vacancyCell('timeout', hang, vacancyFailed('timeout', 'error_timeout')),
  vacancyCell('malformed JSON', (route) => fulfilJson(route, 200, '{"id": 1, "title": "Lass'), vacancyFailed('none', 'error_malformed')),
  vacancyCell('wrong shape: missing fields, wrong types', detailWith((d) => {
    delete d.description;
    d.hours_per_week = 'full';
  }), vacancyFailed('none', 'error_malformed'), 'nl'),
  vacancyCell('wrong shape: huge coordinates', detailWith((d) => (d.lat = 1e308)), vacancyFailed('none', 'error_malformed')),
  vacancyCell('wrong shape: extra fields', detailWith((d) => {
    d.salary = { min: 1 };
    d.languages = [...(d.languages as unknown[]), { language: 'fr', level: 'good', certified: true }];
  }), vacancyShown),
  vacancyCell('5 MB response', detailWith((d) => (d.description = `Wij zoeken een lasser.\n\n${fiveMB}`)), async ({ page, app }) => {
    // Five megabytes through the route, the parser and the layout take a few real seconds; text
    // locators would each scan the five megabytes again, so the checks go by heading and article.
    await expect(page.getByRole('heading', { name: app.t('detail_description') })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(await page.getByRole('article').evaluate((a) => a.textContent?.includes('Wij zoeken een lasser.'))).toBe(true);
  }),
  vacancyCell('HTML instead of JSON', (route) => route.fulfill({ status: 502, contentType: 'text/html', body: html }), vacancyFailed('none', 'error_server', { status: 502 }), 'en'),
  vacancyCell('hostile text in every text field, javascript: apply_url', detailWith((d) => {
    for (const field of ['title', 'employer', 'place', 'nis_code', 'occupation_code', 'published', 'content_language']) d[field] = hostile(String(d[field]));
    d.title = hostile(longWord);
    d.description = `${hostile('Wij zoeken')}\n\n${breakout}`;
    d.languages = [{ language: xss, level: 'good' }];
    d.apply_mode = 'external';
    d.apply_url = "javascript:window.__pwned='href'";
  }), async ({ page, app }) => {
    await expect(page.getByText(app.t('detail_external_link_refused'))).toBeVisible();
    await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
    await expectShownAsText(page, hostile('Wij zoeken'));
  }),
];

// ---------- the application send ----------

const sendCell = (fault: string, answer: Answer, check: Cell['check'], lang?: Lang): Cell => ({ surface: 'send', fault, answer, check, lang });

/** What the person typed; every send cell checks it is still there after the fault. */
const typed: [string, string][] = [
  ['field_first_name', 'Amélie'],
  ['field_last_name', 'Dupont'],
  ['field_email', 'amelie.dupont@example.be'],
  ['field_phone', '0470 12 34 56'],
  ['field_message', 'Bonjour,\nje suis soudeuse depuis six ans.'],
];

async function fillForm(app: Passerelle): Promise<void> {
  for (const [label, value] of typed) await app.field(label).fill(value);
  await app.page.getByRole('checkbox', { name: app.t('field_consent') }).check();
}

async function expectNothingLost(app: Passerelle): Promise<void> {
  for (const [label, value] of typed) await expect(app.field(label)).toHaveValue(value);
  await expect(app.page.getByRole('checkbox', { name: app.t('field_consent') })).toBeChecked();
}

const sendButton = (app: Passerelle) => app.page.getByRole('button', { name: app.t('apply_send') });

/** Sends again once the API is back: exactly one application is stored, under the first key. */
async function resendStoresOnce(scene: Scene, before: number): Promise<void> {
  const { app, api, keys, heal } = scene;
  heal();
  await sendButton(app).click();
  await expect(app.page.getByTestId('application-reference')).toContainText(/PAS-\d{4}-\d+/);
  expect(api.countRows('applications')).toBe(before + 1);
  expect(new Set(keys).size, 'every send used the same Idempotency-Key').toBe(1);
}

/** The send failed for `reason`: the person is told, keeps the text, and sending again stores it once. */
const sendFailed = (wait: Wait, ...reason: [string, Record<string, number>?]) => async (scene: Scene) => {
  const { page, app } = scene;
  const notice = page.getByRole('alert');
  await expectAfter(page, wait, (timeout) => expect(notice).toContainText(app.t('apply_send_failed'), { timeout }));
  await expect(notice).toContainText(app.t(reason[0], reason[1]));
  await expectNothingLost(app);
  await resendStoresOnce(scene, scene.rowsBefore);
};

/** Passes the request to the stand-in (which stores it), then spoils the answer. */
const afterStoring = (spoil: (route: Route) => Promise<unknown>): Answer => async (route) => {
  await route.fetch();
  return spoil(route);
};

const sendBusy = async (scene: Scene) => {
  const { page, app } = scene;
  await expect(page.getByRole('alert')).toHaveText(withAnyTime(app.lang, 'apply_busy'));
  await expect(sendButton(app)).toBeDisabled();
  await shot(page, `send-busy-${app.lang}`, sendButton(app));
  await expectNothingLost(app);
  await page.clock.fastForward(121_000);
  await expect(page.getByText(app.t('apply_busy_over'))).toBeVisible();
  await expect(sendButton(app)).toBeEnabled();
  await shot(page, `send-busy-over-${app.lang}`, sendButton(app));
  await resendStoresOnce(scene, scene.rowsBefore);
};

const sendCells: Cell[] = [
  sendCell('API unreachable', (route) => route.abort('connectionrefused'), sendFailed('none', 'error_network')),
  sendCell('500', (route) => fulfilJson(route, 500, problem(500)), sendFailed('none', 'error_server', { status: 500 })),
  sendCell('503 + Retry-After: 120', (route) => fulfilJson(route, 503, problem(503), { 'Retry-After': '120' }), sendBusy),
  sendCell('429 + Retry-After: HTTP date', async (route, { page }) => fulfilJson(route, 429, problem(429), { 'Retry-After': await httpDateIn(page, 120) }), sendBusy, 'de'),
  sendCell('timeout', hang, sendFailed('timeout', 'error_timeout')),
  sendCell('connection cut after the server stored it; edited, warned, restored', afterStoring((route) => route.abort('connectionreset')), async (scene) => {
    const { page, app, api } = scene;
    await expect(page.getByRole('alert')).toContainText(app.t('error_network'));
    expect(api.countRows('applications'), 'the server has it').toBe(scene.rowsBefore + 1);
    await expectNothingLost(app);
    // Editing now would send a second application under a new key: the person is warned.
    await app.field('field_message').fill('Un autre texte');
    const warning = page.getByRole('status').filter({ hasText: app.t('apply_may_send_twice') });
    await expect(warning).toBeVisible();
    await shot(page, `send-may-send-twice-${app.lang}`, warning);
    await warning.getByRole('button', { name: app.t('apply_restore_attempted') }).click();
    await expect(warning).toHaveCount(0);
    await expectNothingLost(app);
    await resendStoresOnce(scene, scene.rowsBefore);
  }),
  sendCell('malformed JSON (201, after storing)', afterStoring((route) => fulfilJson(route, 201, '{"reference": "PAS-')), sendFailed('none', 'error_malformed')),
  sendCell('wrong shape (201, after storing)', afterStoring((route) => fulfilJson(route, 201, { reference: 12, received: true })), sendFailed('none', 'error_malformed'), 'nl'),
  sendCell('5 MB response (201, after storing)', afterStoring((route) => fulfilJson(route, 201, fiveMB)), sendFailed('none', 'error_malformed')),
  sendCell('HTML instead of JSON (502)', (route) => route.fulfill({ status: 502, contentType: 'text/html', body: html }), sendFailed('none', 'error_server', { status: 502 }), 'en'),
  sendCell('422 Idempotency-Key reused with another body', (route) => fulfilJson(route, 422, problem(422, '/problems/idempotency-key-reused')), async ({ page, app, api, keys, heal }) => {
    const question = page.getByRole('alert').filter({ hasText: app.t('apply_key_taken') });
    await expect(question).toBeVisible();
    await shot(page, `send-key-taken-${app.lang}`, question);
    await expectNothingLost(app);
    // Not without a yes: "send" asks again instead of resending the refused key.
    await question.getByRole('button', { name: app.t('apply_key_taken_not_now') }).click();
    await expect(question).toHaveCount(0);
    await sendButton(app).click();
    await expect(question).toBeVisible();
    expect(keys.length, 'the refused key was not sent again').toBe(1);
    const before = api.countRows('applications');
    heal();
    await question.getByRole('button', { name: app.t('apply_key_taken_send') }).click();
    await expect(page.getByTestId('application-reference')).toContainText(/PAS-\d{4}-\d+/);
    expect(keys).toHaveLength(2);
    expect(keys[1]).not.toBe(keys[0]);
    expect(api.countRows('applications')).toBe(before + 1);
  }),
  sendCell('hostile text in the receipt', afterStoring((route) => fulfilJson(route, 201, { reference: hostile(`PAS-${'9'.repeat(5000)}`), received_at: hostile('2026-12-01') })), async ({ page }) => {
    await expectShownAsText(page, hostile(`PAS-${'9'.repeat(5000)}`));
  }),
];

/** The payload is on screen as plain text, isolated for bidi, and does not widen the page. */
async function expectShownAsText(page: Page, text: string): Promise<void> {
  const shown = page.getByText(text.slice(0, 200), { exact: false }).first();
  await expect(shown).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.evaluate(() => [...document.scripts].some((s) => s.text.includes('__pwned'))), 'no script element of the API').toBe(false);
  const isolated = await shown.evaluate((el) => {
    // The nearest box that contains the override: it must hold nothing but the API's text.
    let box: Element | null = el;
    while (box && !['isolate', 'plaintext', 'isolate-override'].includes(getComputedStyle(box).unicodeBidi)) box = box.parentElement;
    return box?.textContent ?? null;
  });
  expect(isolated?.includes('\u202E'), 'the right-to-left override is inside an isolating box').toBe(true);
  expect(isolated?.startsWith(xss) || isolated?.includes(`: ${xss}`) || isolated?.includes(`:\u00a0${xss}`), `nothing but API text after the override: ${isolated?.slice(0, 80)}`).toBe(true);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'a 5,000-character word does not widen the page').toBeLessThanOrEqual(0);
}

// ---------- the table and its common promises ----------

const cells = [...resultsCells, ...vacancyCells, ...sendCells];

test.describe('the fault matrix', () => {
  for (const cell of cells) {
    test(`${cell.surface} × ${cell.fault}`, async ({ page, api, request, problems }) => {
      const lang = cell.lang ?? 'fr';
      const app = new Passerelle(page, lang);
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        return dialog.dismiss();
      });
      await page.addInitScript(() => {
        const w = window as unknown as { __csp: string[] };
        w.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      await page.clock.install();

      const scene = await arrange(page, app, api, request, cell);
      await cell.check(scene);

      expect(problems.pageErrors, 'uncaught exceptions').toEqual([]);
      expect(dialogs, 'dialogs').toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), 'script from the API ran').toBeUndefined();
      expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), 'CSP violations').toEqual([]);
      expect(problems.consoleErrors.filter((e) => /Content Security Policy/i.test(e)), 'CSP errors in the console').toEqual([]);
    });
  }
});

/** Serves a small list, opens the surface, and puts the fault in place (filling the form first for a send). */
async function arrange(page: Page, app: Passerelle, api: Api, request: APIRequestContext, cell: Cell): Promise<Scene> {
  const vacancy = await firstInAppVacancy(request, api.baseURL, {});
  const { items } = await apiSearch(request, api.baseURL, { limit: 12 });
  const fixture = { total: items.length + 1, items: [vacancy, ...items.filter((v) => v.id !== vacancy.id)].slice(0, 12) };
  fixture.total = fixture.items.length;
  let healed = false;
  let hits = 0;
  const keys: string[] = [];
  const rowsBefore = api.countRows('applications');
  const scene: Scene = { page, app, api, fixture, vacancy, hits: () => hits, keys, heal: () => (healed = true), rowsBefore };

  const fault = async (route: Route) => {
    if (healed) return false;
    hits += 1;
    await cell.answer(route, scene);
    return true;
  };
  await page.route('**/api/v1/vacancies?*', async (route) => {
    if (cell.surface === 'results' && (await fault(route))) return;
    await fulfilJson(route, 200, fixture);
  });
  if (cell.surface === 'vacancy') {
    await page.route(`**/api/v1/vacancies/${vacancy.id}`, async (route) => {
      if (!(await fault(route))) await route.continue();
    });
  }
  if (cell.surface === 'send') {
    await page.route('**/api/v1/applications', async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      if (!(await fault(route))) await route.continue();
    });
  }

  const base = `/jobs?town=${mons.nis}&lang=${app.lang}`;
  // The app is up (its config read) before any fake time passes: else config.json times out.
  if (cell.surface === 'results') {
    await page.goto(base);
    await expect(page.getByTestId('vacancy-count')).toBeVisible();
  } else if (cell.surface === 'vacancy') {
    await page.goto(`${base}&vacancy=${vacancy.id}`);
    await expect(page.getByRole('article')).toBeVisible();
  } else {
    await page.goto(`${base}&level=basic&vacancy=${vacancy.id}&apply=1`);
    await fillForm(app);
    await sendButton(app).click();
  }
  return scene;
}
