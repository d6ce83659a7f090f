import { defineConfig } from '@playwright/test';

/**
 * Browser tests against the release build (dist/) served by the stand-in API.
 * Each worker starts its own API (tests/e2e/fixtures.ts); `cargo xtask test` builds both first.
 */
/** Matches specs meant only for the other projects. */
function onlyFor(...projects: string[]): RegExp {
  return new RegExp(`\\.(${projects.join('|')})\\.spec\\.ts$`);
}

export default defineConfig({
  testDir: 'tests/e2e',
  // Two cores on CI machines; the API and Chromium of each worker share them.
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  // `list` prints one line per test and "N passed" at the end, readable in CI logs.
  reporter: 'list',
  outputDir: 'test-results',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium: nothing can download Playwright's own browser on these machines.
      executablePath: '/usr/bin/chromium',
      // The background-networking flags stop Chromium calling Google (refused here, and noisy).
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  // `story.phone.spec.ts` runs only as "phone" (likewise laptop, kiosk); `story.all.spec.ts`
  // and specs without a project in their name run in every project.
  projects: [
    {
      name: 'phone',
      testIgnore: onlyFor('laptop', 'kiosk'),
      use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    },
    { name: 'laptop', testIgnore: onlyFor('phone', 'kiosk'), use: { viewport: { width: 1366, height: 768 } } },
    // A portrait touch kiosk at a job fair.
    { name: 'kiosk', testIgnore: onlyFor('phone', 'laptop'), use: { viewport: { width: 1080, height: 1920 }, hasTouch: true } },
    // The same kiosk in landscape: only the kiosk's own specs, to keep CI short.
    { name: 'kiosk-landscape', testMatch: /\.kiosk\.spec\.ts$/, use: { viewport: { width: 1920, height: 1080 }, hasTouch: true } },
  ],
});
