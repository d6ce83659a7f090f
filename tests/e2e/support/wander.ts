import type { Page } from '@playwright/test';
import type { PageProblems } from '../fixtures';
import { Moves } from './wander-moves';

/**
 * A seeded random walk through the app: at each step a person does one of the things the screen
 * offers (weighted), then the app must still be alive — no uncaught error, no console error, the
 * header and main landmark there, and the screen matching the URL in the URL's language.
 *
 * The same seed makes the same choices, so a failure replays with `WANDER_SEED=<seed>`
 * (choices that depend on what the screen shows, e.g. the number of map clusters in view, can
 * differ if the app itself behaves differently).
 */

/** The seed CI walks with, so a CI failure always replays. */
export const defaultSeed = 20261201;
export const defaultSteps = 200;

/** One walk to run: a fixed seed, or one drawn when the test starts (`WANDER_SEED=random`). */
export type PlannedWalk = { name: string; seed: number | 'random'; steps?: number };

/**
 * Short walks that once broke the app, replayed beside CI's seed so the bug stays fixed. A
 * change to the moves changes where a seed goes: then the walk still runs, but the named spec
 * is what pins the bug.
 */
export const regressionWalks: PlannedWalk[] = [
  // The address stayed put on a link after Backs (leptos_router's stale stack; history spec).
  { name: 'seed 1771547017, regression', seed: 1771547017, steps: 26 },
];

/**
 * The walks the environment asks for:
 * `WANDER_SEED` = a number (default {@link defaultSeed}) or `random`;
 * `WANDER_SEEDS` = how many walks (seeds `WANDER_SEED`, `+1`, `+2`…, or each random).
 */
export function plannedWalks(env: NodeJS.ProcessEnv = process.env): PlannedWalk[] {
  if (!env.WANDER_SEED?.trim()) return [{ name: `seed ${defaultSeed}`, seed: defaultSeed }, ...regressionWalks];
  const seedText = env.WANDER_SEED.trim();
  const count = Math.max(1, Number.parseInt(env.WANDER_SEEDS ?? '1', 10) || 1);
  if (seedText === 'random') {
    return Array.from({ length: count }, (_, i) => ({ name: `random seed ${i + 1} of ${count}`, seed: 'random' }));
  }
  const seed = Number.parseInt(seedText, 10);
  if (!Number.isSafeInteger(seed)) throw new Error(`WANDER_SEED must be a whole number or "random", not "${seedText}"`);
  return Array.from({ length: count }, (_, i) => ({ name: `seed ${seed + i}`, seed: seed + i }));
}

/** `WANDER_STEPS`, default {@link defaultSteps}. */
export function plannedSteps(env: NodeJS.ProcessEnv = process.env): number {
  const steps = Number.parseInt(env.WANDER_STEPS ?? String(defaultSteps), 10);
  return Number.isSafeInteger(steps) && steps > 0 ? steps : defaultSteps;
}

/** A fresh random seed (for `WANDER_SEED=random`); printed in the failure so it replays. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/** mulberry32: a tiny deterministic generator, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The walk's only source of chance. */
export class Dice {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** 0 ≤ n < below. */
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  weighted<T extends { weight: number }>(all: readonly T[]): T {
    const items = all.filter((i) => i.weight > 0);
    let roll = this.next() * items.reduce((sum, i) => sum + i.weight, 0);
    for (const item of items) {
      roll -= item.weight;
      if (roll < 0) return item;
    }
    return items[items.length - 1];
  }
}

/** The random walk over one page. */
export class Wander {
  private readonly taken: string[] = [];
  private readonly moves: Moves;

  constructor(
    readonly page: Page,
    readonly problems: PageProblems,
    readonly seed: number,
    readonly steps: number,
  ) {
    this.moves = new Moves(page, problems, new Dice(seed), (what) => this.say(what));
  }

  /** Opens the start page and takes `steps` steps; throws a replayable report at the first problem. */
  async run(): Promise<void> {
    let step = 0;
    try {
      this.begin(0, 'open the start page in French');
      await this.moves.openStart('fr');
      await this.moves.expectAlive();
      for (step = 1; step <= this.steps; step++) {
        const move = await this.moves.pick();
        this.begin(step, move.what);
        const started = Date.now();
        await move.run();
        await this.moves.expectAlive();
        if (process.env.WANDER_VERBOSE) console.log(`${this.taken[this.taken.length - 1]}  (${Date.now() - started} ms)`);
      }
    } catch (error) {
      throw this.report(step, error);
    }
  }

  /** The steps so far, one readable line each. */
  get log(): readonly string[] {
    return this.taken;
  }

  // ---------- bookkeeping ----------

  private begin(step: number, what: string): void {
    this.taken.push(`${String(step).padStart(3)}. ${what}`);
  }

  /** Replaces the current step's line once the step knows what it actually did. */
  private say(what: string): void {
    const last = this.taken.length - 1;
    this.taken[last] = this.taken[last].replace(/^(\s*\d+\. ).*$/s, (_, number: string) => `${number}${what}`);
  }

  private report(step: number, error: unknown): Error {
    const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
    const cause = plain(error instanceof Error ? error.message : String(error));
    const lines = [
      `The random walk broke the app at step ${step} of ${this.steps} (seed ${this.seed}).`,
      `Replay: WANDER_SEED=${this.seed} WANDER_STEPS=${Math.max(step, 1)} npx playwright test wander --project=laptop`,
      `URL: ${this.page.url()}`,
      '',
      `Cause: ${cause}`,
      '',
      `Page errors (${this.problems.pageErrors.length}):`,
      ...this.problems.pageErrors.map((e) => `  ${plain(e).split('\n').slice(0, 6).join('\n    ')}`),
      `Console errors (${this.problems.consoleErrors.length}):`,
      ...this.problems.consoleErrors.map((e) => `  ${plain(e).split('\n').slice(0, 6).join('\n    ')}`),
      '',
      'Steps taken:',
      ...this.taken.map((line, i) => (i === this.taken.length - 1 ? `${line}   <-- failed here` : line)),
    ];
    const report = new Error(lines.join('\n'));
    if (error instanceof Error && error.stack) report.stack = `${report.message}\n\nOriginal stack:\n${plain(error.stack)}`;
    return report;
  }
}
