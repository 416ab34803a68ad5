// The script-tag build exactly as shipped: this imports the bytes of dist/host-bridge.iife.js, so the
// package must be built first (`npm test` builds before testing; alone: `pnpm --filter @ucbridge/host-bridge build`).
// The bytes are served from a blob: URL by a classic <script> tag, so document.currentScript is that tag.
import iifeSource from '../dist/host-bridge.iife.js?raw';
import { afterEach, describe, expect, it, vi } from 'vitest';

type FormWin = Window & {
  UCBridge?: { createHostBridge: (options: object) => { actions: string[]; destroy(): void }; bridge?: { actions: string[]; destroy(): void } };
  calls: unknown[][];
  warnings: string[];
  errors: string[];
};

const iifeUrl = URL.createObjectURL(new Blob([iifeSource], { type: 'text/javascript' }));
/** Polls until `check` passes: messages between frames arrive in later tasks (generous limit: a busy 2-core CI). */
const until = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 5 });
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((fn) => fn()));

/** A form page whose `UC_DispositionCall` records its arguments, loading the IIFE with `attributes`. */
async function formWith(attributes: string): Promise<{ formWin: FormWin; crmWin: Window }> {
  const form = document.createElement('iframe');
  form.srcdoc = `<!doctype html><body>
    <script>window.calls = []; window.UC_DispositionCall = (...a) => { window.calls.push(a); a[10]('saved'); };
      window.warnings = []; console.warn = (...a) => window.warnings.push(a.map(String).join(' '));
      window.errors = []; window.onerror = (message) => { window.errors.push(String(message)); return true; };</script>
    <script src="${iifeUrl}" ${attributes}></script>
    <iframe srcdoc="<!doctype html><body></body>"></iframe></body>`;
  const loaded = new Promise((resolve) => form.addEventListener('load', resolve, { once: true }));
  document.body.append(form);
  await loaded;
  cleanups.push(() => form.remove());
  const formWin = form.contentWindow as FormWin;
  cleanups.push(() => formWin.UCBridge?.bridge?.destroy());
  return { formWin, crmWin: formWin.frames[0]! };
}

function runIn(win: Window, code: string): void {
  const script = win.document.createElement('script');
  script.textContent = code;
  win.document.body.append(script);
}

const legacyDisposition = `parent.postMessage({ action: 'DISPOSITION_CALL', disposition: { campaign: 'C', callerid: '1', guid: 'g', l1: 'L1', comment: 'hi' } }, '*');`;

describe('dist/host-bridge.iife.js in a script tag', () => {
  it('is a plain minified script without a source map', () => {
    expect(iifeSource.length).toBeGreaterThan(0);
    expect(iifeSource).not.toMatch(/sourceMappingURL|^\s*(import|export)\s/m);
  });

  it('installs a bridge from data-allowed-origins (spaces and commas) and exposes it as UCBridge.bridge', async () => {
    const { formWin, crmWin } = await formWith(`data-allowed-origins="https://crm.example.com, http://*.example.test:4102 ${location.origin}"`);
    expect(formWin.UCBridge?.bridge?.actions).toEqual(['CLOSE_TAB', 'DISPOSITION_CALL']);
    runIn(crmWin, legacyDisposition);
    await until(() => expect(formWin.calls).toHaveLength(1));
    expect(formWin.calls[0]!.slice(0, 10)).toEqual(['C', '1', 'g', 'L1', '', '', '', '', 'hi', '']);
  });

  it('answers a HELLO with WELCOME and a port', async () => {
    const { crmWin } = await formWith(`data-allowed-origins="${location.origin}"`);
    const welcome = new Promise<MessageEvent>((resolve) => crmWin.addEventListener('message', resolve, { once: true }));
    runIn(crmWin, `parent.postMessage({ ucbridge: 1, type: 'HELLO', id: 'h1', versions: [1] }, ${JSON.stringify(location.origin)});`);
    const event = await welcome;
    expect(event.data).toMatchObject({ type: 'WELCOME', replyTo: 'h1', actions: ['CLOSE_TAB', 'DISPOSITION_CALL'] });
    expect(event.ports).toHaveLength(1);
    event.ports[0]!.close();
  });

  it('does not accept an origin that is not listed', async () => {
    const { formWin, crmWin } = await formWith(`data-allowed-origins="https://crm.example.com" data-legacy="true"`);
    runIn(crmWin, legacyDisposition);
    await new Promise<void>((resolve) => formWin.addEventListener('message', () => resolve(), { once: true }));
    expect(formWin.calls).toEqual([]);
  });

  it('with data-legacy="false" leaves legacy messages to the documented listener', async () => {
    const { formWin, crmWin } = await formWith(`data-allowed-origins="${location.origin}" data-legacy="false"`);
    runIn(crmWin, legacyDisposition);
    await new Promise<void>((resolve) => formWin.addEventListener('message', () => resolve(), { once: true }));
    expect(formWin.calls).toEqual([]);
  });

  it('loaded as type="module" it cannot read its attributes: warns MODULE_SCRIPT once the page has loaded', async () => {
    const { formWin } = await formWith(`type="module" data-allowed-origins="${location.origin}"`);
    await until(() => expect(formWin.warnings).toEqual([expect.stringMatching(/^ucbridge MODULE_SCRIPT: no bridge: a type="module" script/)]));
    expect(formWin.UCBridge?.bridge).toBeUndefined();
  });

  it('a misspelt data-allowed-origin: warns UNKNOWN_ATTRIBUTE at once and NOTHING_INSTALLED after load', async () => {
    const { formWin } = await formWith(`data-allowed-origin="${location.origin}"`);
    await until(() =>
      expect(formWin.warnings).toEqual([
        'ucbridge UNKNOWN_ATTRIBUTE: data-allowed-origin is not read (misspelt?): use data-allowed-origins, data-legacy, data-call-context, data-log, data-dangerously-allow-any-subdomain',
        expect.stringMatching(/^ucbridge NOTHING_INSTALLED: /),
      ]),
    );
  });

  it('a second script tag with its own list warns ALREADY_INSTALLED and changes nothing', async () => {
    const { formWin } = await formWith(`data-allowed-origins="${location.origin}"`);
    const first = formWin.UCBridge;
    const second = formWin.document.createElement('script');
    second.src = iifeUrl;
    second.dataset.allowedOrigins = 'https://other.example';
    formWin.document.body.append(second);
    await until(() => expect(formWin.warnings).toEqual(['ucbridge ALREADY_INSTALLED: this second script tag was ignored: list every origin in the first']));
    expect(formWin.UCBridge).toBe(first);
  });

  it('data-log prints every message the bridge receives and sends', async () => {
    const { formWin, crmWin } = await formWith(`data-allowed-origins="${location.origin}" data-log`);
    const lines: string[] = [];
    (formWin as unknown as { console: Console }).console.log = (line: string) => void lines.push(line);
    runIn(crmWin, `parent.postMessage({ ucbridge: 1, type: 'HELLO', id: 'h1', versions: [1] }, ${JSON.stringify(location.origin)});`);
    await until(() =>
      expect(lines).toEqual([`ucbridge host received from ${location.origin}`, `ucbridge host sent to ${location.origin}`, `ucbridge host accepted from ${location.origin}`]),
    );
    expect(formWin.warnings).toEqual([]);
  });

  it('refuses a pattern over a shared domain (thrown where the form author looks) unless data-dangerously-allow-any-subdomain is set', async () => {
    const origins = `data-allowed-origins="https://*.github.io ${location.origin}"`;
    const refused = await formWith(origins);
    expect(refused.formWin.UCBridge?.bridge).toBeUndefined();
    expect(refused.formWin.errors).toEqual([expect.stringContaining('ucbridge INVALID_OPTION: "https://*.github.io" reaches into github.io, a domain many owners share')]);
    const allowed = await formWith(`${origins} data-dangerously-allow-any-subdomain`);
    expect(allowed.formWin.errors).toEqual([]);
    runIn(allowed.crmWin, legacyDisposition);
    await until(() => expect(allowed.formWin.calls).toHaveLength(1));
  });

  it('without data-allowed-origins only defines window.UCBridge; createHostBridge then works', async () => {
    const { formWin, crmWin } = await formWith('');
    expect(typeof formWin.UCBridge?.createHostBridge).toBe('function');
    expect(formWin.UCBridge?.bridge).toBeUndefined();
    runIn(crmWin, legacyDisposition);
    await new Promise<void>((resolve) => formWin.addEventListener('message', () => resolve(), { once: true }));
    expect(formWin.calls).toEqual([]);
    const bridge = formWin.UCBridge!.createHostBridge({ allowedOrigins: location.origin });
    cleanups.push(() => bridge.destroy());
    runIn(crmWin, legacyDisposition);
    await until(() => expect(formWin.calls).toHaveLength(1));
  });
});
