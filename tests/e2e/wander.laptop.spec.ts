import { test } from './fixtures';
import { plannedSteps, plannedWalks, randomSeed, Wander } from './support/wander';

/**
 * A seeded random walk: a few hundred things a person might do, in an order no one scripted
 * (back and forth, languages, reloads, resizing, the map, the form), with the app checked alive
 * after every step. Every other spec walks forward; this one finds the orders they miss.
 *
 *   npx playwright test wander --project=laptop                          CI's fixed seed
 *   WANDER_SEED=1234 WANDER_STEPS=40 npx playwright test wander           replay a reported failure
 *   WANDER_SEED=random WANDER_SEEDS=5 npx playwright test wander          five new random walks
 *   WANDER_SEED=100 WANDER_SEEDS=5 npx playwright test wander             seeds 100 to 104
 *
 * A failure names the seed, the step and every step taken, and says how to replay it.
 */

for (const walk of plannedWalks()) {
  const steps = walk.steps ?? plannedSteps();
  test(`a random walk of ${steps} steps (${walk.name}) never breaks the app`, async ({ page, problems }, testInfo) => {
    // About 0.5 s a step on two cores, plus loading every vacancy again after each reload.
    test.setTimeout(60_000 + steps * 2_500);
    const seed = walk.seed === 'random' ? randomSeed() : walk.seed;
    testInfo.annotations.push({ type: 'seed', description: String(seed) });
    if (walk.seed === 'random') console.log(`${walk.name}: WANDER_SEED=${seed}`);
    const wander = new Wander(page, problems, seed, steps);
    try {
      await wander.run();
    } finally {
      await testInfo.attach('steps', { body: wander.log.join('\n'), contentType: 'text/plain' });
    }
  });
}
