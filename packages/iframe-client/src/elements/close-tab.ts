import { css, html, type TemplateResult } from 'lit';
import { UcbElement } from './base.js';
import { sharedStyles } from './styles.js';

/**
 * `<ucb-close-tab>`: a button that asks the console to close the form's tab (`host.closeTab()`),
 * with the same visible states as the form — sending; closed; not closed (with the reason); outcome unknown.
 *
 * Attributes / properties: `host-origin` (or the `host` property: a `HostConnection`).
 * Events: `ucb-sent` and `ucb-error`, both bubbling and composed. Parts: `button`, `status`.
 * Default slot: the button's text (default "Close tab").
 */
export class UcbCloseTab extends UcbElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: inline-block;
      }
    `,
  ];

  /** Asks the console to close the tab, as a click does. Resolves when the state is final; never rejects. */
  async close(): Promise<void> {
    if (this.status.state === 'sending') return;
    await this.run('CLOSE_TAB', { done: 'Tab closed', notDone: 'Not closed' }, (host) => host.closeTab());
  }

  override render(): TemplateResult {
    const sending = this.status.state === 'sending';
    return html`<button part="button" type="button" ?disabled=${sending} aria-describedby="status" @click=${() => void this.close()}>
        <slot>Close tab</slot>
      </button>
      ${this.renderStatus()}`;
  }
}

if (!customElements.get('ucb-close-tab')) customElements.define('ucb-close-tab', UcbCloseTab);

declare global {
  interface HTMLElementTagNameMap {
    'ucb-close-tab': UcbCloseTab;
  }
}
