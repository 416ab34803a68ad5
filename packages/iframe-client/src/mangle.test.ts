import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRIVATE_NAME } from '../vite.mangle.js';

// The script-tag build shortens private property names (ending in `_`, see vite.mangle.ts). Public API
// and wire field names must come through whole: a page and a form built at different times must agree.
const built = () => readFileSync(join(import.meta.dirname, '..', 'dist', 'iframe-client.iife.js'), 'utf8');

const WIRE = ['ucbridge', 'type', 'HELLO', 'WELCOME', 'REFUSED', 'BYE', 'replyTo', 'versions', 'version', 'actions', 'platformTimeoutMs', 'action', 'disposition', 'params', 'ok', 'result', 'error', 'code', 'outcome'];
const API = ['UCBridgeClient', 'connectToHost', 'connectionTo', 'isOutcomeUnknown', 'closeTab', 'dispositionCall', 'call', 'connected', 'info', 'supports', 'destroy', 'confirmed', 'hostOrigin', 'timeoutMs', 'handshakeTimeoutMs', 'requireConfirmation', 'onConnect', 'onDisconnect', 'dangerouslyAllowAnySubdomain', 'dangerouslyAllowAnyHostOrigin'];

describe('dist/iframe-client.iife.js: private names shortened, public and wire names whole', () => {
  it('keeps every wire field and public name', () => {
    const code = built();
    for (const name of [...WIRE, ...API]) expect(code, name).toMatch(new RegExp(`\\b${name}\\b`));
  });

  it('has no private name left (they were shortened), and no public or wire name matches the private convention', () => {
    const code = built();
    expect(code).not.toMatch(/\b(request|documented|timeoutMs|deadline|sent|settle)_\b/);
    for (const name of [...WIRE, ...API]) expect(PRIVATE_NAME.test(name), name).toBe(false);
  });
});
