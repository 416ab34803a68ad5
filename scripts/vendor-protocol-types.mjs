// Build step of @ucbridge/host-bridge and @ucbridge/iframe-client (issue 13: each package installs
// alone). Their JavaScript carries what it uses of @ucbridge/protocol (Vite bundles it); this does
// the same for their types: it copies protocol's declarations into <package>/dist/protocol/ and
// points every `'@ucbridge/protocol'` import of the package's own .d.ts files there, so a tarball
// installed into an empty project typechecks with nothing else of ours.
//
// Usage (from a package folder, after `tsc -b`): node ../../scripts/vendor-protocol-types.mjs .
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const SPECIFIER = /(['"])@ucbridge\/protocol\1/g;

/** Every file under `folder` whose name ends with `suffix`. */
function filesUnder(folder, suffix) {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/**
 * Copies protocol's .d.ts files (not their maps: they point into protocol's src/, which is not
 * shipped) into `dist/protocol/` and rewrites the package's imports of `@ucbridge/protocol` to
 * relative paths. Returns how many files it rewrote.
 */
export function vendorProtocolTypes(packageFolder) {
  const dist = resolve(packageFolder, 'dist');
  const protocolDist = resolve(import.meta.dirname, '../packages/protocol/dist');
  const target = join(dist, 'protocol');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const file of filesUnder(protocolDist, '.d.ts')) {
    const text = readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n');
    const out = join(target, relative(protocolDist, file));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, text);
  }
  let rewritten = 0;
  for (const file of filesUnder(dist, '.d.ts')) {
    if (file.startsWith(target + sep)) continue;
    const text = readFileSync(file, 'utf8');
    if (!SPECIFIER.test(text)) continue;
    let path = relative(dirname(file), join(target, 'index.js')).split(sep).join('/');
    if (!path.startsWith('.')) path = './' + path;
    writeFileSync(file, text.replace(SPECIFIER, (_, quote) => quote + path + quote));
    rewritten++;
  }
  return rewritten;
}

if (process.argv[1] === import.meta.filename) {
  const folder = process.argv[2] ?? '.';
  const count = vendorProtocolTypes(folder);
  console.log(`vendor-protocol-types: ${count} declaration file(s) of ${resolve(folder)} now import dist/protocol/`);
}
