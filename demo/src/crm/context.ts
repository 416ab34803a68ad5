import { ORIGINS } from '../shared/origins.js';

/** The console's form, where every CRM page sends its requests (origin A). */
export const FORM_ORIGIN = ORIGINS.console;

/** The call the form handed the CRM in its URL (as a real form passes its CTI data). */
export function callContext(): { campaign: string; callerid: string; guid: string } {
  const p = new URLSearchParams(location.search);
  return { campaign: p.get('campaign') ?? 'Sales<-', callerid: p.get('callerid') ?? '099123456', guid: p.get('guid') ?? '3123-3123-3123-312-3123' };
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
