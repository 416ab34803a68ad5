import { defaultClientConditions, defineConfig } from 'vite';

// The script-tag build: dist/host-bridge.iife.js, protocol bundled in (from its TS sources, so it
// does not depend on protocol's dist), minified with Vite's default minifier, no source map inside.
// Budget: 2.5 KB min+gzip (`gzip -9 -c dist/host-bridge.iife.js | wc -c`).
export default defineConfig({
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    lib: { entry: 'src/iife.ts', formats: ['iife'], name: 'UCBridgeIIFE', fileName: () => 'host-bridge.iife.js' },
    sourcemap: false,
    emptyOutDir: false,
    minify: true,
    target: 'es2022',
  },
});
