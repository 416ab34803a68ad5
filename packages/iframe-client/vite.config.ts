import { defineConfig } from 'vite';

// ES module build, dist/index.js: @ucbridge/protocol stays an import so bundlers share one copy.
export default defineConfig({
  build: {
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: 'index' },
    sourcemap: true,
    emptyOutDir: false,
    rolldownOptions: { external: [/^@ucbridge\//, /^lit/] },
  },
});
