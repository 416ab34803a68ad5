import { defaultClientConditions, defineConfig } from 'vite';

// The ES module builds for bundlers, in one build so they share code: dist/index.js (the core
// client) and dist/elements.js (the `./elements` subpath, Lit elements). @ucbridge/protocol is
// bundled in (from its TS sources, "source" condition) so the published package installs alone
// (issue 13); its types are copied beside by scripts/vendor-protocol-types.mjs. Lit stays an import:
// only the elements use it. What both entries use (the client, protocol) lands once, in a chunk
// both import, so a page that uses the client and the elements loads one client, not two.
export default defineConfig({
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    lib: { entry: { index: 'src/index.ts', elements: 'src/elements/index.ts' }, formats: ['es'], fileName: (_, name) => `${name}.js` },
    sourcemap: true,
    emptyOutDir: false,
    rolldownOptions: { external: [/^lit(\/|$)/], output: { chunkFileNames: 'client-[hash].js' } },
  },
});
