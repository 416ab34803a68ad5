/**
 * The script-tag build exactly as shipped: this imports the bytes of dist/iframe-client.iife.js, so
 * the package must be built first (`npm test` builds before testing; alone:
 * `pnpm --filter @ucbridge/iframe-client build`). A classic <script> in the iframe loads them.
 */
import iifeSource from '../dist/iframe-client.iife.js?raw';
import { afterEach, describe, expect, it } from 'vitest';
import { ORIGIN, cleanup, connect, delivered, disposition, documentedListener, fakeHost, frame, rejection } from './browser-helpers.test-helper.js';

const iifeUrl = URL.createObjectURL(new Blob([iifeSource], { type: 'text/javascript' }));
afterEach(cleanup);

describe('dist/iframe-client.iife.js', () => {
  it('defines window.UCBridgeClient with connectToHost, connectionTo, BridgeError, isBridgeError and isOutcomeUnknown', async () => {
    const { client } = await frame(iifeUrl);
    expect(Object.keys(client).sort()).toEqual(['BridgeError', 'connectToHost', 'connectionTo', 'isBridgeError', 'isOutcomeUnknown']);
    expect(client.isBridgeError(new client.BridgeError('TIMEOUT', 'x'))).toBe(true);
  });

  it('connects to a ucbridge host and closeTab / dispositionCall are confirmed', async () => {
    const { win, host } = await connect({}, iifeUrl);
    const bridge = fakeHost(win);
    await expect(host.connected).resolves.toEqual({ version: 1, actions: ['CLOSE_TAB', 'DISPOSITION_CALL'], origin: ORIGIN, platformTimeoutMs: 0 });
    await expect(host.closeTab()).resolves.toEqual({ confirmed: true, result: 'CLOSE_TAB' });
    await expect(host.dispositionCall(disposition)).resolves.toEqual({ confirmed: true, result: 'DISPOSITION_CALL' });
    expect(bridge.requests.map((r) => r.action)).toEqual(['CLOSE_TAB', 'DISPOSITION_CALL']);
  });

  it('falls back to the documented shape for a legacy-only form: UC_DispositionCall runs once', async () => {
    const platform = documentedListener();
    const { host } = await connect({ handshakeTimeoutMs: 150 }, iifeUrl);
    await expect(host.dispositionCall(disposition)).resolves.toEqual({ confirmed: false });
    await delivered(window);
    expect(platform.UC_DispositionCall).toHaveBeenCalledTimes(1);
  });

  it('validates before sending: INVALID_ARGUMENT naming the field', async () => {
    const { host } = await connect({ handshakeTimeoutMs: 150 }, iifeUrl);
    expect(await rejection(host.dispositionCall({ ...disposition, schedule: 'tomorrow' }))).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'disposition.schedule' });
  });
});
