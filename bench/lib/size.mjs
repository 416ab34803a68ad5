// Size: min, gzip (level 9) and brotli (max quality) of the minimal pairs and the ucbridge IIFEs.
import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { bundle } from './bundle.mjs';
import { IIFE, LIBRARIES, ucbridgeAvailable } from './libraries.mjs';

/** Bytes of `text` as shipped: minified, gzip -9, brotli -11. */
export function measure(text) {
  const buf = Buffer.from(text);
  return {
    min: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

// What a user writes on each side: open + one call in the frame, serve + handler in the page.
const clientEntry = (id) => `import { open } from './pairs/${id}/client.mjs';\nopen('http://localhost:4201').then((c) => c.call(window.d));\n`;
const hostEntry = (id) =>
  `import { serve } from './pairs/${id}/host.mjs';\nserve({ childUrl: 'http://127.0.0.1:4202/', childOrigin: 'http://127.0.0.1:4202', handler: (d) => d.campaign });\n`;

/** Sizes of every library's minimal pair, ucbridge's included when its packages exist. */
export async function measurePairs(libs = LIBRARIES) {
  const rows = [];
  for (const lib of libs) {
    if (lib.id === 'ucbridge' && !ucbridgeAvailable()) continue;
    rows.push({ lib, client: measure(await bundle(clientEntry(lib.id))), host: measure(await bundle(hostEntry(lib.id))) });
  }
  return rows;
}

/** Sizes of the two built script-tag files, or null for one not built yet. */
export function measureIife() {
  const read = (file) => (existsSync(file) ? measure(readFileSync(file, 'utf8')) : null);
  return { client: read(IIFE.client), host: read(IIFE.host) };
}
