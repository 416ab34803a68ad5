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

// The page's first inline script reported the message before the bridge saw it; this listener,
// added after the bridge's, runs once the bridge has reported its verdict.
window.addEventListener('message', () => demo?.dispatched(bridge));

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
