// `npm run release`: a clean build of every package, then release/ with what a user installs:
//   release/ucbridge-<package>-<version>.tgz   one tarball per package (`npm install ./that.tgz`)
//   release/host-bridge.iife.js                the form's script tag
//   release/iframe-client.iife.js              the CRM page's script tag (no bundler)
//   release/manifest.json                      each file's size and SHA-384 integrity, and the <script> tag to paste
// `--no-build` packs what is built already (the consumer test runs right after npm test's build).
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ensureDependencies, ensurePnpm, fail, root, run } from './bootstrap.mjs';

/** The packages that ship, in dependency order. */
export const PACKAGES = ['protocol', 'host-bridge', 'iframe-client', 'integra-api', 'integra-sim'];
/** The script-tag builds, by the package that makes them. */
export const SCRIPT_TAGS = { 'host-bridge': 'host-bridge.iife.js', 'iframe-client': 'iframe-client.iife.js' };
export const releaseFolder = join(root, 'release');

/** `sha384-…` as `<script integrity>` wants it (base64 of the SHA-384 digest). */
export function integrityOf(bytes) {
  return 'sha384-' + createHash('sha384').update(bytes).digest('base64');
}

/** Removes every package's build output and tsc's build info (else `tsc -b` thinks all is built). */
function clean() {
  for (const name of PACKAGES) {
    const folder = join(root, 'packages', name);
    rmSync(join(folder, 'dist'), { recursive: true, force: true });
    rmSync(join(folder, 'tsconfig.tsbuildinfo'), { force: true });
  }
}

/**
 * Packs every package into release/ and copies the script-tag builds there; writes manifest.json.
 * Returns the manifest: `{ version, files: [{ file, package, bytes, integrity, scriptTag? }] }`.
 */
export function release({ build = true } = {}) {
  const pnpm = ensurePnpm();
  if (build) {
    // a fresh clone has no node_modules yet (fast when nothing changed)
    ensureDependencies(pnpm);
    clean();
    run(pnpm, ['run', 'build']);
  }
  rmSync(releaseFolder, { recursive: true, force: true });
  mkdirSync(releaseFolder, { recursive: true });
  const files = [];
  for (const name of PACKAGES) {
    const folder = join(root, 'packages', name);
    const { name: packageName, version } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    const before = new Set(readdirSync(releaseFolder));
    // pnpm, not npm: it turns `workspace:*` into versions and applies publishConfig (no "source" condition)
    run(pnpm, ['pack', '--pack-destination', releaseFolder], { cwd: folder, stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(releaseFolder).find((file) => !before.has(file) && file.endsWith('.tgz'));
    if (!tarball) fail(`pnpm pack wrote no tarball for ${packageName}`);
    files.push({ file: tarball, package: `${packageName}@${version}` });
    if (SCRIPT_TAGS[name]) {
      copyFileSync(join(folder, 'dist', SCRIPT_TAGS[name]), join(releaseFolder, SCRIPT_TAGS[name]));
      files.push({ file: SCRIPT_TAGS[name], package: `${packageName}@${version}` });
    }
  }
  const { version } = JSON.parse(readFileSync(join(root, 'packages', 'protocol', 'package.json'), 'utf8'));
  const manifest = {
    version,
    files: files.map((entry) => {
      const bytes = readFileSync(join(releaseFolder, entry.file));
      const integrity = integrityOf(bytes);
      // the tag to paste (host-bridge also needs its data-allowed-origins)
      const scriptTag = entry.file.endsWith('.iife.js') ? `<script src="${entry.file}" integrity="${integrity}" crossorigin="anonymous"></script>` : undefined;
      return { ...entry, bytes: bytes.length, integrity, ...(scriptTag ? { scriptTag } : {}) };
    }),
  };
  writeFileSync(join(releaseFolder, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

if (process.argv[1] === import.meta.filename) {
  const manifest = release({ build: !process.argv.includes('--no-build') });
  console.log(`\n${basename(releaseFolder)}/ (version ${manifest.version}):`);
  for (const { file, bytes, integrity } of manifest.files) console.log(`  ${file.padEnd(40)} ${String(bytes).padStart(8)} B  ${integrity}`);
  console.log(`  manifest.json\n\nscript tags (host both files next to your pages):`);
  for (const { scriptTag } of manifest.files) if (scriptTag) console.log(`  ${scriptTag}`);
}
