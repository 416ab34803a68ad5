import { describe, expect, it, vi } from 'vitest';
import { autoInstall, type UCBridgeGlobal } from './auto-install.js';

/** A window with listeners the test can count, and a script element that only has a dataset. */
function setup(dataset: Record<string, string>) {
  const listeners: string[] = [];
  const win = {
    frames: [],
    addEventListener: (type: string) => listeners.push(type),
    removeEventListener: (type: string) => listeners.splice(listeners.indexOf(type), 1),
  } as unknown as Window & { UCBridge?: UCBridgeGlobal };
  return { win, listeners, script: { dataset } as unknown as HTMLScriptElement };
}

describe('autoInstall (the script-tag start-up, from source)', () => {
  it('only defines window.UCBridge when the script has no data-allowed-origins', () => {
    const { win, listeners, script } = setup({});
    const api = autoInstall(script, win);
    expect(win.UCBridge).toBe(api);
    expect(typeof api.createHostBridge).toBe('function');
    expect(typeof api.BridgeError).toBe('function');
    expect(api.bridge).toBeUndefined();
    expect(listeners).toEqual([]);
  });

  it('defines window.UCBridge without a current script (loaded as a module or by an injector)', () => {
    const { win } = setup({});
    expect(autoInstall(null, win).bridge).toBeUndefined();
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

  it('keeps the first UCBridge when the script is loaded twice: a second bridge would dispose legacy calls twice', () => {
    const { win, listeners, script } = setup({ allowedOrigins: 'https://a.example' });
    const first = autoInstall(script, win);
    const create = vi.spyOn(first, 'createHostBridge');
    expect(autoInstall(script, win)).toBe(first);
    expect(create).not.toHaveBeenCalled();
    expect(listeners).toEqual(['message', 'pagehide']);
  });
});
