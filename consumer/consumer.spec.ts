// The consumer test (issue 13): what a new user of ucbridge does, from release/ alone, in empty
// projects outside this repository. `npm run release`, then each package's tarball installed ALONE
// with npm into its own fresh folder (third-party dependencies such as lit come from the registry),
// a TypeScript consumer typechecked (moduleResolution bundler and node16) and bundled by Vite, and
// the disposition flow run in Chromium with the form and the CRM on two origins; the same flow from
// a page that uses only the two IIFE files of release/ with their integrity hashes; and the
// `ucbridge` command of the installed @ucbridge/integra-api, uploading to the installed @ucbridge/integra-sim.
import { expect, test, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exec, mustRun, serveFolder, type Served } from './consumer-helpers.js';

const repo = join(import.meta.dirname, '..');
const release = join(repo, 'release');
const fixture = join(import.meta.dirname, 'fixture');
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
const vite = join(repo, 'node_modules', 'vite', 'bin', 'vite.js');

interface ManifestEntry {
  file: string;
  package: string;
  bytes: number;
  integrity: string;
  scriptTag?: string;
}

// npm run from inside `npm test` inherits npm_config_* variables that point at this repository
// (its prefix, its lockfile settings): a newcomer's shell has none of them.
const cleanEnv: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm|pnpm)_/i.test(name) && name !== 'INIT_CWD'));

let work = '';
let manifest: { version: string; files: ManifestEntry[] };
const servers: Served[] = [];
const tarball = (name: string) => join(release, manifest.files.find((entry) => entry.package.startsWith(`@ucbridge/${name}@`))!.file);

/** A fresh project folder with its own package.json and the given fixture files, then `npm install <tarball>`. */
async function project(name: string, tarballName: string, files: string[] = []): Promise<string> {
  const folder = join(work, name);
  mkdirSync(folder, { recursive: true });
  if (existsSync(join(fixture, name))) cpSync(join(fixture, name), folder, { recursive: true });
  for (const file of files) cpSync(join(fixture, file), join(folder, file));
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }, null, 2));
  await mustRun('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball(tarballName)], { cwd: folder, env: cleanEnv });
  return folder;
}

test.describe.configure({ mode: 'serial' });

let hostApp = '';
let clientApp = '';
let cliApp = '';
let simApp = '';

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await mustRun(process.execPath, [join(repo, 'scripts', 'release.mjs')], { cwd: repo });
  manifest = JSON.parse(readFileSync(join(release, 'manifest.json'), 'utf8'));
  work = mkdtempSync(join(tmpdir(), 'ucbridge-consumer-'));
  const tsconfigs = ['tsconfig.bundler.json', 'tsconfig.node16.json'];
  // one npm install per project, side by side: the registry is the slow part
  [hostApp, clientApp, cliApp, simApp] = await Promise.all([
    project('host-app', 'host-bridge', tsconfigs),
    project('client-app', 'iframe-client', tsconfigs),
    project('cli-app', 'integra-api'),
    project('sim-app', 'integra-sim'),
  ]);
});

test.afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  if (work) rmSync(work, { recursive: true, force: true });
});

test('release/ holds one tarball per package, the two IIFE files and a manifest with each size and SHA-384', () => {
  const names = manifest.files.map((entry) => entry.file).sort();
  expect(names).toEqual(
    [
      'host-bridge.iife.js',
      'iframe-client.iife.js',
      ...['host-bridge', 'iframe-client', 'integra-api', 'integra-sim', 'protocol'].map((name) => `ucbridge-${name}-${manifest.version}.tgz`),
    ].sort(),
  );
  expect(readdirSync(release).sort()).toEqual([...names, 'manifest.json'].sort());
  for (const entry of manifest.files) {
    const bytes = readFileSync(join(release, entry.file));
    expect(entry.bytes, entry.file).toBe(bytes.length);
    expect(entry.integrity, entry.file).toBe('sha384-' + createHash('sha384').update(bytes).digest('base64'));
    if (entry.file.endsWith('.iife.js')) expect(entry.scriptTag).toBe(`<script src="${entry.file}" integrity="${entry.integrity}" crossorigin="anonymous"></script>`);
  }
});

test('no tarball ships a .d.ts map or a source file its maps would need; every JS map carries its sources', async () => {
  for (const entry of manifest.files.filter((file) => file.file.endsWith('.tgz'))) {
    const folder = join(work, 'unpacked', entry.file);
    cpSync(join(release, entry.file), join(work, 'unpacked', `${entry.file}.tar.gz`));
    await mustRun('mkdir', ['-p', folder], { cwd: work });
    await mustRun('tar', ['xzf', join(work, 'unpacked', `${entry.file}.tar.gz`), '-C', folder], { cwd: work });
    const files = readdirSync(join(folder, 'package'), { recursive: true }).map(String);
    expect(files.filter((file) => file.endsWith('.d.ts.map')), entry.file).toEqual([]);
    expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts')), entry.file).toEqual([]);
    for (const map of files.filter((file) => file.endsWith('.js.map'))) {
      const { sources, sourcesContent } = JSON.parse(readFileSync(join(folder, 'package', map), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
      expect(sourcesContent?.filter((text) => typeof text === 'string').length, `${entry.file}: ${map}`).toBe(sources.length);
    }
    const { exports } = JSON.parse(readFileSync(join(folder, 'package', 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    expect(exports['./package.json'], entry.file).toBe('./package.json');
    expect(JSON.stringify(exports), `${entry.file}: the "source" condition points at files not shipped`).not.toContain('"source"');
  }
});

for (const [app, name, thirdParty] of [
  ['host-app', 'host-bridge', []],
  ['client-app', 'iframe-client', ['lit']],
  ['cli-app', 'integra-api', ['citty', 'papaparse']],
  ['sim-app', 'integra-sim', []],
] as const) {
  test(`@ucbridge/${name} installs alone: nothing else of ours, ${thirdParty.length ? thirdParty.join(', ') + ' from the registry' : 'no dependencies'}`, async () => {
    const folder = join(work, app);
    expect(readdirSync(join(folder, 'node_modules', '@ucbridge'))).toEqual([name]);
    for (const dependency of thirdParty) expect(readdirSync(join(folder, 'node_modules'))).toContain(dependency);
    // ./package.json is exported (bundlers and tools read it)
    const ran = await mustRun(process.execPath, ['-e', `console.log(require('@ucbridge/${name}/package.json').version)`], { cwd: folder });
    expect(ran.stdout.trim()).toBe(manifest.version);
  });
}

for (const config of ['tsconfig.bundler.json', 'tsconfig.node16.json']) {
  test(`the TypeScript consumers typecheck with ${config.split('.')[1]} module resolution`, async () => {
    for (const folder of [hostApp, clientApp]) {
      const ran = await exec(process.execPath, [tsc, '-p', config], { cwd: folder });
      expect(ran.code, `${folder}: ${ran.stdout}${ran.stderr}`).toBe(0);
    }
  });
}

test('Vite bundles both consumer projects from what npm installed', async () => {
  for (const folder of [hostApp, clientApp]) await mustRun(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: folder, env: cleanEnv });
  const bundle = readdirSync(join(clientApp, 'dist', 'assets')).map((file) => readFileSync(join(clientApp, 'dist', 'assets', file), 'utf8')).join('');
  // the element came with its Lit (installed from the registry as the package's dependency)
  expect(bundle).toContain('ucb-disposition-form');
});

/** Clicks through a disposition and a close-tab in the CRM frame; returns the platform calls the form recorded. */
async function dispositionFlow(page: Page, dispose: () => Promise<void>): Promise<unknown[][]> {
  const crm = page.frameLocator('iframe');
  await dispose();
  await expect(crm.locator('#log, [part=status]').filter({ hasText: /saved|confirmed/ }).first()).toBeVisible();
  await crm.locator('#close').click();
  await expect(crm.locator('#log')).toContainText('closed confirmed=true');
  return page.evaluate(() => (window as unknown as { calls: unknown[][] }).calls);
}

const EXPECTED_CALLS = [['UC_DispositionCall', 'Sales<-', '099123456', 'call-42', 'Sale', '', '', '', '', '', ''], ['closeActiveTab']];

test('bundled consumer: a confirmed disposition and close-tab, form and CRM on two origins', async ({ page }) => {
  const form = await serveFolder(join(hostApp, 'dist'));
  const crm = await serveFolder(join(clientApp, 'dist'));
  servers.push(form, crm);
  const crmOrigin = `http://127.0.0.1:${crm.port}`;
  await page.goto(`http://localhost:${form.port}/?crm=${encodeURIComponent(crmOrigin)}`);
  const frame = page.frameLocator('iframe');
  const calls = await dispositionFlow(page, async () => {
    await frame.getByRole('button', { name: 'Save disposition' }).click();
    await expect(frame.locator('[part=status]').first()).toHaveText('Disposition saved.');
  });
  expect(calls).toEqual(EXPECTED_CALLS);
});

/** Writes the script-tag pages for the given origins, with the integrity hashes of release/manifest.json. */
function scriptTagSite(hostOrigin: string, crmOrigin: string, hostIntegrity: string): [string, string] {
  const integrity = (file: string) => manifest.files.find((entry) => entry.file === file)!.integrity;
  const fill = (text: string) =>
    text
      .replaceAll('__HOST_ORIGIN__', encodeURIComponent(hostOrigin))
      .replaceAll('__CRM_ORIGIN__', crmOrigin)
      .replaceAll('__HOST_INTEGRITY__', hostIntegrity)
      .replaceAll('__CLIENT_INTEGRITY__', integrity('iframe-client.iife.js'));
  const formSite = join(work, 'script-form');
  const crmSite = join(work, 'script-crm');
  for (const [site, page, script] of [
    [formSite, 'form.html', 'host-bridge.iife.js'],
    [crmSite, 'crm.html', 'iframe-client.iife.js'],
  ]) {
    rmSync(site, { recursive: true, force: true });
    cpSync(join(release, script), join(site, script));
    writeFileSync(join(site, page), fill(readFileSync(join(fixture, 'script-tag', page), 'utf8')));
  }
  return [formSite, crmSite];
}

test('script tags only: the two IIFE files of release/ with their integrity hashes run the same flow', async ({ page }) => {
  const form = await serveFolder(join(work, 'script-form'));
  const crm = await serveFolder(join(work, 'script-crm'));
  servers.push(form, crm);
  const hostOrigin = `http://localhost:${form.port}`;
  const crmOrigin = `http://127.0.0.1:${crm.port}`;
  scriptTagSite(hostOrigin, crmOrigin, manifest.files.find((entry) => entry.file === 'host-bridge.iife.js')!.integrity);
  await page.goto(`${hostOrigin}/form.html`);
  const frame = page.frameLocator('iframe');
  const calls = await dispositionFlow(page, async () => {
    await frame.locator('#dispose').click();
    await expect(frame.locator('#log')).toContainText('sent DISPOSITION_CALL confirmed=true');
  });
  expect(calls).toEqual(EXPECTED_CALLS);
});

test('script tags only: a file that does not match its integrity hash is not run', async ({ page }) => {
  const form = await serveFolder(join(work, 'script-form'));
  servers.push(form);
  const hostOrigin = `http://localhost:${form.port}`;
  const wrong = 'sha384-' + createHash('sha384').update('another file').digest('base64');
  scriptTagSite(hostOrigin, 'http://127.0.0.1:9', wrong);
  const errors: string[] = [];
  page.on('console', (message) => errors.push(message.text()));
  await page.goto(`${hostOrigin}/form.html`);
  expect(await page.evaluate(() => typeof (window as unknown as { UCBridge?: unknown }).UCBridge)).toBe('undefined');
  expect(errors.join('\n')).toMatch(/integrity/i);
});

test('from a clone of the repository: `npx ucbridge --help` in its root runs the CLI (the README command)', async () => {
  const ran = await exec('npx', ['--no-install', 'ucbridge', '--help'], { cwd: repo, env: cleanEnv });
  expect(ran.code, ran.stderr).toBe(0);
  expect(ran.stdout).toContain('upload-base');
});

test('@ucbridge/integra-api installed from its tarball: `npx ucbridge --help` runs', async () => {
  const ran = await exec('npx', ['--no-install', 'ucbridge', '--help'], { cwd: cliApp, env: cleanEnv });
  expect(ran.code, ran.stderr).toBe(0);
  expect(ran.stdout).toContain('upload-base');
});

test('@ucbridge/integra-api installed from its tarball: a dry run checks a CSV and sends nothing', async () => {
  writeFileSync(join(cliApp, 'leads.csv'), 'phone,name\n099123456,Ana\n099123457,Bruno\n+59899123458,Carla\n');
  const ran = await exec('npx', ['--no-install', 'ucbridge', 'upload-base', '--campaign', 'Sales<-', '--dry-run', 'leads.csv'], { cwd: cliApp, env: cleanEnv });
  expect(ran.code, ran.stdout + ran.stderr).toBe(0);
  expect(ran.stdout + ran.stderr).toMatch(/\b3 contacts\b/);
});

test('ops, installed packages only: the ucbridge CLI uploads a CSV to the installed integra-sim over real HTTP', async () => {
  // the simulator as a user starts it (its own bin, port 0: a free one), stopped with SIGTERM at the end
  const sim = spawn(process.execPath, [join(simApp, 'node_modules', '@ucbridge', 'integra-sim', 'bin', 'integra-sim.mjs'), '--port', '0', '--quiet'], { cwd: simApp, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      sim.stdout.on('data', (chunk: Buffer) => {
        text += chunk;
        const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
        if (found) resolve(found[1]!);
      });
      sim.on('exit', (code) => reject(new Error(`integra-sim exited ${code}: ${text}`)));
    });
    writeFileSync(join(cliApp, 'leads.csv'), 'phone,name\n099123456,Ana\n099123457,Bruno\n+59899123458,Carla\n');
    const ran = await exec('npx', ['--no-install', 'ucbridge', 'upload-base', '--url', url, '--user', 'api', '--campaign', 'Sales<-', 'leads.csv'], {
      cwd: cliApp,
      env: { ...cleanEnv, UCONTACT_PASSWORD: 'api-pass' },
    });
    expect(ran.code, ran.stdout + ran.stderr).toBe(0);
    const uploads = (await (await fetch(`${url}/__sim/uploads`)).json()) as { lines: string[] }[];
    expect(uploads.flatMap((upload) => upload.lines)).toEqual(['Sales<-;099123456;name=Ana;;;', 'Sales<-;099123457;name=Bruno;;;', 'Sales<-;+59899123458;name=Carla;;;']);
  } finally {
    sim.kill('SIGTERM');
  }
});
