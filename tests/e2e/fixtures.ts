import { test as base, expect } from '@playwright/test';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** The repository root: the API is started from here, so `dist` and the config resolve. */
const repoRoot = path.resolve(__dirname, '..', '..');

/**
 * Debug build by default (`cargo test` already built it), under CARGO_TARGET_DIR when cargo was
 * told to build elsewhere; PASSERELLE_API_BIN overrides it.
 */
const targetDir = process.env.CARGO_TARGET_DIR
  ? path.resolve(repoRoot, process.env.CARGO_TARGET_DIR)
  : path.join(repoRoot, 'target');
const apiBin = process.env.PASSERELLE_API_BIN ?? path.join(targetDir, 'debug', 'passerelle-api');
/** The stand-in Le Forem portal over fixture offers (`crates/api/src/bin/fake_forem.rs`). */
const fakeForemBin = path.join(path.dirname(apiBin), 'fake-forem');

/** How long the API may take to generate its vacancies and bind a port. */
const startupTimeoutMs = 60_000;

/** One stand-in API, private to a worker, with its own empty database. */
export type Api = {
  /** `http://127.0.0.1:PORT`, no trailing slash; also every test's `baseURL`. */
  baseURL: string;
  /** The SQLite file the API writes applications to. */
  dbPath: string;
  /** Runs a read-only SQL query that returns one number, e.g. `select count(*) from applications`. */
  queryNumber(sql: string): number;
  /** The number of rows in `table`. */
  countRows(table: string): number;
};

/** What a page did that a test may want to forbid. */
export type PageProblems = {
  /** `console.error` messages (and failed resource loads, which Chromium logs as errors). */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections, including wasm panics. */
  pageErrors: string[];
  /** Requests to any host but this machine; they are aborted and fail the test. */
  outsideRequests: string[];
};

const localHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Where the worker's API takes its vacancies: its generated dataset, or Le Forem's open data
 * synced from a local fake portal (`test.use({ source: 'forem' })`).
 */
export type Source = 'generated' | 'forem';

export const test = base.extend<{ problems: PageProblems }, { api: Api; source: Source; vacancies: number | undefined }>({
  source: ['generated', { scope: 'worker', option: true }],
  /** How many vacancies the API generates (`test.use({ vacancies: 200_000 })`); its default when unset. */
  vacancies: [undefined, { scope: 'worker', option: true }],

  api: [
    async ({ source, vacancies }, use, workerInfo) => {
      for (const [what, needed, fix] of [
        ['the API binary', apiBin, 'cargo build -p passerelle-api'],
        ['the built app', path.join(repoRoot, 'dist', 'index.html'), 'trunk build --release'],
        ...(source === 'forem' ? [['the fake Le Forem portal', fakeForemBin, 'cargo build -p passerelle-api']] : []),
      ]) {
        if (!existsSync(needed)) {
          throw new Error(`${what} is missing at ${needed}: run \`${fix}\` (cargo xtask test does both)`);
        }
      }
      const dir = mkdtempSync(path.join(tmpdir(), `passerelle-e2e-w${workerInfo.workerIndex}-`));
      const dbPath = path.join(dir, 'applications.sqlite3');
      const portal =
        source === 'forem' ? spawn(fakeForemBin, ['--addr', '127.0.0.1:0'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] }) : null;
      const sourceArgs = portal
        ? ['--source', 'forem', '--forem-url', await waitForListening(portal, fakeForemBin), '--forem-request-pause-ms', '0']
        : [];
      const datasetArgs = vacancies === undefined ? [] : ['--vacancies', String(vacancies)];
      const child = spawn(
        apiBin,
        ['--addr', '127.0.0.1:0', '--dist', 'dist', '--db', dbPath, '--config-json', 'tests/e2e/config.test.json', ...sourceArgs, ...datasetArgs],
        { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      try {
        const baseURL = await waitForListening(child, apiBin);
        const queryNumber = (sql: string) => sqliteNumber(dbPath, sql);
        await use({
          baseURL,
          dbPath,
          queryNumber,
          countRows: (table) => queryNumber(`select count(*) from "${table.replaceAll('"', '""')}"`),
        });
      } finally {
        await stop(child);
        if (portal) await stop(portal);
        rmSync(dir, { recursive: true, force: true });
      }
    },
    { scope: 'worker' },
  ],

  // Relative `page.goto('/…')` and `request.get('/api/…')` go to this worker's API.
  baseURL: async ({ api }, use) => {
    await use(api.baseURL);
  },

  problems: async ({}, use) => {
    await use({ consoleErrors: [], pageErrors: [], outsideRequests: [] });
  },

  page: async ({ page, problems }, use) => {
    page.on('console', (message) => {
      if (message.type() === 'error') {
        const where = message.location().url;
        problems.consoleErrors.push(where ? `${message.text()} (${where})` : message.text());
      }
    });
    page.on('pageerror', (error) => problems.pageErrors.push(error.stack ?? error.message));
    // Tests never reach the internet: abort, and remember, anything that tries.
    await page.context().route(
      (url) => url.protocol.startsWith('http') && !localHosts.has(url.hostname),
      (route) => {
        problems.outsideRequests.push(route.request().url());
        return route.abort('blockedbyclient');
      },
    );
    await use(page);
    expect(problems.outsideRequests, 'requests to hosts other than this machine').toEqual([]);
  },
});

export { expect };

/** Resolves with the base URL once `bin` prints `listening on http://127.0.0.1:PORT`. */
function waitForListening(child: ChildProcess, bin: string): Promise<string> {
  const output: string[] = [];
  const remember = (line: string) => {
    output.push(line);
    if (output.length > 40) output.shift();
  };
  // Keep draining both pipes for the API's whole life, or it blocks once a pipe fills.
  createInterface({ input: child.stderr! }).on('line', remember);
  const stdout = createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    const fail = (why: string) =>
      reject(new Error(`${why}\n--- last output of ${bin} ---\n${output.join('\n')}`));
    const timer = setTimeout(() => fail(`${path.basename(bin)} did not start within ${startupTimeoutMs / 1000} s`), startupTimeoutMs);
    stdout.on('line', (line) => {
      remember(line);
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      fail(`could not start ${path.basename(bin)}: ${error.message}`);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(`${path.basename(bin)} exited before listening (code ${code}, signal ${signal})`);
    });
  });
}

/** SIGTERM, then SIGKILL if the API has not exited within 5 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * Node 20 has no `node:sqlite`, and a native npm module would be one more thing to build, so
 * the count goes through Python's standard sqlite3 module (python3 is on every machine).
 * Read-only, so a test can never change what the API sees.
 */
function sqliteNumber(dbPath: string, sql: string): number {
  const script = [
    'import sqlite3, sys',
    "con = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)",
    'print(con.execute(sys.argv[2]).fetchone()[0])',
  ].join('\n');
  const out = execFileSync('python3', ['-c', script, dbPath, sql], { encoding: 'utf8' }).trim();
  const value = Number(out);
  if (!Number.isFinite(value)) throw new Error(`\`${sql}\` returned ${out}, not a number`);
  return value;
}
