import { elementUpdated, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { describe, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { BridgeError, type CallContext, type CallDispositionInput } from '@ucbridge/protocol';
import '@ucbridge/iframe-client/elements';
import type { UcbDispositionForm } from '@ucbridge/iframe-client/elements';
import type { CallResult, HostConnection } from '../index.js';

/** A HostConnection whose answers the test decides: each call waits for `answer`. */
function testHost(callContext?: CallContext) {
  const calls: { action: string; disposition?: CallDispositionInput }[] = [];
  let settle: { resolve: (r: CallResult) => void; reject: (e: unknown) => void } | undefined;
  const pending = () => new Promise<CallResult>((resolve, reject) => (settle = { resolve, reject }));
  const host: HostConnection = {
    closeTab: () => (calls.push({ action: 'CLOSE_TAB' }), pending()),
    dispositionCall: (disposition) => (calls.push({ action: 'DISPOSITION_CALL', disposition }), pending()),
    call: (action) => (calls.push({ action }), pending()),
    connected: new Promise(() => {}),
    info: undefined,
    supports: () => true,
    destroy: () => {},
    callContext,
    closeForm: () => pending(),
    tagRecord: () => pending(),
    makeCall: () => pending(),
    notify: () => pending(),
    hangUp: () => pending(),
  };
  return { host, calls, resolve: (r: CallResult) => settle!.resolve(r), reject: (e: unknown) => settle!.reject(e) };
}

const CALL = { campaign: 'Sales<-', callerid: '099123456', guid: '3123-3123-3123-312-3123' };

async function form(host?: HostConnection): Promise<UcbDispositionForm> {
  const el = await fixture<UcbDispositionForm>(
    html`<ucb-disposition-form .host=${host} campaign=${CALL.campaign} callerid=${CALL.callerid} guid=${CALL.guid}></ucb-disposition-form>`,
  );
  return el;
}

const $ = <T extends Element = HTMLInputElement>(el: UcbDispositionForm, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const status = (el: UcbDispositionForm) => $<HTMLElement>(el, '[part="status"]');

function type(el: UcbDispositionForm, name: string, value: string) {
  const input = $(el, `[name="${name}"]`);
  input.value = value;
  input.dispatchEvent(new Event(name.startsWith('l') && input.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true, composed: true }));
}

describe('<ucb-disposition-form>', () => {
  it('labels every field, has an aria-live status and passes an accessibility audit', async () => {
    const el = await form(testHost().host);
    for (const name of ['campaign', 'callerid', 'guid', 'l1', 'l2', 'l3', 'd1', 'd2', 'comment', 'schedule']) {
      const control = $(el, `[name="${name}"]`);
      expect(el.shadowRoot!.querySelector(`label[for="${control.id}"]`), name).to.exist;
    }
    expect(status(el).getAttribute('aria-live')).to.equal('polite');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('sends the typed disposition, shows sending then saved, and fires ucb-sent', async () => {
    const t = testHost();
    const el = await form(t.host);
    type(el, 'l1', 'Sale');
    type(el, 'comment', 'call back\ntomorrow');
    type(el, 'schedule', '2026-12-01T15:30');
    $<HTMLButtonElement>(el, '[part="submit"]').click();
    await elementUpdated(el);
    expect(status(el).dataset.state).to.equal('sending');
    expect($<HTMLButtonElement>(el, '[part="submit"]').disabled).to.equal(true);
    expect(t.calls).to.deep.equal([
      { action: 'DISPOSITION_CALL', disposition: { ...CALL, l1: 'Sale', l2: '', l3: '', d1: '', d2: '', comment: 'call back\ntomorrow', schedule: '2026-12-01 15:30:00' } },
    ]);
    const sent = oneEvent(el, 'ucb-sent');
    t.resolve({ confirmed: true, result: 'ok' });
    const event = await sent;
    expect(event.detail).to.deep.equal({ action: 'DISPOSITION_CALL', result: { confirmed: true, result: 'ok' } });
    await elementUpdated(el);
    expect(status(el).dataset.state).to.equal('done');
    expect(status(el).textContent).to.contain('Disposition saved');
  });

  it('marks l1 invalid, names it, focuses it and sends nothing when it is empty (INVALID_ARGUMENT)', async () => {
    const t = testHost();
    const el = await form(t.host);
    const failed = oneEvent(el, 'ucb-error');
    $<HTMLButtonElement>(el, '[part="submit"]').click();
    const event = await failed;
    expect(event.detail.status).to.include({ state: 'invalid', code: 'INVALID_ARGUMENT', field: 'l1' });
    await elementUpdated(el);
    await el.updateComplete;
    expect(t.calls).to.have.length(0);
    expect(status(el).textContent).to.contain('Level 1 is required');
    expect($(el, '[name="l1"]').getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[name="l1"]'));
  });

  it('refuses a schedule that is not a real date and focuses the schedule field', async () => {
    const t = testHost();
    const el = await form(t.host);
    type(el, 'l1', 'Sale');
    el.schedule = '2026-02-30 10:00:00';
    await el.submit();
    expect(status(el).dataset.state).to.equal('invalid');
    expect(el.status.field).to.equal('schedule');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[name="schedule"]'));
    expect(t.calls).to.have.length(0);
  });

  it('shows the field the client names when the call rejects with INVALID_ARGUMENT', async () => {
    const t = testHost();
    const el = await form(t.host);
    type(el, 'l1', 'Sale');
    const done = el.submit();
    t.reject(new BridgeError('INVALID_ARGUMENT', 'disposition.d1 is longer than 1024 characters', 'disposition.d1'));
    await done;
    expect(el.status).to.include({ state: 'invalid', field: 'd1' });
    expect(status(el).textContent).to.contain('Data 1 is longer than 1024 characters');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[name="d1"]'));
  });

  it('shows "Not saved" with the reason for PLATFORM_ERROR and fires ucb-error with the error', async () => {
    const t = testHost();
    const el = await form(t.host);
    type(el, 'l1', 'Sale');
    const failed = oneEvent(el, 'ucb-error');
    const done = el.submit();
    const error = new BridgeError('PLATFORM_ERROR', 'ucbridge: UC_DispositionCall failed: the campaign is closed');
    t.reject(error);
    const event = await failed;
    await done;
    expect(event.detail.error).to.equal(error);
    expect(status(el).dataset.state).to.equal('not-done');
    expect(status(el).textContent).to.equal('Not saved: UC_DispositionCall failed: the campaign is closed');
  });

  it('shows "Not saved" for a refused page (ORIGIN_NOT_ALLOWED) and when it has no connection at all', async () => {
    const t = testHost();
    const el = await form(t.host);
    type(el, 'l1', 'Sale');
    const done = el.submit();
    t.reject(new BridgeError('ORIGIN_NOT_ALLOWED', "ucbridge ORIGIN_NOT_ALLOWED: the form at https://acme.example does not list this page's origin"));
    await done;
    expect(status(el).dataset.state).to.equal('not-done');
    expect(status(el).textContent).to.contain('Not saved: the form at https://acme.example does not list');

    const alone = await form();
    alone.l1 = 'Sale';
    await alone.submit();
    expect(alone.status.state).to.equal('not-done');
    expect(status(alone).textContent).to.contain('no console found');
  });

  for (const [code, what] of [
    ['PLATFORM_TIMEOUT', 'the platform did not answer in time'],
    ['TIMEOUT', 'no answer in 15000 ms'],
    ['CONNECTION_LOST', 'the form went away'],
  ] as const) {
    it(`shows "Outcome unknown … check before retrying" for ${code}, never "refused" or "no console"`, async () => {
      const t = testHost();
      const el = await form(t.host);
      type(el, 'l1', 'Sale');
      const done = el.submit();
      t.reject(new BridgeError(code, `ucbridge ${code}: ${what}`, undefined, 'unknown'));
      await done;
      expect(status(el).dataset.state).to.equal('unknown');
      expect(status(el).textContent).to.equal(`Outcome unknown: ${what}. Check before retrying.`);
    });
  }

  it('never says "saved" when the console has only the documented listener: outcome unknown', async () => {
    const t = testHost();
    const el = await form(t.host);
    type(el, 'l1', 'Sale');
    const done = el.submit();
    t.resolve({ confirmed: false });
    await done;
    expect(status(el).dataset.state).to.equal('unknown');
    expect(status(el).textContent).not.to.match(/saved/i);
  });

  it('renders level options as a select and sends the chosen value', async () => {
    const t = testHost();
    const el = await form(t.host);
    el.l1Options = ['Sale', { value: 'NoSale', label: 'No sale' }];
    await elementUpdated(el);
    const select = $<HTMLSelectElement>(el, 'select[name="l1"]');
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(['—', 'Sale', 'No sale']);
    select.value = 'NoSale';
    select.dispatchEvent(new Event('change'));
    const done = el.submit();
    t.resolve({ confirmed: true });
    await done;
    expect(t.calls[0]!.disposition!.l1).to.equal('NoSale');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('is themeable through parts and custom properties', async () => {
    const el = await form(testHost().host);
    for (const part of ['form', 'field', 'label', 'input', 'submit', 'status']) expect(el.shadowRoot!.querySelector(`[part~="${part}"]`), part).to.exist;
    el.style.setProperty('--ucb-accent', 'rgb(1, 2, 3)');
    expect(getComputedStyle($(el, '[part="submit"]')).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('connects by itself from the host-origin attribute and settles unconfirmed when no bridge answers', async () => {
    // The test page's parent is the test runner, which has no bridge: the handshake times out and
    // the call goes the documented way, so it resolves { confirmed: false } instead of hanging.
    const el = await fixture<UcbDispositionForm>(
      html`<ucb-disposition-form host-origin=${location.origin} campaign="c" callerid="1" guid="g" l1="Sale"></ucb-disposition-form>`,
    );
    expect(el.connection).to.exist;
    await el.submit();
    expect(el.status.state).to.equal('unknown');
  });

  it('submits from the keyboard: typing level 1 and pressing Enter sends the disposition', async () => {
    const t = testHost();
    const el = await form(t.host);
    await userEvent.click($(el, '[name="l1"]'));
    await userEvent.keyboard('Sale{Enter}');
    await elementUpdated(el);
    expect(t.calls).to.have.length(1);
    expect(t.calls[0]!.disposition!.l1).to.equal('Sale');
    expect(status(el).dataset.state).to.equal('sending');
  });

  it('stays accessible in the invalid state and speaks the translated label', async () => {
    const el = await form(testHost().host);
    el.labels = { l1: 'Resultado' };
    await el.submit();
    expect(el.shadowRoot!.querySelector('label[for="l1"]')!.textContent).to.equal('Resultado');
    expect(status(el).textContent).to.contain('Resultado is required');
    expect($(el, '[name="l1"]').getAttribute('aria-describedby')).to.equal('status');
    await expect(el).shadowDom.to.be.accessible();
  });

  describe('with the call the form shares', () => {
    const SHARED: CallContext = { guid: '824da669-0001', campaign: 'SalienteTest->', callerid: '17410632', vars: {} };

    it('shows the call read-only and asks only for the levels, data, comment and call-back', async () => {
      const el = await form(testHost(SHARED).host);
      const call = $<HTMLElement>(el, '[part="call"]');
      expect([...call.querySelectorAll('dd')].map((dd) => [dd.dataset.field, dd.textContent])).to.deep.equal([
        ['campaign', 'SalienteTest->'],
        ['callerid', '17410632'],
        ['guid', '824da669-0001'],
      ]);
      expect(call.textContent).to.contain('Call ID');
      for (const name of ['campaign', 'callerid', 'guid']) expect(el.shadowRoot!.querySelector(`[name="${name}"]`), name).to.equal(null);
      for (const name of ['l1', 'l2', 'l3', 'd1', 'd2', 'comment', 'schedule']) expect(el.shadowRoot!.querySelector(`[name="${name}"]`), name).to.exist;
      await expect(el).shadowDom.to.be.accessible();
    });

    it('disposes the call it shows, whatever the attributes say', async () => {
      const t = testHost(SHARED);
      const el = await form(t.host);
      type(el, 'l1', 'Venta');
      const done = el.submit();
      t.resolve({ confirmed: true });
      await done;
      expect(t.calls[0]!.disposition).to.deep.equal({ campaign: 'SalienteTest->', callerid: '17410632', guid: '824da669-0001', l1: 'Venta', l2: '', l3: '', d1: '', d2: '', comment: '', schedule: '' });
      expect(status(el).dataset.state).to.equal('done');
    });

    it('shows WRONG_CALL (the form moved to another call) as not done', async () => {
      const t = testHost(SHARED);
      const el = await form(t.host);
      type(el, 'l1', 'Venta');
      const done = el.submit();
      t.reject(new BridgeError('WRONG_CALL', "ucbridge: disposition.guid is not the form's current call", 'disposition.guid'));
      await done;
      expect(el.status).to.include({ state: 'not-done', code: 'WRONG_CALL' });
    });

    it('asks for the call again when the connection has none', async () => {
      const host = testHost(SHARED).host as { callContext: CallContext | undefined };
      const el = await form(host as never);
      host.callContext = undefined;
      el.requestUpdate();
      await elementUpdated(el);
      expect(el.shadowRoot!.querySelector('[part="call"]')).to.equal(null);
      expect($(el, '[name="guid"]').value).to.equal(CALL.guid);
    });
  });
});
