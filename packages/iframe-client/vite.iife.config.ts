import { defaultClientConditions, defineConfig } from 'vite';
import { manglePrivateNames } from './vite.mangle.js';

// Script-tag build, dist/iframe-client.iife.js: defines window.UCBridgeClient, protocol bundled in.
// Read from protocol's sources ("source" condition) so this build does not depend on its dist.
// Private property names (ending in `_`) are shortened: see vite.mangle.ts.
export default defineConfig({
  plugins: [manglePrivateNames()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    lib: { entry: 'src/iife.ts', formats: ['iife'], name: 'UCBridgeClient', fileName: () => 'iframe-client.iife.js' },
    emptyOutDir: false,
    minify: true,
  },
});
