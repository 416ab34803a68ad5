// esbuild (JS API): one minified IIFE per entry, written in memory or to bench/.work/js.
import { build } from 'esbuild';
import { benchDir, ucbridgeBuilt } from './libraries.mjs';

/**
 * Bundles `contents` (an ES module whose relative imports resolve from bench/) into one minified
 * browser IIFE and returns its text. ucbridge is taken from its built dist (what npm users get);
 * before `pnpm run build` it falls back to the TypeScript sources through the "source" condition.
 */
export async function bundle(contents, { minify = true } = {}) {
  const result = await build({
    stdin: { contents, resolveDir: benchDir, loader: 'js', sourcefile: 'entry.mjs' },
    bundle: true,
    minify,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    legalComments: 'none',
    conditions: ucbridgeBuilt() ? [] : ['source'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}
