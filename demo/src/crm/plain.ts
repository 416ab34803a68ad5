import { connectToHost, isBridgeError, type CallDispositionInput, type CallResult } from '@ucbridge/iframe-client';
import { FORM_ORIGIN, note, showCall, showOrigin, urlCall } from './context.js';

// The CRM developer who writes code: connect, await, read error.code and error.field.
showOrigin();
const connection = document.getElementById('connection')!;
const outcomes = document.getElementById('outcomes')!;
const form = document.getElementById('call') as HTMLFormElement;
const CALL_FIELDS = ['campaign', 'callerid', 'guid'] as const;
// a form without ucbridge put the call in the URL
for (const [name, value] of Object.entries(urlCall() ?? {})) (form.elements.namedItem(name) as HTMLInputElement).value = value;

const host = connectToHost({
  hostOrigin: FORM_ORIGIN,
  onConnect: (info) => {
    connection.className = 'ok';
    connection.textContent = `Connected to ${info.origin} — protocol v${info.version}, actions: ${info.actions.join(', ')}`;
  },
  onDisconnect: (reason) => {
    connection.className = 'bad';
    connection.textContent = `Connection lost (${reason.code}); reconnecting…`;
  },
  // the form shares its call: the three call fields are left empty and filled by the client
  onCallContext: (call) => {
    showCall(call);
    for (const name of CALL_FIELDS) (form.elements.namedItem(name) as HTMLInputElement).placeholder = call ? `${call[name]} (from the call)` : '';
  },
});
// a form that does not list this page says so at once: show it, the calls reject with the same code
host.connected.catch((error: { code: string; message: string }) => {
  connection.className = 'bad';
  connection.textContent = `Refused by the form: ${error.code} — ${error.message}`;
});

async function show(label: string, call: () => Promise<CallResult>): Promise<void> {
  try {
    const result = await call();
    note(outcomes, result.confirmed ? 'ok' : 'unconfirmed', `${label} → ${result.confirmed ? 'done' : 'outcome unknown (no bridge to confirm it)'}: ${JSON.stringify(result)}`);
  } catch (error) {
    if (!isBridgeError(error)) throw error;
    const field = error.field ? ` (field ${error.field})` : '';
    // the three outcomes: done above; here not done (safe to retry) or unknown (check before retrying)
    const outcome = error.outcome === 'unknown' ? 'outcome unknown, check before retrying' : 'not done';
    note(outcomes, 'error', `${label} → ${outcome}: ${error.code}${field}: ${error.message}`, { code: error.code, field: error.field ?? '', result: error.outcome });
  }
}

document.getElementById('dispose')!.addEventListener('click', () => {
  const d: Record<string, string> = Object.fromEntries(new FormData(form)) as Record<string, string>;
  // left empty: dispositionCall takes campaign, callerid and guid from host.callContext
  for (const name of CALL_FIELDS) if (!d[name]) delete d[name];
  void show('dispositionCall', () => host.dispositionCall(d as unknown as CallDispositionInput));
});
document.getElementById('close')!.addEventListener('click', () => void show('closeTab', () => host.closeTab()));
// an action the form does not offer (a SQL runner must never be reachable from an iframe)
document.getElementById('unknown')!.addEventListener('click', () => void show("call('UC_get_async')", () => host.call('UC_get_async', { sql: 'SELECT 1' })));
