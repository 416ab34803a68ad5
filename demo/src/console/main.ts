import { ORIGINS, TEST_HOSTS } from '../shared/origins.js';
import type { DemoConsole } from '../shared/console-api.js';
import { preview } from '../shared/preview.js';
import { MessageLog } from './log.js';
import { Platform, type PlatformMode } from './platform.js';

// The stand-in agent console: it implements closeActiveTab (the console's own function) and, for
// the form, UC_DispositionCall (the platform's), shows both in the "Platform calls" panel, and
// shows every verdict of the form's host-bridge in the message log.

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const controls = $<HTMLFormElement>('controls');
const formFrame = $<HTMLIFrameElement>('form');
$('console-origin').textContent = location.origin;

const log = new MessageLog($('log'), $('log-scroll'));
const platform = new Platform($('calls'), () => closeTab());

/** The settings, from the radios (which start from the URL, so a setup can be linked). */
type Settings = Record<'crm' | 'crmHost' | 'form' | 'hostile' | 'platform', string>;
const settings = (): Settings => Object.fromEntries(new FormData(controls)) as Settings;

for (const [name, value] of new URLSearchParams(location.search)) {
  const radio = controls.querySelector<HTMLInputElement>(`input[name="${CSS.escape(name)}"][value="${CSS.escape(value)}"]`);
  if (radio) radio.checked = true;
}

const HOSTILE: Record<string, string | undefined> = {
  c: ORIGINS.hostile,
  b: ORIGINS.crm,
  suffix: TEST_HOSTS.suffixTrick,
  glued: TEST_HOSTS.glued,
  off: undefined,
};

/** A new call: what the console's CTI hands the form (the form page turns it into its CTI global). */
function newCall() {
  const hex = () => Math.random().toString(16).slice(2, 6);
  return { campaign: 'Sales<-', callerid: '099123456', guid: `${hex()}${hex()}-${hex()}-${hex()}-${hex()}-${hex()}${hex()}${hex()}`, vars: 'customer=Ana María:plan=gold' };
}

/** (Re)opens the call tab with the form, which frames the chosen CRM page and hostile page. */
function openTab(): void {
  const s = settings();
  const call = newCall();
  const crmOrigin = s.crmHost === 'name' ? TEST_HOSTS.crmByName : ORIGINS.crm;
  const crm = new URL(`/crm-${s.crm}.html`, crmOrigin);
  // With ucbridge on both sides the bridge hands the CRM its call (callContext). A page without ucbridge on
  // either side, or one the form's bridge does not list, cannot be handed it: the form puts the call in the
  // CRM's URL, as forms do today.
  if (s.crm === 'legacy' || s.form === 'legacy' || s.form === 'unlisted') for (const k of ['campaign', 'callerid', 'guid'] as const) crm.searchParams.set(k, call[k]);
  const form = new URL(s.form === 'legacy' ? '/form-legacy.html' : '/form.html', location.origin);
  if (s.form === 'kept') form.searchParams.set('documented', 'kept');
  if (s.form === 'unlisted') form.searchParams.set('list', 'off');
  form.searchParams.set('crm', crm.href);
  const hostile = HOSTILE[s.hostile];
  if (hostile) form.searchParams.set('hostile', new URL('/hostile.html', hostile).href);
  for (const [k, v] of Object.entries(call)) form.searchParams.set(k, v);
  $('tab-title').textContent = `Call tab — ${call.campaign} ${call.callerid} (${call.guid})`;
  $('tab-open').hidden = false;
  $('tab-closed').hidden = true;
  formFrame.src = form.href;
}

function closeTab(): void {
  formFrame.src = 'about:blank';
  $('tab-open').hidden = true;
  $('tab-closed').hidden = false;
  $('reopen').focus();
}

const api: DemoConsole = {
  UC_DispositionCall: (...args) => platform.dispositionCall(args),
  bridgeEvent: (verdict, event) => log.bridgeEvent(verdict, event),
  received: (origin, data) => log.received({ origin, preview: preview(data) }),
  dispatched: (bridge) => log.dispatched(bridge),
};
window.demoConsole = api;
// the console's own function, called by the form as parent.closeActiveTab()
window.closeActiveTab = () => platform.closeActiveTab();

controls.addEventListener('change', (event) => {
  const s = settings();
  history.replaceState(null, '', `?${new URLSearchParams(s)}`);
  platform.mode = s.platform as PlatformMode;
  if ((event.target as HTMLInputElement).name !== 'platform') openTab();
});
$('reopen').addEventListener('click', openTab);
$('clear-log').addEventListener('click', () => log.clear());
$('clear-calls').addEventListener('click', () => platform.clear());

platform.mode = settings().platform as PlatformMode;
openTab();
