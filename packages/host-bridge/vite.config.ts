import { defaultClientConditions, defineConfig } from 'vite';

// The ES module build (dist/index.js) for bundlers. @ucbridge/protocol is bundled in (read from its
// TS sources through the "source" condition), so the published package installs alone (issue 13);
// its types are copied beside by scripts/vendor-protocol-types.mjs. The map carries its sources.
// The script-tag build is vite.iife.config.ts.
export default defineConfig({
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: 'index' },
    sourcemap: true,
    emptyOutDir: false,
    minify: false,
  },
});
