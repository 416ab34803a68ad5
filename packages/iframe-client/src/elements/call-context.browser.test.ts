import { afterEach, describe, expect, it } from 'vitest';
import type { CallContext } from '@ucbridge/protocol';
import type { UcbDispositionForm } from './disposition-form.js';

/**
 * An element that made its own connection from `host-origin` (the page's shared one) shows the call the
 * form shares and renders again when the form changes calls. This test page plays the form by hand: it
 * answers the element's HELLO with a WELCOME that carries the call and a port, then sends CALL_CONTEXT on it.
 */
const ORIGIN = location.origin;
const FIRST: CallContext = { guid: '824da669-0001', campaign: 'SalienteTest->', callerid: '17410632', vars: {} };
const NEXT: CallContext = { guid: '824da669-0002', campaign: 'SalienteTest->', callerid: '29000000', vars: {} };
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

/** Polls until `read` gives `expected` (frames talk in later tasks). */
async function until<T>(read: () => T, expected: T): Promise<void> {
  for (let i = 0; i < 200 && JSON.stringify(read()) !== JSON.stringify(expected); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(read()).toEqual(expected);
}

describe('<ucb-disposition-form host-origin> and the form\'s call', () => {
  it('shows the call from the WELCOME, then the next one from CALL_CONTEXT, without the page doing anything', async () => {
    const channel = new MessageChannel();
    cleanups.push(() => channel.port1.close());
    const onHello = (event: MessageEvent) => {
      if (event.data?.type !== 'HELLO') return;
      removeEventListener('message', onHello);
      (event.source as Window).postMessage({ ucbridge: 1, type: 'WELCOME', replyTo: event.data.id, version: 1, actions: ['CLOSE_TAB', 'DISPOSITION_CALL'], callContext: FIRST }, ORIGIN, [channel.port2]);
    };
    addEventListener('message', onHello);
    cleanups.push(() => removeEventListener('message', onHello));

    const iframe = document.createElement('iframe');
    const elements = new URL('./index.ts', import.meta.url).href;
    iframe.srcdoc = `<script type="module">import ${JSON.stringify(elements)}; document.body.innerHTML = '<ucb-disposition-form host-origin="${ORIGIN}"></ucb-disposition-form>';</script>`;
    document.body.append(iframe);
    cleanups.push(() => iframe.remove());

    const shown = () => {
      const form = iframe.contentDocument?.querySelector('ucb-disposition-form') as UcbDispositionForm | null;
      return [...(form?.shadowRoot?.querySelectorAll('[part="call"] dd') ?? [])].map((dd) => dd.textContent);
    };
    await until(shown, ['SalienteTest->', '17410632', '824da669-0001']);
    channel.port1.postMessage({ ucbridge: 1, type: 'CALL_CONTEXT', callContext: NEXT });
    await until(shown, ['SalienteTest->', '29000000', '824da669-0002']);
    channel.port1.postMessage({ ucbridge: 1, type: 'CALL_CONTEXT', callContext: undefined });
    await until(shown, []);
    const form = iframe.contentDocument!.querySelector('ucb-disposition-form') as UcbDispositionForm;
    expect(form.shadowRoot!.querySelector('[name="guid"]')).not.toBeNull();
  });
});
