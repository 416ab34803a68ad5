import { connectToHost } from '@ucbridge/iframe-client';
import '@ucbridge/iframe-client/elements';
import { FORM_ORIGIN, note, showCall, showOrigin, urlCall } from './context.js';

// The CRM developer who wants UI: one connection, shared by both elements through their `host` property.
showOrigin();
const connection = document.getElementById('connection')!;
// Opened outside a console (not framed): no connection; the elements then say "no console found".
const framed = window.parent !== window;
const host = framed ? connectToHost({
  hostOrigin: FORM_ORIGIN,
  onConnect: (info) => {
    connection.className = 'ok';
    connection.textContent = `Connected to the console's bridge at ${info.origin} — protocol v${info.version}, actions: ${info.actions.join(', ')}`;
  },
  onDisconnect: (reason) => {
    connection.className = 'bad';
    connection.textContent = `Connection lost (${reason.code}); reconnecting…`;
  },
  // the element shows the call it disposes: render it again whenever the form's call changes
  onCallContext: (call) => {
    showCall(call);
    document.querySelector('ucb-disposition-form')?.requestUpdate();
  },
}) : undefined;
if (!framed) {
  connection.className = 'bad';
  connection.textContent = 'This page is not inside a console form: nobody to talk to.';
}
// a form that does not list this page says so at once: show it on the CRM side
host?.connected.catch((error: { code: string; message: string }) => {
  connection.className = 'bad';
  connection.textContent = `Refused by the form: ${error.code} — ${error.message}`;
});
// no answer to the handshake (closing HELLO at 1.5 s, 0.5 s to answer it): the form has no ucbridge,
// calls will go the documented way
setTimeout(() => {
  if (host && !host.info && connection.className !== 'bad') {
    connection.className = 'warn';
    connection.textContent = 'No ucbridge bridge answered: calls are posted the documented way and cannot be confirmed.';
  }
}, 2100);

const form = document.querySelector('ucb-disposition-form')!;
const close = document.querySelector('ucb-close-tab')!;
// a form without ucbridge put the call in the URL (the element then shows it in its fields)
Object.assign(form, urlCall(), {
  host,
  l1Options: ['Sale', { value: 'NoSale', label: 'No sale' }, { value: 'CallBack', label: 'Call back' }],
});
close.host = host;

const events = document.getElementById('events')!;
document.addEventListener('ucb-sent', (e) => note(events, e.detail.result.confirmed ? 'ok' : 'unconfirmed', `ucb-sent ${e.detail.action} ${JSON.stringify(e.detail.result)}`));
document.addEventListener('ucb-error', (e) => note(events, 'error', `ucb-error ${e.detail.action} ${e.detail.status.code ?? ''}: ${e.detail.status.message}`, { code: e.detail.status.code ?? '' }));
