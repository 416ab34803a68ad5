import { defineConfig } from 'vite';

// The ES module build (dist/index.js) for bundlers; @ucbridge/protocol stays an import.
// The script-tag build is vite.iife.config.ts.
export default defineConfig({
  build: {
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: 'index' },
    sourcemap: true,
    emptyOutDir: false,
    minify: false,
    rolldownOptions: { external: [/^@ucbridge\//] },
  },
});
