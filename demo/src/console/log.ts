import { preview } from '../shared/preview.js';
import type { LoggedBridgeEvent, Received } from '../shared/console-api.js';

/** How a row judged a message: the bridge's two verdicts, the outcome of an accepted call, or no judge at all. */
export type Verdict = 'accepted' | 'rejected' | 'reply-ok' | 'reply-error' | 'ignored' | 'unchecked';

const VERDICT_TEXT: Record<Verdict, string> = {
  accepted: 'accepted',
  rejected: 'rejected',
  'reply-ok': 'reply: ok',
  'reply-error': 'reply: error',
  ignored: 'ignored',
  unchecked: 'unchecked',
};

/**
 * The console's message log: one row per verdict, in the order they happened, each with the
 * origin, the action, the error code and the reason. A message the bridge did not report (not a
 * ucbridge or platform message) still gets a row, `ignored`; with the documented listener only,
 * every message is `unchecked`.
 */
export class MessageLog {
  #seq = 0;
  #current: { received: Received; rows: number } | undefined;

  constructor(
    private readonly body: HTMLOListElement,
    private readonly scroller: HTMLElement,
  ) {}

  /** A message reached the form; the rows its judging adds carry its payload preview. */
  received(received: Received): void {
    this.#current = { received, rows: 0 };
  }

  /** The form is done with the current message: a row for it if nothing judged it. */
  dispatched(bridge: boolean): void {
    const current = this.#current;
    this.#current = undefined;
    if (!current || current.rows > 0) return;
    const message = bridge ? 'not a ucbridge or platform message: the bridge did not look at it' : 'delivered to the documented listener: no origin or payload check';
    this.#row(bridge ? 'ignored' : 'unchecked', { kind: 'message', origin: current.received.origin, message }, current.received.preview);
  }

  /** A verdict of the form's host-bridge. */
  bridgeEvent(verdict: 'accepted' | 'rejected', event: LoggedBridgeEvent): void {
    const current = this.#current;
    if (current) current.rows++;
    const shown: Verdict = event.kind === 'reply' ? (event.code ? 'reply-error' : 'reply-ok') : verdict;
    const data = current && current.rows === 1 ? current.received.preview : event.data === undefined ? '' : preview(event.data);
    this.#row(shown, event, data);
  }

  clear(): void {
    this.body.replaceChildren();
    this.#seq = 0;
  }

  // One entry: a line with the verdict, kind, origin, action and code; a line with the reason; a line with the payload.
  #row(verdict: Verdict, event: LoggedBridgeEvent, data: string): void {
    const li = document.createElement('li');
    li.dataset.verdict = verdict;
    li.dataset.kind = event.kind;
    if (event.code) li.dataset.code = event.code;
    if (event.action) li.dataset.action = event.action;
    li.title = new Date().toISOString().slice(11, 23);
    const span = (cls: string, text: string) => {
      const el = document.createElement('span');
      el.className = cls;
      el.textContent = text;
      return el;
    };
    const head = document.createElement('div');
    head.append(span('seq muted', String(++this.#seq)), span(`tag ${verdict}`, VERDICT_TEXT[verdict]), span('kind', event.kind), span('origin mono', event.origin));
    if (event.action) head.append(span('action mono', event.action));
    if (event.code) head.append(span('code mono bad', event.code));
    li.append(head, span('reason', event.field ? `${event.message} [field: ${event.field}]` : event.message));
    if (data) li.append(span('payload mono muted', data));
    this.body.append(li);
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }
}
