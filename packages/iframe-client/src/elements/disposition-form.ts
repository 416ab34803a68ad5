import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { BridgeError, checkDisposition, type CallContext, type DispositionField, type DispositionInput } from '@ucbridge/protocol';
import { UcbElement } from './base.js';
import { fromDateTimeLocal, toDateTimeLocal } from './schedule.js';
import { humanize, shortField } from './status.js';
import { sharedStyles } from './styles.js';

/** A choice for a level field: a plain value, or a value with the text people see. */
export type UcbOption = string | { value: string; label?: string };

const LABELS: Record<DispositionField, string> = {
  campaign: 'Campaign',
  callerid: 'Caller ID',
  guid: 'Call ID',
  l1: 'Level 1',
  l2: 'Level 2',
  l3: 'Level 3',
  d1: 'Data 1',
  d2: 'Data 2',
  comment: 'Comment',
  schedule: 'Call back at',
};
const TEXT: DispositionField[] = ['campaign', 'callerid', 'guid'];
const LEVELS = ['l1', 'l2', 'l3'] as const;
// The four fields the platform needs (the call and its result): marked required for people and screen readers.
const REQUIRED: DispositionField[] = ['campaign', 'callerid', 'guid', 'l1'];

/**
 * `<ucb-disposition-form>`: a form that saves the call's disposition through the console
 * (`host.dispositionCall`), with visible states — sending; saved; not saved, with the reason (the
 * console refused this page, the platform said no, no console); outcome unknown, "check before
 * retrying" (a timeout, a lost connection, a console without ucbridge) — never "saved" for a call
 * nobody confirmed; invalid (the field is named, marked `aria-invalid` and focused; nothing is sent).
 *
 * When the form shares its call (`connection.callContext`), the call is shown read-only (`part="call"`)
 * and the agent is asked only for the levels, data, comment and call-back: the disposition goes to the
 * call shown (a form that moved to another call refuses it `WRONG_CALL`). Without one, campaign, caller
 * ID and call ID are fields as before. The element re-renders when the call changes on a connection it
 * made from `host-origin`; for a `host` the page made, call `requestUpdate()` from its `onCallContext`.
 *
 * Attributes / properties: `host-origin` (or the `host` property: a `HostConnection`), `campaign`,
 * `callerid`, `guid`, `l1`, `l2`, `l3`, `d1`, `d2`, `comment`, `schedule` (`YYYY-MM-DD HH:MM:SS`),
 * and the properties `l1Options` / `l2Options` / `l3Options` (arrays of `UcbOption`: the level
 * becomes a `<select>`) and `labels` (field → text, to translate the labels).
 * Events: `ucb-sent` (`detail: { action, result }`) and `ucb-error` (`detail: { action, error, status }`), both bubbling and composed.
 * Parts: `form`, `call` (the shared call, read-only), `field`, `label`, `input` (every input, select and textarea), `submit`, `status`.
 * Slot `submit`: the button's text (default "Save disposition").
 */
export class UcbDispositionForm extends UcbElement {
  static override properties = {
    ...UcbElement.properties,
    campaign: {},
    callerid: {},
    guid: {},
    l1: {},
    l2: {},
    l3: {},
    d1: {},
    d2: {},
    comment: {},
    schedule: {},
    l1Options: { attribute: false },
    l2Options: { attribute: false },
    l3Options: { attribute: false },
    labels: { attribute: false },
  };

  static override styles = [
    sharedStyles,
    css`
      form {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
        gap: var(--_gap);
      }
      .field {
        display: flex;
        flex-direction: column;
        gap: 0.2rem;
      }
      .field.wide,
      .call,
      .actions {
        grid-column: 1 / -1;
      }
      .call {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3rem 1.5rem;
        margin: 0;
      }
      .call dt {
        font-size: 0.85em;
        color: #5b6475;
      }
      .call dd {
        margin: 0;
        font-weight: 600;
      }
      input,
      select,
      textarea {
        font: inherit;
        padding: 0.35em 0.45em;
        border: var(--_border);
        border-radius: var(--_radius);
      }
      [aria-invalid='true'] {
        border-color: var(--ucb-error, #b3261e);
        outline: 1px solid var(--ucb-error, #b3261e);
      }
      .required::after {
        content: ' *';
        color: var(--ucb-error, #b3261e);
      }
    `,
  ];

  declare campaign: string;
  declare callerid: string;
  declare guid: string;
  declare l1: string;
  declare l2: string;
  declare l3: string;
  declare d1: string;
  declare d2: string;
  declare comment: string;
  /** `YYYY-MM-DD HH:MM:SS` in the agent's local time, or `''` for no call-back. */
  declare schedule: string;
  declare l1Options: readonly UcbOption[] | undefined;
  declare l2Options: readonly UcbOption[] | undefined;
  declare l3Options: readonly UcbOption[] | undefined;
  /** Texts of the labels, by field name; missing ones keep the English default. */
  declare labels: Partial<Record<DispositionField, string>>;

  constructor() {
    super();
    this.campaign = this.callerid = this.guid = this.l1 = this.l2 = this.l3 = '';
    this.d1 = this.d2 = this.comment = this.schedule = '';
    this.l1Options = this.l2Options = this.l3Options = undefined;
    this.labels = {};
  }

  /** The call the form shares with this page, shown read-only, or `undefined` (the agent types it). */
  get callContext(): CallContext | undefined {
    return this.connection?.callContext;
  }

  /** The disposition as the fields hold it now (what a submit sends once it passes the check); the call's fields from the shared call when there is one. */
  get disposition(): DispositionInput {
    const { l1, l2, l3, d1, d2, comment, schedule } = this;
    const { campaign, callerid, guid } = this.callContext ?? this;
    return { campaign, callerid, guid, l1, l2, l3, d1, d2, comment, schedule };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // the call arrives with the handshake: show it as soon as it is known
    if (changed.has('host')) this.host?.connected.then(() => this.requestUpdate(), () => {});
  }

  /** Checks and sends the disposition, as the submit button does. Resolves when the state is final; never rejects. */
  async submit(): Promise<void> {
    if (this.status.state === 'sending') return;
    const checked = checkDisposition(this.disposition);
    if (!checked.ok) {
      const field = shortField(checked.field);
      const message = `Not saved: ${humanize(checked.message, (f) => this.label(f))}`;
      this.fail('DISPOSITION_CALL', { state: 'invalid', code: 'INVALID_ARGUMENT', field, message }, new BridgeError('INVALID_ARGUMENT', checked.message, checked.field));
    } else {
      await this.run('DISPOSITION_CALL', { done: 'Disposition saved', notDone: 'Not saved' }, (host) => host.dispositionCall(checked.value));
    }
    if (this.status.state === 'invalid') await this.#focusInvalid();
  }

  protected override label(field: string): string {
    return this.labels[field as DispositionField] ?? LABELS[field as DispositionField] ?? field;
  }

  async #focusInvalid(): Promise<void> {
    await this.updateComplete;
    const fields = this.renderRoot.querySelectorAll<HTMLElement & { name: string }>('[name]');
    [...fields].find((el) => el.name === this.status.field)?.focus();
  }

  #onInput(event: Event): void {
    const el = event.target as HTMLInputElement;
    const field = el.name as DispositionField;
    this[field] = field === 'schedule' ? fromDateTimeLocal(el.value) : el.value;
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.submit();
  }

  // Shared attributes of every control: name, id for its label, part, the invalid marks.
  #control(field: DispositionField): { invalid: boolean; required: boolean } {
    return { invalid: this.status.state === 'invalid' && this.status.field === field, required: REQUIRED.includes(field) };
  }

  #labelFor(field: DispositionField): TemplateResult {
    return html`<label part="label" for=${field} class=${REQUIRED.includes(field) ? 'required' : ''}>${this.label(field)}</label>`;
  }

  #text(field: DispositionField, type = 'text'): TemplateResult {
    const { invalid, required } = this.#control(field);
    const value = field === 'schedule' ? toDateTimeLocal(this.schedule) : this[field];
    return html`<div part="field" class="field">
      ${this.#labelFor(field)}
      <input part="input" id=${field} name=${field} type=${type} step=${type === 'datetime-local' ? '1' : nothing}
        .value=${live(value)} ?required=${required} aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${invalid ? 'status' : nothing} @input=${this.#onInput} />
    </div>`;
  }

  #level(field: (typeof LEVELS)[number]): TemplateResult {
    const options = this[`${field}Options`];
    if (!options?.length) return this.#text(field);
    const { invalid, required } = this.#control(field);
    const value = this[field];
    return html`<div part="field" class="field">
      ${this.#labelFor(field)}
      <select part="input" id=${field} name=${field} ?required=${required} aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${invalid ? 'status' : nothing} @change=${this.#onInput}>
        <option value="" ?selected=${value === ''}>—</option>
        ${options.map((o) => {
          const { value: v, label } = typeof o === 'string' ? { value: o, label: o } : { value: o.value, label: o.label ?? o.value };
          return html`<option value=${v} ?selected=${v === value}>${label}</option>`;
        })}
      </select>
    </div>`;
  }

  #comment(): TemplateResult {
    const { invalid } = this.#control('comment');
    return html`<div part="field" class="field wide">
      ${this.#labelFor('comment')}
      <textarea part="input" id="comment" name="comment" rows="3" .value=${live(this.comment)} aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${invalid ? 'status' : nothing} @input=${this.#onInput}></textarea>
    </div>`;
  }

  // The shared call, read-only: the three fields the agent would otherwise have to type (and get wrong).
  #call(call: CallContext): TemplateResult {
    return html`<dl part="call" class="call wide" aria-label="Call">
      ${TEXT.map((f) => html`<div><dt>${this.label(f)}</dt><dd data-field=${f}>${call[f as keyof CallContext] as string}</dd></div>`)}
    </dl>`;
  }

  override render(): TemplateResult {
    const sending = this.status.state === 'sending';
    const call = this.callContext;
    // novalidate: the protocol's check runs on submit and names the field, the browser's bubbles would pre-empt it
    return html`<form part="form" novalidate @submit=${this.#onSubmit} aria-busy=${sending ? 'true' : 'false'}>
      ${call ? this.#call(call) : TEXT.map((f) => this.#text(f))} ${LEVELS.map((f) => this.#level(f))} ${this.#text('d1')} ${this.#text('d2')}
      ${this.#text('schedule', 'datetime-local')} ${this.#comment()}
      <div class="actions">
        <button part="submit" type="submit" ?disabled=${sending}><slot name="submit">Save disposition</slot></button>
        ${this.renderStatus()}
      </div>
    </form>`;
  }
}

if (!customElements.get('ucb-disposition-form')) customElements.define('ucb-disposition-form', UcbDispositionForm);

declare global {
  interface HTMLElementTagNameMap {
    'ucb-disposition-form': UcbDispositionForm;
  }
}
