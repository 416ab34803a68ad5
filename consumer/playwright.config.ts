import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';

// The consumer test (issue 13), apart from the e2e suites: it packs release/, installs the tarballs
// into fresh folders under the system's temp folder with npm, and serves them itself on free
// loopback ports (no fixed port: nothing to clash with). `npm test` runs it after the e2e suites.
export default defineConfig({
  testDir: '.',
  testMatch: 'consumer.spec.ts',
  outputDir: '../test-results/consumer',
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  timeout: 60_000,
  reporter: 'list',
  use: {
    trace: 'retain-on-failure',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
  },
  projects: [{ name: 'consumer', use: { ...devices['Desktop Chrome'] } }],
});
