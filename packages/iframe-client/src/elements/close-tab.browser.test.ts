import { elementUpdated, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { describe, it } from 'vitest';
import { BridgeError } from '@ucbridge/protocol';
import '@ucbridge/iframe-client/elements';
import type { UcbCloseTab } from '@ucbridge/iframe-client/elements';
import type { CallResult, HostConnection } from '../index.js';

function testHost() {
  let calls = 0;
  let settle: { resolve: (r: CallResult) => void; reject: (e: unknown) => void } | undefined;
  const host = {
    closeTab: () => (calls++, new Promise<CallResult>((resolve, reject) => (settle = { resolve, reject }))),
    destroy: () => {},
  } as unknown as HostConnection;
  return { host, calls: () => calls, resolve: (r: CallResult) => settle!.resolve(r), reject: (e: unknown) => settle!.reject(e) };
}

const button = (el: UcbCloseTab) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!;
const status = (el: UcbCloseTab) => el.shadowRoot!.querySelector<HTMLElement>('[part="status"]')!;

describe('<ucb-close-tab>', () => {
  it('is a labelled button with an aria-live status and passes an accessibility audit', async () => {
    const el = await fixture<UcbCloseTab>(html`<ucb-close-tab .host=${testHost().host}></ucb-close-tab>`);
    expect(button(el).querySelector('slot')!.textContent).to.equal('Close tab');
    expect(status(el).getAttribute('aria-live')).to.equal('polite');
    await expect(el).shadowDom.to.be.accessible();
    await expect(el).to.be.accessible();
  });

  it('calls closeTab once on click, shows sending, then fires ucb-sent', async () => {
    const t = testHost();
    const el = await fixture<UcbCloseTab>(html`<ucb-close-tab .host=${t.host}>Done</ucb-close-tab>`);
    button(el).click();
    button(el).click(); // a second click while sending sends nothing
    await elementUpdated(el);
    expect(t.calls()).to.equal(1);
    expect(status(el).dataset.state).to.equal('sending');
    const sent = oneEvent(el, 'ucb-sent');
    t.resolve({ confirmed: true });
    expect((await sent).detail).to.deep.equal({ action: 'CLOSE_TAB', result: { confirmed: true } });
    await elementUpdated(el);
    expect(status(el).textContent).to.contain('Tab closed');
  });

  it('shows "Not closed" with the reason for PLATFORM_MISSING and fires ucb-error', async () => {
    const t = testHost();
    const el = await fixture<UcbCloseTab>(html`<ucb-close-tab .host=${t.host}></ucb-close-tab>`);
    const failed = oneEvent(el, 'ucb-error');
    const done = el.close();
    t.reject(new BridgeError('PLATFORM_MISSING', 'parent.closeActiveTab is not a function'));
    expect((await failed).detail.status).to.include({ state: 'not-done', code: 'PLATFORM_MISSING' });
    await done;
    expect(status(el).textContent).to.equal('Not closed: parent.closeActiveTab is not a function');
  });

  it('shows "Not closed" without a host, and "Outcome unknown" for CONNECTION_LOST', async () => {
    const alone = await fixture<UcbCloseTab>(html`<ucb-close-tab></ucb-close-tab>`);
    await alone.close();
    expect(alone.status.state).to.equal('not-done');

    const t = testHost();
    const el = await fixture<UcbCloseTab>(html`<ucb-close-tab .host=${t.host}></ucb-close-tab>`);
    const done = el.close();
    t.reject(new BridgeError('CONNECTION_LOST', 'the form went away', undefined, 'unknown'));
    await done;
    expect(status(el).dataset.state).to.equal('unknown');
  });

  it('shares one connection with the other elements of the page that name the same host-origin, until the last leaves', async () => {
    // two connections from one frame would keep taking the bridge's port from each other
    const box = await fixture<HTMLDivElement>(html`<div>
      <ucb-close-tab host-origin=${location.origin}></ucb-close-tab>
      <ucb-disposition-form host-origin=${location.origin}></ucb-disposition-form>
    </div>`);
    const [tab, form] = [box.querySelector('ucb-close-tab')!, box.querySelector('ucb-disposition-form')!];
    const connection = tab.connection!;
    expect(connection).to.exist;
    expect(form.connection).to.equal(connection);
    const code = () => connection.call('PING', undefined, { timeoutMs: 50 }).catch((error: BridgeError) => error.code);
    tab.remove();
    expect(form.connection).to.equal(connection);
    expect(await code()).to.equal('TIMEOUT'); // still open: no bridge here answers, but nothing destroyed it
    form.remove();
    expect(await code()).to.equal('DESTROYED');
  });

  it('destroys the connection it made from host-origin when it leaves the page', async () => {
    const el = await fixture<UcbCloseTab>(html`<ucb-close-tab host-origin=${location.origin}></ucb-close-tab>`);
    const connection = el.connection!;
    expect(connection).to.exist;
    el.remove();
    expect(el.connection).to.equal(undefined);
    await connection.closeTab().then(
      () => expect.fail('a destroyed connection must not send'),
      (error: BridgeError) => expect(error.code).to.equal('DESTROYED'),
    );
  });
});
