/**
 * Everything a hostile page framed next to the CRM can throw at the form. Each trick posts one or
 * more messages to the form (its parent) with target '*' and returns how many it sent; the
 * verdicts appear in the console's message log, and nothing may reach the platform.
 */
export interface Trick {
  id: string;
  title: string;
  /** What the form must do with it. */
  expect: string;
  /** The form may run it (a well-formed documented message from a listed origin): a listed origin may dispose and close the tab. */
  mayRun?: boolean;
  /** Its message comes from a frame inside this page, not from this page. */
  relayed?: boolean;
  /** Posts its messages; returns how many this page posted itself. */
  run(form: Window): number;
}

const CALL = { campaign: 'Sales<-', callerid: '099000666', guid: '6666-6666-6666-666-6666', l1: 'Sale', l2: '', l3: '', d1: '', d2: '', comment: 'posted by the hostile page', schedule: '' };
const dispose = (disposition: unknown) => ({ action: 'DISPOSITION_CALL', disposition });
const postAll = (form: Window, messages: unknown[]) => (messages.forEach((m) => form.postMessage(m, '*')), messages.length);

/** Posts a HELLO and, if a port comes back, a malformed request on it. */
function handshake(form: Window, versions: number[]): number {
  const id = `evil${Math.random().toString(36).slice(2, 8)}`;
  const onWelcome = (event: MessageEvent) => {
    const data = event.data as { replyTo?: string; type?: string } | null;
    if (event.source !== form || data?.replyTo !== id) return;
    window.removeEventListener('message', onWelcome);
    const port = event.ports[0];
    report(`${data.type ?? 'answer'} from ${event.origin}${port ? ': got a port, sending a malformed request on it' : ''}`);
    if (port) {
      port.onmessage = (e) => report(`port answer: ${JSON.stringify(e.data).slice(0, 200)}`);
      port.postMessage({ ucbridge: 1, id: 'evil-req', action: 'DISPOSITION_CALL', disposition: { ...CALL, campaign: 42 } });
    }
  };
  window.addEventListener('message', onWelcome);
  form.postMessage({ ucbridge: 1, type: 'HELLO', id, versions }, '*');
  return 1;
}

/** The relay of the `grandchild` trick: posts a valid documented message to the form, two levels up. */
export function relay(): void {
  window.parent.parent.postMessage(dispose({ ...CALL, d1: 'from a grandchild frame' }), '*');
}

/** Where a trick's late news (an answer, a port) is shown; set by the page. */
export let report: (text: string) => void = () => {};
export function onReport(fn: (text: string) => void): void {
  report = fn;
}

/** Every trick, in the order the page shows them and "Run every trick" runs them. */
export const TRICKS: Trick[] = [
  {
    id: 'legacy-dispose',
    title: 'A well-formed documented DISPOSITION_CALL',
    expect: 'refused unless this origin is listed (ORIGIN_NOT_ALLOWED); a listed origin may dispose the form\'s current call only (this one is another: WRONG_CALL)',
    mayRun: true,
    run: (form) => postAll(form, [dispose(CALL)]),
  },
  {
    id: 'legacy-close',
    title: 'A documented CLOSE_TAB',
    expect: 'refused unless this origin is listed: the tab stays open; a listed origin may close it',
    mayRun: true,
    run: (form) => postAll(form, [{ action: 'CLOSE_TAB' }]),
  },
  {
    id: 'hello',
    title: 'A ucbridge handshake (HELLO), then a bad request on the port',
    expect: 'REFUSED (ORIGIN_NOT_ALLOWED), no port, for an unlisted origin; a listed one gets a port, and its bad request INVALID_ARGUMENT',
    run: (form) => handshake(form, [1]),
  },
  {
    id: 'version',
    title: 'A HELLO for protocol version 99 only',
    expect: 'VERSION_MISMATCH (or ORIGIN_NOT_ALLOWED first)',
    run: (form) => handshake(form, [99]),
  },
  {
    id: 'unknown-action',
    title: "An action the platform has but the bridge must not offer: UC_get_async('SELECT …')",
    expect: 'INVALID_MESSAGE: unknown action',
    run: (form) => postAll(form, [{ action: 'UC_get_async', sql: 'SELECT * FROM agents', dsn: 'repo' }]),
  },
  {
    id: 'malformed',
    title: 'Malformed payloads: a string disposition, a bare string, null, a spoofed reply',
    expect: 'refused or ignored; nothing called',
    run: (form) => postAll(form, [dispose('campaign=Sales;l1=Sale'), 'CLOSE_TAB', null, { ucbridge: 1, replyTo: 'x', ok: true, result: 'saved' }]),
  },
  {
    id: 'non-strings',
    title: 'Non-strings: a number, an array, null, a Date',
    expect: 'INVALID_ARGUMENT naming each field',
    run: (form) =>
      postAll(form, [
        dispose({ ...CALL, campaign: 42 }),
        dispose({ ...CALL, l1: ['Sale'] }),
        dispose({ ...CALL, guid: null }),
        dispose({ ...CALL, schedule: new Date() }),
      ]),
  },
  {
    id: 'proto',
    title: 'Prototype tricks: __proto__ and constructor keys',
    expect: 'INVALID_ARGUMENT: unknown field; a top-level __proto__ has no action and is ignored',
    run: (form) =>
      postAll(form, [
        dispose(JSON.parse(`{"__proto__":{"l1":"Sale","polluted":true},"campaign":"Sales<-","callerid":"099000666","guid":"g-1"}`)),
        dispose({ ...CALL, constructor: { prototype: { polluted: true } } }),
        JSON.parse('{"__proto__":{"action":"CLOSE_TAB"}}'),
      ]),
  },
  {
    id: 'huge',
    title: 'Huge strings: a 1,000,000-character comment, a 100,000-character campaign',
    expect: 'INVALID_ARGUMENT: longer than the limit',
    run: (form) => postAll(form, [dispose({ ...CALL, comment: 'x'.repeat(1_000_000) }), dispose({ ...CALL, campaign: 'S'.repeat(100_000) })]),
  },
  {
    id: 'bad-values',
    title: 'Bad values: 30 February, an ISO timestamp, a NUL byte',
    expect: 'INVALID_ARGUMENT naming schedule, schedule, l1',
    run: (form) =>
      postAll(form, [
        dispose({ ...CALL, schedule: '2026-02-30 10:00:00' }),
        dispose({ ...CALL, schedule: '2026-11-24T10:00:00Z' }),
        dispose({ ...CALL, l1: 'Sale\u0000; DROP TABLE calls' }),
      ]),
  },
  {
    id: 'grandchild',
    title: 'A well-formed DISPOSITION_CALL from a frame inside this page (a grandchild of the form)',
    expect: 'SOURCE_NOT_ALLOWED: only the form\'s own child frames may talk to it, whatever their origin',
    relayed: true,
    run: () => {
      // the relay (this page again, ?relay=1) posts to parent.parent = the form as soon as it loads
      const relay = document.createElement('iframe');
      relay.hidden = true;
      relay.src = `${location.pathname}?relay=1`;
      document.body.append(relay);
      return 0;
    },
  },
  {
    id: 'wrong-call',
    title: 'A well-formed DISPOSITION_CALL for another call (a real-looking call id that is not the form\'s)',
    expect: 'WRONG_CALL from a listed origin: the form disposes only its current call (ORIGIN_NOT_ALLOWED first when unlisted)',
    run: (form) => postAll(form, [dispose({ ...CALL, guid: '824da669-0000-4000-8000-000000000666', comment: 'somebody else\'s call' })]),
  },
  {
    id: 'flood',
    title: 'A flood: 200 documented DISPOSITION_CALLs in one go',
    expect: 'every one judged and logged, in order; the form stays responsive',
    run: (form) => postAll(form, Array.from({ length: 200 }, (_, i) => dispose({ ...CALL, d1: `flood ${i + 1}` }))),
  },
];
