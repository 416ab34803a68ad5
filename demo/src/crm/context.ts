import type { CallContext } from '@ucbridge/iframe-client';
import { ORIGINS } from '../shared/origins.js';

/** The console's form, where every CRM page sends its requests (origin A). */
export const FORM_ORIGIN = ORIGINS.console;

/**
 * The call in this page's URL, when a form without ucbridge put it there (as forms do today); `undefined`
 * otherwise. With ucbridge on both sides the call comes from the bridge instead (`host.callContext`).
 */
export function urlCall(): { campaign: string; callerid: string; guid: string } | undefined {
  const p = new URLSearchParams(location.search);
  const guid = p.get('guid');
  return guid ? { campaign: p.get('campaign') ?? '', callerid: p.get('callerid') ?? '', guid } : undefined;
}

/** Shows which call the page is on (`#on-call`): the one the form shares, or why the agent has to type it. */
export function showCall(call: CallContext | undefined): void {
  const el = document.getElementById('on-call');
  if (!el) return;
  el.className = call ? 'ok' : 'warn';
  el.dataset.guid = call?.guid ?? '';
  el.textContent = call
    ? `On call ${call.guid} · campaign ${call.campaign} · caller ${call.callerid}${call.agent ? ` · agent ${call.agent}` : ''} — from the form (host.callContext)`
    : 'The form shares no call with this origin: type campaign, caller ID and call ID.';
}

/** Fills the page's origin badge. */
export function showOrigin(): void {
  const el = document.getElementById('origin');
  if (el) el.textContent = location.origin;
}

/** Adds a line to a page's outcome list (newest last), with data-* for tests. */
export function note(list: HTMLElement, outcome: string, text: string, data: Record<string, string> = {}): void {
  const li = document.createElement('li');
  li.dataset.outcome = outcome;
  Object.assign(li.dataset, data);
  li.className = outcome === 'ok' ? 'ok' : outcome === 'pending' ? 'muted' : outcome === 'unconfirmed' ? 'warn' : 'bad';
  li.textContent = text;
  list.append(li);
}
