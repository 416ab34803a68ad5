// Demo plumbing of the form page (not what a form author writes): frame the pages the console
// chose, and tell the console's log about every message that reaches this window, so messages the
// bridge does not report (not meant for it) are shown too.

const params = new URLSearchParams(location.search);
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const demo = window.parent !== window ? window.parent.demoConsole : undefined;
// with the documented listener only there is no bridge to judge anything
const bridge = 'UCBridge' in window;

// the call as the platform wrote it into this form (form-platform.js): the CTI global, a JSON string
const cti = JSON.parse((window as { CTI?: string }).CTI ?? '{}') as { Guid?: string; Campaign?: string; Callerid?: string; ParAndValues?: string };
$('context').textContent = cti.Guid
  ? `CTI: call ${cti.Guid} · campaign ${cti.Campaign} · caller ${cti.Callerid} · vars ${cti.ParAndValues || '(none)'}`
  : 'CTI: no call';

/** The bridge's verdict on the message being dispatched (set by the form's log hooks), if it gave one. */
type Verdict = { verdict: 'accepted' | 'rejected'; kind: string; code?: string; field?: string; action?: string };
const page = window as Window & { lastVerdict?: Verdict };
let fromHostile = 0;

// The page's first inline script reported the message before the bridge saw it; this listener,
// added after the bridge's, runs once the bridge has reported its verdict. It is also the demo's
// referee: it tells the hostile page what became of each message it (or a frame inside it) posted,
// so the hostile page can show, per trick, what was expected and what happened.
window.addEventListener('message', (event) => {
  demo?.dispatched(bridge);
  const verdict = page.lastVerdict ?? { verdict: 'ignored', kind: 'none' };
  page.lastVerdict = undefined;
  const hostile = $<HTMLIFrameElement>('hostile').contentWindow;
  const source = event.source as Window | null;
  if (!hostile || !source || (source !== hostile && source.parent !== hostile)) return;
  const target = new URL(params.get('hostile')!).origin;
  hostile.postMessage({ demoReferee: true, from: source === hostile ? 'frame' : 'grandchild', index: source === hostile ? fromHostile++ : -1, ...verdict }, target);
});

function frame(id: 'crm' | 'hostile', url: string | null): void {
  if (!url) {
    if (id === 'hostile') $('hostile-box').hidden = true;
    return;
  }
  $(`${id}-origin`).textContent = new URL(url).origin;
  $<HTMLIFrameElement>(id).src = url;
}
frame('crm', params.get('crm'));
frame('hostile', params.get('hostile'));
