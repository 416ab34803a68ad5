import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const core = resolve(import.meta.dirname, 'src/index.ts');

// The elements import the core client relatively ('../index.js'); in the published file that must
// become the package's own entry, so a page that uses both loads one client, not two copies.
const coreAsPackage: Plugin = {
  name: 'ucbridge-core-as-package',
  enforce: 'pre',
  async resolveId(source, importer) {
    if (!importer || !source.startsWith('.')) return;
    const resolved = await this.resolve(source, importer, { skipSelf: true });
    if (resolved?.id === core) return { id: '@ucbridge/iframe-client', external: true };
  },
};

// ES module build of the Lit elements, dist/elements.js (the `./elements` subpath): Lit, the core
// client and @ucbridge/* stay imports.
export default defineConfig({
  plugins: [coreAsPackage],
  build: {
    lib: { entry: 'src/elements/index.ts', formats: ['es'], fileName: () => 'elements.js' },
    sourcemap: true,
    emptyOutDir: false,
    rolldownOptions: { external: [/^@ucbridge\//, /^lit/] },
  },
});
