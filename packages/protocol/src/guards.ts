import { invalid, isPlainObject, type Checked } from './checked.js';
import { checkDisposition } from './disposition.js';
import type { Hello, LegacyMessage, Request } from './types.js';

/** Action names: what the two built-ins look like, and what a form may call its own. */
const ACTION = /^[A-Za-z][\w.-]{0,63}$/;
const ID = /^[\w-]{1,64}$/;

/**
 * True when `data` claims to be a ucbridge message (`ucbridge: 1`). Cheap, so foreign traffic
 * on a busy window (other widgets, browser extensions) is skipped before any real check.
 */
export function isBridgeMessage(data: unknown): data is { ucbridge: 1 } {
  return typeof data === 'object' && data !== null && (data as { ucbridge?: unknown }).ucbridge === 1;
}

/** The most requests one HELLO may carry: a page's first calls, not a batch channel. */
export const MAX_HELLO_REQUESTS = 16;

/**
 * Checks a `HELLO`: an id, the list of versions the client speaks and, when it carries the page's
 * first calls, a short list of them and the time they expire. Each request is checked on its own
 * where it is run (checkRequest), as one arriving on the port is.
 */
export function checkHello(data: unknown): Checked<Hello> {
  if (!isPlainObject(data) || data.type !== 'HELLO') return invalid('type', 'is not HELLO');
  if (typeof data.id !== 'string' || !ID.test(data.id)) return invalid('id', 'must be 1-64 letters, digits, _ or -');
  const { versions, requests, expires, handshake } = data;
  // Array.from: `every` skips the holes of a sparse array (structured clone keeps them)
  if (!Array.isArray(versions) || versions.length > 16 || !Array.from(versions).every(Number.isInteger)) {
    return invalid('versions', 'must be a short list of integers');
  }
  if (handshake !== undefined && (typeof handshake !== 'string' || !ID.test(handshake))) return invalid('handshake', 'must be 1-64 letters, digits, _ or -');
  const hello: Hello = { ucbridge: 1, type: 'HELLO', id: data.id, versions: [...versions], handshake: handshake ?? data.id };
  if (requests === undefined) return { ok: true, value: hello };
  if (!Array.isArray(requests) || requests.length > MAX_HELLO_REQUESTS) return invalid('requests', `must be a list of at most ${MAX_HELLO_REQUESTS} requests`);
  if (typeof expires !== 'number' || Number.isNaN(expires)) return invalid('expires', 'must be a time in ms since the epoch');
  return { ok: true, value: { ...hello, requests: Array.from(requests), expires } };
}

/**
 * Checks a v1 request from the port. The disposition of `DISPOSITION_CALL` is checked field by
 * field; `params` of other actions is passed to the form's own handler as is (it is plain
 * structured-clone data, which cannot carry functions or prototypes).
 */
export function checkRequest(data: unknown): Checked<Request> {
  if (!isPlainObject(data)) return invalid('request', 'must be an object');
  if (typeof data.id !== 'string' || !ID.test(data.id)) return invalid('id', 'must be 1-64 letters, digits, _ or -');
  if (typeof data.action !== 'string' || !ACTION.test(data.action)) return invalid('action', 'must be an action name');
  const request: Request = { ucbridge: 1, id: data.id, action: data.action };
  if (data.action === 'DISPOSITION_CALL') {
    const disposition = checkDisposition(data.disposition);
    if (!disposition.ok) return disposition;
    request.disposition = disposition.value;
  } else if ('params' in data) {
    request.params = data.params;
  }
  return { ok: true, value: request };
}

/**
 * Checks a message of the platform's documented shape: `{ action: 'CLOSE_TAB' }` or
 * `{ action: 'DISPOSITION_CALL', disposition }`. Other keys are ignored, as the documented
 * listener ignores them. Returns `undefined` when `data` has no `action` at all (not meant for us).
 */
export function checkLegacy(data: unknown): Checked<LegacyMessage> | undefined {
  if (!isPlainObject(data) || !Object.hasOwn(data, 'action')) return undefined;
  if (data.action === 'CLOSE_TAB') return { ok: true, value: { action: 'CLOSE_TAB' } };
  if (data.action !== 'DISPOSITION_CALL') {
    // never String() a foreign value: `{ toString: 'x' }` survives structured clone and makes it throw
    const name = typeof data.action === 'string' ? JSON.stringify(data.action.slice(0, 40)) : `of type ${typeof data.action}`;
    return invalid('action', `is not a legacy action: ${name}`);
  }
  const disposition = checkDisposition(data.disposition);
  return disposition.ok ? { ok: true, value: { action: 'DISPOSITION_CALL', disposition: disposition.value } } : disposition;
}
