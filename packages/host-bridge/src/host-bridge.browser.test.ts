import { createHostBridge, type BridgeLogEvent, type HostBridge } from '@ucbridge/host-bridge';
import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * Real Chromium, real frames, the platform's layout: this test page plays the agent console
 * (`closeActiveTab` is its global), a same-origin iframe is the form (`UC_DispositionCall` is its
 * global, the bridge listens on its window) and an iframe inside the form is the CRM. The CRM's code
 * runs as inline scripts of its own document, so `event.source` is really the CRM frame.
 * Cross-origin frames are covered by the e2e tests.
 */

const disposition = { campaign: 'Sales<-', callerid: '099123456', guid: 'g-1', l1: 'Sold', l2: 'Card', l3: '', d1: 'd1', d2: '', comment: 'fine', schedule: '2026-12-01 09:30:00' };

type PlatformWin = Window & { UC_DispositionCall?: (...args: unknown[]) => void; closeActiveTab?: () => void };
type CrmWin = Window & { port?: MessagePort; portInbox: unknown[]; MessagePort: typeof MessagePort };

/** Polls until `check` passes: messages between frames arrive in later tasks (generous limit: a busy 2-core CI). */
const until = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 5 });
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((fn) => fn()));

function frameIn(doc: Document): Promise<HTMLIFrameElement> {
  const iframe = doc.createElement('iframe');
  iframe.srcdoc = '<!doctype html><title>frame</title><body></body>';
  const loaded = new Promise<HTMLIFrameElement>((resolve) => iframe.addEventListener('load', () => resolve(iframe), { once: true }));
  doc.body.append(iframe);
  return loaded;
}

/** Runs `code` as an inline script of `win`'s own document: its postMessage calls come from that frame. */
function runIn(win: Window, code: string): void {
  const script = win.document.createElement('script');
  script.textContent = code;
  win.document.body.append(script);
}

/** The CRM's side of the v1 handshake, written as a page without ucbridge would write it. */
const CRM_HELLO = (id: string) => `
  window.portInbox = [];
  addEventListener('message', (e) => {
    if (e.data && e.data.type === 'WELCOME' && e.data.replyTo === ${JSON.stringify(id)}) {
      window.welcome = e.data;
      window.port = e.ports[0];
      window.port.onmessage = (m) => window.portInbox.push(m.data);
    }
  });
  parent.postMessage({ ucbridge: 1, type: 'HELLO', id: ${JSON.stringify(id)}, versions: [1] }, ${JSON.stringify(location.origin)});
`;

async function setup(options: { actions?: Record<string, () => unknown> } = {}) {
  const form = await frameIn(document);
  cleanups.push(() => form.remove());
  const formWin = form.contentWindow as PlatformWin;
  const closeActiveTab = vi.fn();
  (window as PlatformWin).closeActiveTab = closeActiveTab;
  cleanups.push(() => delete (window as PlatformWin).closeActiveTab);
  const uc = vi.fn((...args: unknown[]) => (args[10] as (r: unknown) => void)({ saved: args[2] }));
  formWin.UC_DispositionCall = uc;
  const accepted: BridgeLogEvent[] = [];
  const rejected: BridgeLogEvent[] = [];
  const bridge: HostBridge = createHostBridge({
    allowedOrigins: [location.origin],
    window: formWin,
    onAccepted: (e) => accepted.push(e),
    onRejected: (e) => rejected.push(e),
    ...options,
  });
  cleanups.push(() => bridge.destroy());
  const crm = await frameIn(formWin.document);
  const crmWin = crm.contentWindow as CrmWin;
  return { form, formWin, crm, crmWin, bridge, uc, closeActiveTab, accepted, rejected };
}

describe('host bridge in Chromium with real frames', () => {
  it('turns the documented legacy messages of a child frame into parent.closeActiveTab() and UC_DispositionCall(...)', async () => {
    const { crmWin, uc, closeActiveTab, accepted } = await setup();
    runIn(crmWin, `parent.postMessage({ action: 'DISPOSITION_CALL', disposition: ${JSON.stringify(disposition)} }, '*');
                   parent.postMessage({ action: 'CLOSE_TAB' }, '*');`);
    await until(() => expect(closeActiveTab).toHaveBeenCalledOnce());
    expect(uc).toHaveBeenCalledOnce();
    expect(uc.mock.calls[0]!.slice(0, 10)).toEqual(['Sales<-', '099123456', 'g-1', 'Sold', 'Card', '', 'd1', '', 'fine', '2026-12-01 09:30:00']);
    expect(accepted.filter((e) => e.kind === 'legacy').map((e) => e.action)).toEqual(['DISPOSITION_CALL', 'CLOSE_TAB']);
  });

  it('refuses a legacy message with a non-string field and calls nothing', async () => {
    const { crmWin, uc, rejected } = await setup();
    runIn(crmWin, `parent.postMessage({ action: 'DISPOSITION_CALL', disposition: { ...${JSON.stringify(disposition)}, comment: ['x'] } }, '*');`);
    await until(() => expect(rejected).toHaveLength(1));
    expect(rejected[0]).toMatchObject({ kind: 'legacy', code: 'INVALID_ARGUMENT', field: 'disposition.comment' });
    expect(uc).not.toHaveBeenCalled();
  });

  it('refuses SOURCE_NOT_ALLOWED for the console (the parent) and for a grandchild frame', async () => {
    const { formWin, crmWin, closeActiveTab, rejected } = await setup();
    formWin.postMessage({ action: 'CLOSE_TAB' }, '*'); // incumbent: this page, the form's parent
    const grandchild = await frameIn(crmWin.document);
    runIn(grandchild.contentWindow!, `parent.parent.postMessage({ action: 'CLOSE_TAB' }, '*');`);
    await until(() => expect(rejected).toHaveLength(2));
    expect(rejected.map((e) => e.code)).toEqual(['SOURCE_NOT_ALLOWED', 'SOURCE_NOT_ALLOWED']);
    expect(closeActiveTab).not.toHaveBeenCalled();
  });

  it('hands a child frame a private MessagePort and answers its v1 requests on it, platform errors included', async () => {
    const { crmWin, formWin, uc } = await setup({ actions: { whoAmI: () => 'the form' } });
    // the platform's documented listener, kept beside the bridge: it must not see any v1 request
    const documented = vi.fn();
    formWin.addEventListener('message', (e) => e.data?.action && documented(e.data));
    runIn(crmWin, CRM_HELLO('h1'));
    await until(() => expect(crmWin.port).toBeInstanceOf(crmWin.MessagePort));
    expect((crmWin as unknown as { welcome: unknown }).welcome).toEqual({ ucbridge: 1, type: 'WELCOME', replyTo: 'h1', handshake: 'h1', version: 1, actions: ['CLOSE_TAB', 'DISPOSITION_CALL', 'whoAmI'], platformTimeoutMs: 30_000 });
    crmWin.port!.postMessage({ ucbridge: 1, id: 'r1', action: 'DISPOSITION_CALL', disposition });
    crmWin.port!.postMessage({ ucbridge: 1, id: 'r2', action: 'whoAmI' });
    await until(() => expect(crmWin.portInbox).toHaveLength(2));
    expect(crmWin.portInbox).toEqual([
      { ucbridge: 1, replyTo: 'r1', ok: true, result: { saved: 'g-1' } },
      { ucbridge: 1, replyTo: 'r2', ok: true, result: 'the form' },
    ]);
    uc.mockImplementation((...args: unknown[]) => (args[11] as (e: unknown) => void)('campaign closed'));
    // another disposition: the same one again would be answered with the first call's outcome
    crmWin.port!.postMessage({ ucbridge: 1, id: 'r3', action: 'DISPOSITION_CALL', disposition: { ...disposition, l1: 'Not interested' } });
    await until(() => expect(crmWin.portInbox).toHaveLength(3));
    expect(crmWin.portInbox[2]).toMatchObject({ replyTo: 'r3', ok: false, error: { code: 'PLATFORM_ERROR', message: expect.stringContaining('campaign closed') } });
    expect(documented).not.toHaveBeenCalled();
  });

  it('still replies ok when a result cannot be cloned by a real port', async () => {
    const { crmWin } = await setup({ actions: { handle: () => ({ fn() {} }) } });
    runIn(crmWin, CRM_HELLO('h1'));
    await until(() => expect(crmWin.port).toBeDefined());
    crmWin.port!.postMessage({ ucbridge: 1, id: 'r1', action: 'handle' });
    await until(() => expect(crmWin.portInbox).toEqual([{ ucbridge: 1, replyTo: 'r1', ok: true }]));
  });

  it('gives a reloaded CRM page a new port that works', async () => {
    const { crm, accepted } = await setup();
    runIn(crm.contentWindow!, CRM_HELLO('h1'));
    await until(() => expect((crm.contentWindow as CrmWin).port).toBeDefined());
    const reloaded = new Promise((resolve) => crm.addEventListener('load', resolve, { once: true }));
    crm.contentWindow!.location.reload();
    await reloaded;
    const crmWin = crm.contentWindow as CrmWin;
    runIn(crmWin, CRM_HELLO('h2'));
    await until(() => expect(crmWin.port).toBeDefined());
    crmWin.port!.postMessage({ ucbridge: 1, id: 'r1', action: 'CLOSE_TAB' });
    await until(() => expect(crmWin.portInbox).toEqual([{ ucbridge: 1, replyTo: 'r1', ok: true }]));
    expect(accepted.filter((e) => e.kind === 'hello')).toHaveLength(2);
  });

  it('says BYE on the port when the form fires pagehide', async () => {
    const { crmWin, formWin } = await setup();
    runIn(crmWin, CRM_HELLO('h1'));
    await until(() => expect(crmWin.port).toBeDefined());
    formWin.dispatchEvent(new PageTransitionEvent('pagehide'));
    await until(() => expect(crmWin.portInbox).toEqual([{ ucbridge: 1, type: 'BYE' }]));
  });

  it('destroy() says BYE, closes the port and stops listening on the window', async () => {
    const { crmWin, bridge, closeActiveTab, rejected, accepted } = await setup();
    runIn(crmWin, CRM_HELLO('h1'));
    await until(() => expect(crmWin.port).toBeDefined());
    bridge.destroy();
    await until(() => expect(crmWin.portInbox).toEqual([{ ucbridge: 1, type: 'BYE' }]));
    const before = accepted.length;
    crmWin.port!.postMessage({ ucbridge: 1, id: 'r1', action: 'CLOSE_TAB' });
    runIn(crmWin, `parent.postMessage({ action: 'CLOSE_TAB' }, '*'); parent.postMessage({ action: 'CLOSE_TAB' }, '*');`);
    // a sentinel listener added after: once it has seen both messages, the (removed) bridge would have too
    await new Promise<void>((resolve) => {
      let seen = 0;
      crmWin.parent.addEventListener('message', function sentinel() {
        if (++seen === 2) {
          crmWin.parent.removeEventListener('message', sentinel);
          resolve();
        }
      });
    });
    expect(closeActiveTab).not.toHaveBeenCalled();
    expect([accepted.length, rejected.length]).toEqual([before, 0]);
  });
});
