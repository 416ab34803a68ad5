import { transform } from 'esbuild';
import type { Plugin } from 'vite';

/**
 * The naming convention that lets the source keep whole words where bytes count: a property whose
 * name ends in `_` (`request_`, `settle_`) is private to one file, so the build renames it to one or
 * two letters (esbuild's mangleProps). Public API and wire names never end in `_`; src/mangle.test.ts
 * checks the built file keeps every one of them.
 */
export const PRIVATE_NAME = /^[a-z]\w*[a-z]_$/i;

/** Renames private properties in every chunk, before the minifier runs. */
export function manglePrivateNames(): Plugin {
  return {
    name: 'ucbridge-mangle-private-names',
    async renderChunk(code) {
      const result = await transform(code, { mangleProps: PRIVATE_NAME, target: 'es2022' });
      return { code: result.code, map: null };
    },
  };
}
