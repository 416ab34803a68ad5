import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import type { CallResult, HostConnection } from '../index.js';
import { acquireConnection, releaseConnection } from './shared-connection.js';
import { statusForError, statusForResult, type UcbStatus, type UcbWords } from './status.js';

/** `detail` of the `ucb-sent` event: the action and what the console answered. */
export interface UcbSentDetail {
  action: string;
  result: CallResult;
}

/** `detail` of the `ucb-error` event: the action, the error (usually a `BridgeError`) and the state shown. */
export interface UcbErrorDetail {
  action: string;
  error: unknown;
  status: UcbStatus;
}

const IDLE: UcbStatus = { state: 'idle', message: '' };

/**
 * What both elements share: where the console connection comes from, the visible status and the
 * two DOM events. The connection is the `host` property when set (a `HostConnection` the page
 * made itself and shares), else the page's shared connection to its `host-origin` (one per
 * origin, see shared-connection.ts), given back when the element leaves the document.
 */
export abstract class UcbElement extends LitElement {
  static override properties = {
    host: { attribute: false },
    hostOrigin: { type: String, attribute: 'host-origin', reflect: true },
    status: { attribute: false },
  };

  /** A connection made by the page (`connectToHost(...)`); wins over `host-origin`. */
  declare host: HostConnection | undefined;
  /** The console's origin (`https://acme.ucontactcloud.com` or a `https://*.x` pattern) for a connection the element makes itself. */
  declare hostOrigin: string | undefined;
  /** What the element shows now; read it, or listen to `ucb-sent` / `ucb-error`. */
  declare status: UcbStatus;

  #own: { origin: string; connection: HostConnection } | undefined;
  // the form's call changed (or arrived with the handshake): elements that show it render again
  readonly #onCallContext = () => this.requestUpdate();

  constructor() {
    super();
    this.host = undefined;
    this.hostOrigin = undefined;
    this.status = IDLE;
  }

  /** The connection calls go through, or `undefined` when there is none (no `host`, no `host-origin`, not framed). */
  get connection(): HostConnection | undefined {
    return this.host ?? this.#own?.connection;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#link();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unlink();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('hostOrigin') || changed.has('host')) this.#link();
  }

  // Connect as soon as the element is in the page, so the handshake is done before the first click.
  #link(): void {
    const origin = this.host || !this.isConnected || window.parent === window ? undefined : this.hostOrigin?.trim();
    if (this.#own && this.#own.origin === origin) return;
    this.#unlink();
    if (!origin) return;
    this.#own = { origin, connection: acquireConnection(origin, this.#onCallContext) };
    // the page's own connection (connectionTo) calls only the page's onCallContext: render once its handshake is done
    this.#own.connection.connected.then(this.#onCallContext, () => {});
  }

  #unlink(): void {
    if (this.#own) releaseConnection(this.#own.origin, this.#own.connection, this.#onCallContext);
    this.#own = undefined;
  }

  /**
   * Runs one call with the visible states around it: `sending`, then `done` (or `unknown` for a
   * console without ucbridge) and a `ucb-sent` event, or `not-done` / `unknown` / `invalid` and a
   * `ucb-error` event. Never rejects.
   */
  protected async run(action: string, words: UcbWords, call: (host: HostConnection) => Promise<CallResult>): Promise<void> {
    const host = this.connection;
    if (!host) {
      const reason = window.parent === window ? 'this page is not inside a console form' : 'set the host-origin attribute or the host property';
      return this.fail(action, { state: 'not-done', code: 'NOT_CONNECTED', message: `${words.notDone}: no console found, ${reason}.` }, new Error(reason));
    }
    this.status = { state: 'sending', message: 'Sending…' };
    try {
      const result = await call(host);
      this.status = statusForResult(result.confirmed, words);
      this.dispatchEvent(new CustomEvent<UcbSentDetail>('ucb-sent', { detail: { action, result }, bubbles: true, composed: true }));
    } catch (error) {
      this.fail(action, statusForError(error, words, (f) => this.label(f)), error);
    }
  }

  /** Shows a failure and fires `ucb-error`. */
  protected fail(action: string, status: UcbStatus, error: unknown): void {
    this.status = status;
    this.dispatchEvent(new CustomEvent<UcbErrorDetail>('ucb-error', { detail: { action, error, status }, bubbles: true, composed: true }));
  }

  /** The name people see for a field; the form overrides it with its labels. */
  protected label(field: string): string {
    return field;
  }

  /** The live region: always in the DOM, so screen readers announce every change of its text. */
  protected renderStatus(): TemplateResult {
    return html`<p part="status" id="status" class="status ${this.status.state}" role="status" aria-live="polite" data-state=${this.status.state}>${this.status.message}</p>`;
  }
}

// Both events bubble out of the shadow DOM (composed), so a page can listen on the element or the document.
declare global {
  interface HTMLElementEventMap {
    'ucb-sent': CustomEvent<UcbSentDetail>;
    'ucb-error': CustomEvent<UcbErrorDetail>;
  }
  interface DocumentEventMap {
    'ucb-sent': CustomEvent<UcbSentDetail>;
    'ucb-error': CustomEvent<UcbErrorDetail>;
  }
}
