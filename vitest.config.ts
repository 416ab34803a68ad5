import { defineConfig } from 'vitest/config';
import { defaultClientConditions, defaultServerConditions, type Plugin } from 'vite';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';

// @open-wc/testing -> @web/test-runner-commands does `await import('/__web-dev-server__web-socket.js')`,
// a file only @web/test-runner serves; under Vite that unresolvable import breaks the test file.
const wtrWebSocketStub: Plugin = {
  name: 'wtr-web-socket-stub',
  enforce: 'pre',
  resolveId(id) {
    if (id.endsWith('__web-dev-server__web-socket.js')) return '\0wtr-web-socket-stub';
  },
  load(id) {
    if (id === '\0wtr-web-socket-stub') {
      return 'export function sendMessage() {}\n' +
        'export function sendMessageWaitForResponse() { throw new Error("@web/test-runner commands are not available under Vitest"); }\n';
    }
  },
};

export default defineConfig({
  // workspace packages resolve to their TS sources through the "source" export condition
  resolve: { conditions: ['source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['packages/*/src/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
          // bench/.work holds the baseline checkout (bench/baseline.mjs): its tests are not ours
          exclude: ['**/*.browser.test.ts', '**/node_modules/**', 'bench/.work/**'],
        },
      },
      {
        extends: true,
        plugins: [wtrWebSocketStub],
        test: {
          name: 'browser',
          include: ['packages/*/src/**/*.browser.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
