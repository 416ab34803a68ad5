import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';

// Two suites, each with its own servers:
//   bridge — e2e/bridge/*.spec.ts over static fixture pages that load the built IIFE scripts
//            (node e2e/bridge/serve.mjs: http://localhost:4101, http://127.0.0.1:4102, http://localhost:4103)
//   demo   — e2e/demo/*.spec.ts drives the QA demo (node demo/start.mjs: 5173, 5174, 5175 + integra-sim 8089)
// E2E_ONLY=bridge|demo starts and runs one suite alone.
const only = process.env.E2E_ONLY;
const want = (suite: string) => !only || only === suite;

const servers = [
  want('bridge') && {
    command: 'node e2e/bridge/serve.mjs',
    url: 'http://localhost:4101/health',
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
  want('demo') && {
    command: 'node demo/start.mjs',
    url: 'http://localhost:5173/',
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
].filter((s) => !!s);

export default defineConfig({
  testDir: './e2e',
  // apart from test-results/counts, where npm test keeps each runner's report
  outputDir: 'test-results/e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: process.env.CI ? 'list' : [['list'], ['html', { open: 'never' }]],
  use: {
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      // *.test names resolve to loopback: lookalike origins like http://crm.example.test.evil.test
      args: [...chromiumArgs, '--host-resolver-rules=MAP *.test 127.0.0.1'],
    },
  },
  projects: [
    want('bridge') && { name: 'bridge', testDir: './e2e/bridge', use: { ...devices['Desktop Chrome'] } },
    want('demo') && { name: 'demo', testDir: './e2e/demo', use: { ...devices['Desktop Chrome'] } },
  ].filter((p) => !!p),
  webServer: servers,
});
