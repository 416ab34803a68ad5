import { afterEach, describe, expect, it, vi } from 'vitest';
import { autoInstall, type UCBridgeGlobal } from './auto-install.js';

/**
 * A window with listeners the test can count (and fire: `load`), and a script element that only has
 * a dataset. console.warn is captured as the lines a form author would see.
 */
function setup(dataset: Record<string, string>) {
  const listeners: string[] = [];
  const handlers = new Map<string, () => void>();
  const win = {
    frames: [],
    addEventListener: (type: string, handler: () => void) => (listeners.push(type), handlers.set(type, handler)),
    removeEventListener: (type: string) => listeners.splice(listeners.indexOf(type), 1),
  } as unknown as Window & { UCBridge?: UCBridgeGlobal };
  const warnings: string[] = [];
  vi.spyOn(console, 'warn').mockImplementation((line: string) => void warnings.push(line));
  const load = () => handlers.get('load')?.();
  const fire = (type: string, event: unknown) => (handlers.get(type) as ((event: unknown) => void) | undefined)?.(event);
  return { win, listeners, warnings, load, fire, script: { dataset } as unknown as HTMLScriptElement };
}

afterEach(() => vi.restoreAllMocks());

describe('autoInstall (the script-tag start-up, from source)', () => {
  it('only defines window.UCBridge when the script has no data-allowed-origins', () => {
    const { win, listeners, script } = setup({});
    const api = autoInstall(script, win);
    expect(win.UCBridge).toBe(api);
    expect(typeof api.createHostBridge).toBe('function');
    expect(typeof api.BridgeError).toBe('function');
    expect(api.bridge).toBeUndefined();
    // no bridge: only the page-load check, no message listener
    expect(listeners).toEqual(['load']);
  });

  it('warns NOTHING_INSTALLED once the page has loaded when the tag has no data-allowed-origins and nobody made a bridge', () => {
    const { win, warnings, load, script } = setup({});
    autoInstall(script, win);
    expect(warnings).toEqual([]);
    load();
    expect(warnings).toEqual([expect.stringMatching(/^ucbridge NOTHING_INSTALLED: no bridge: add data-allowed-origins="https:\/\/your\.crm\.example" to the script tag$/)]);
  });

  it('says nothing when the page made its bridge itself with UCBridge.createHostBridge', () => {
    const { win, warnings, load, script } = setup({});
    autoInstall(script, win).createHostBridge({ allowedOrigins: 'https://crm.example.com', window: win }).destroy();
    load();
    expect(warnings).toEqual([]);
  });

  it('warns MODULE_SCRIPT when it ran without a current script (type="module": it cannot read its attributes)', () => {
    const { win, warnings, load } = setup({});
    expect(autoInstall(null, win).bridge).toBeUndefined();
    load();
    expect(warnings).toEqual([expect.stringMatching(/^ucbridge MODULE_SCRIPT: no bridge: a type="module" script cannot read data-allowed-origins; use a plain <script src>$/)]);
  });

  it('checks at once when the page had already loaded (a script injected late)', async () => {
    const { win, warnings, script } = setup({});
    (win as unknown as { document: { readyState: string } }).document = { readyState: 'complete' };
    autoInstall(script, win);
    await new Promise((resolve) => setTimeout(resolve));
    expect(warnings).toEqual([expect.stringContaining('ucbridge NOTHING_INSTALLED:')]);
  });

  it('warns UNKNOWN_ATTRIBUTE for a misspelt data-allowed-origin, naming it and the attributes it reads, then NOTHING_INSTALLED', () => {
    const { win, warnings, load, script } = setup({ allowedOrigin: 'https://crm.example.com' });
    autoInstall(script, win);
    expect(warnings).toEqual([
      'ucbridge UNKNOWN_ATTRIBUTE: data-allowed-origin is not read (misspelt?): use data-allowed-origins, data-legacy, data-call-context, data-log, data-dangerously-allow-any-subdomain',
    ]);
    load();
    expect(warnings[1]).toMatch(/^ucbridge NOTHING_INSTALLED:/);
  });

  it('warns about an unknown attribute even when the bridge is installed, and nothing at load', () => {
    const { win, warnings, load, script } = setup({ allowedOrigins: 'https://crm.example.com', legasy: 'false' });
    autoInstall(script, win).bridge!.destroy();
    load();
    expect(warnings).toEqual([expect.stringContaining('data-legasy is not read')]);
  });

  it('data-log turns on the log option: every message received, and why it was refused', () => {
    const { win, script } = setup({ allowedOrigins: 'https://crm.example.com', log: '' });
    const lines: unknown[][] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args));
    const listeners = new Map<string, (event: object) => void>();
    (win as unknown as { addEventListener: unknown }).addEventListener = (type: string, handler: (event: object) => void) => listeners.set(type, handler);
    const api = autoInstall(script, win);
    listeners.get('message')!({ data: { action: 'CLOSE_TAB' }, origin: 'https://evil.example', source: {} });
    // a sender that is not a frame of the form is refused unread: the log says so, without its message
    expect(lines).toEqual([
      ['ucbridge host refused from https://evil.example', 'ucbridge SOURCE_NOT_ALLOWED: not a frame of this form'],
    ]);
    api.bridge!.destroy();
  });

  it('installs a bridge from space- and comma-separated origins and exposes it', () => {
    const { win, listeners, script } = setup({ allowedOrigins: 'https://a.example, https://*.b.example,http://127.0.0.1:4102  http://*.example.test:4102' });
    const api = autoInstall(script, win);
    expect(api.bridge?.actions).toEqual(['CLOSE_TAB', 'DISPOSITION_CALL']);
    expect(listeners).toEqual(['message', 'pagehide']);
    api.bridge!.destroy();
    expect(listeners).toEqual([]);
  });

  it('throws on an empty or invalid list, after UCBridge is defined', () => {
    for (const allowedOrigins of ['', '*', 'crm.example.com']) {
      const { win, script } = setup({ allowedOrigins });
      expect(() => autoInstall(script, win)).toThrow(TypeError);
      expect(typeof win.UCBridge?.createHostBridge).toBe('function');
    }
  });

  it('refuses a pattern over a shared domain in data-allowed-origins, naming it and both fixes; data-dangerously-allow-any-subdomain lets it through', () => {
    const allowedOrigins = 'https://crm.example.com, https://*.github.io';
    for (const refused of [{ allowedOrigins }, { allowedOrigins, dangerouslyAllowAnySubdomain: 'false' }] as Record<string, string>[]) {
      const { win, script } = setup(refused);
      expect(() => autoInstall(script, win)).toThrow(
        /^ucbridge INVALID_OPTION: "https:\/\/\*\.github\.io" reaches into github\.io, a domain many owners share: every owner of a site under github\.io could dispose calls\. List the exact origins \(https:\/\/<name>\.github\.io\), .* \(script tag: data-dangerously-allow-any-subdomain\)$/,
      );
      expect(win.UCBridge?.bridge).toBeUndefined();
    }
    vi.spyOn(console, 'info').mockImplementation(() => {});
    for (const on of ['', 'true']) {
      const { win, fire, warnings, script } = setup({ allowedOrigins, dangerouslyAllowAnySubdomain: on });
      // a child frame and the console around the form: the documented CLOSE_TAB reaches parent.closeActiveTab()
      const frame = { postMessage: () => {} };
      const closeActiveTab = vi.fn();
      Object.assign(win, { frames: [frame], parent: { closeActiveTab } });
      const bridge = autoInstall(script, win).bridge!;
      expect(warnings).toEqual([]);
      fire('message', { origin: 'https://acme.github.io', source: frame, data: { action: 'CLOSE_TAB' } });
      fire('message', { origin: 'https://crm.example.com', source: frame, data: { action: 'CLOSE_TAB' } });
      fire('message', { origin: 'https://acme.gitlab.io', source: frame, data: { action: 'CLOSE_TAB' } });
      expect(closeActiveTab).toHaveBeenCalledTimes(2);
      bridge.destroy();
    }
  });

  it('throws on a data-dangerously-allow-any-subdomain that is not empty, "true" or "false", installing nothing', () => {
    for (const value of ['yes', '1', 'True']) {
      const { win, script } = setup({ allowedOrigins: 'https://*.github.io', dangerouslyAllowAnySubdomain: value });
      expect(() => autoInstall(script, win)).toThrow(new TypeError(`ucbridge INVALID_OPTION: data-dangerously-allow-any-subdomain must be empty, "true" or "false", not "${value}"`));
      expect(win.UCBridge?.bridge).toBeUndefined();
    }
  });

  it('throws on a data-legacy that is neither "true" nor "false" (a form author who wrote "False", "no" or "off" meant off), installing nothing', () => {
    for (const legacy of ['False', 'no', 'off', '0', '']) {
      const { win, script } = setup({ allowedOrigins: 'http://127.0.0.1:4102', legacy });
      expect(() => autoInstall(script, win)).toThrow(/INVALID_OPTION: data-legacy must be "true" or "false"/);
      expect(win.UCBridge?.bridge).toBeUndefined();
    }
  });

  it('keeps the first UCBridge when the script is loaded twice: a second bridge would dispose legacy calls twice', () => {
    const { win, listeners, warnings, script } = setup({ allowedOrigins: 'https://a.example' });
    const first = autoInstall(script, win);
    const create = vi.spyOn(first, 'createHostBridge');
    expect(autoInstall(script, win)).toBe(first);
    expect(create).not.toHaveBeenCalled();
    expect(listeners).toEqual(['message', 'pagehide']);
    // and says so: the second tag's list is not used
    expect(warnings).toEqual(['ucbridge ALREADY_INSTALLED: this second script tag was ignored: list every origin in the first']);
  });

  it('a second copy without data-allowed-origins (a page that only wants UCBridge) is silent', () => {
    const { win, warnings, script } = setup({ allowedOrigins: 'https://a.example' });
    autoInstall(script, win);
    autoInstall({ dataset: {} } as unknown as HTMLScriptElement, win);
    expect(warnings).toEqual([]);
  });
});
