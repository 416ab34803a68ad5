/**
 * The one place that talks HTTP to `Integra/resources/...`: `POST`, form-encoded UTF-8,
 * `Authorization: Basic <key>`, a timeout on the whole exchange (headers and body), and
 * every failure turned into an {@link IntegraError} whose message and cause hold no secret and
 * say whether the body was sent. The exchange itself goes through a {@link Transport}
 * (`node:http` in Node, `fetch` in browsers).
 */
import { HttpError, IntegraError, NetworkError, TimeoutError, isIntegraError, safeCause } from './errors.js';
import { checkMilliseconds, startTimer } from './milliseconds.js';
import { sessionKey, sessionResolver, sessionSignal, type Session } from './session.js';
import { defaultTransport, type HostResolver, type Transport, type TransportResponse } from './transport.js';

/** Options of one request. */
export interface IntegraPostOptions {
  /**
   * Milliseconds for the whole exchange: 0 < n ≤ 2,147,483,647, or `Infinity` for no timer.
   * @default the session's `timeoutMs`
   */
  timeoutMs?: number;
  /** Aborts the request: it then rejects with `ABORTED`. */
  signal?: AbortSignal;
}

/** The content type uContact's documentation uses for every Integra call. */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=UTF-8';

const PATH_RE = /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_.-]+)*$/;

/**
 * `POST {baseUrl}/Integra/resources/{path}` with the session's key and resolves with the body
 * text of a 2xx answer. The body is not interpreted: a `0` or `ERROR` body is the caller's to
 * judge (see {@link isRefusal}).
 *
 * @param path relative Integra path such as `'Dialers/uploadbase'` (no leading `/`)
 * @param body form fields, or a `Uint8Array` that already is a form-urlencoded body
 * @throws IntegraError `SESSION_CLOSED` (after logout, before any request), `INVALID_ARGUMENT`
 *   (bad path or timeout), `INSECURE_URL` (plain http whose name resolved to an address that is
 *   not loopback: nothing sent), `HTTP_ERROR` (non-2xx, `status` set), `TIMEOUT`, `NETWORK`,
 *   `ABORTED` (`options.signal` or the login's signal). `TIMEOUT`, `NETWORK` and `ABORTED`
 *   carry `outcomeUnknown: true` when the body had been sent: check before retrying.
 */
export async function integraPost(
  session: Session,
  path: string,
  body: Record<string, string> | Uint8Array,
  options: IntegraPostOptions = {},
): Promise<string> {
  const key = sessionKey(session, path);
  return postForm({
    baseUrl: session.baseUrl,
    path,
    body,
    key,
    timeoutMs: options.timeoutMs === undefined ? session.timeoutMs : checkMilliseconds('integraPost({ timeoutMs })', options.timeoutMs),
    signals: [options.signal, sessionSignal(session)],
    secrets: [key],
    resolveHost: sessionResolver(session),
  });
}

/** True when an Integra body means failure: `0` or `ERROR…` (trimmed, any case). */
export function isRefusal(body: string): boolean {
  const text = body.trim();
  return text === '0' || /^error\b/i.test(text);
}

/** Internal request description; `secrets` are scrubbed from any cause kept on an error. */
export interface FormRequest {
  baseUrl: string;
  path: string;
  body: Record<string, string> | Uint8Array;
  key: string | undefined;
  /** Already checked by {@link checkMilliseconds} where the caller took it; `Infinity`: no timer. */
  timeoutMs: number;
  signals: readonly (AbortSignal | undefined)[];
  secrets: readonly string[];
  /** @default the system resolver */
  resolveHost?: HostResolver | undefined;
  /** @default {@link defaultTransport} */
  transport?: Transport | undefined;
}

const encoder = new TextEncoder();

/**
 * Internal: the request of {@link integraPost}, also used by login (which has no key yet).
 * Every failure says whether the body was sent: `outcomeUnknown` is set when it was (or, with
 * `fetch`, may have been) fully sent and no complete answer came.
 */
export async function postForm(req: FormRequest): Promise<string> {
  const { path } = req;
  if (typeof path !== 'string' || !PATH_RE.test(path)) {
    throw new IntegraError('INVALID_ARGUMENT', 'path must be a relative Integra path such as Dialers/uploadbase');
  }
  checkMilliseconds('timeoutMs', req.timeoutMs);
  const url = new URL(`${req.baseUrl}/Integra/resources/${path}`);
  const host = url.host;
  const signals = req.signals.filter((s): s is AbortSignal => s !== undefined);
  if (signals.some((s) => s.aborted)) {
    throw new IntegraError('ABORTED', `${path}: aborted before the request was sent`, { path });
  }
  const transport = req.transport ?? (await defaultTransport());

  const controller = new AbortController();
  let timedOut = false;
  let bodySent = false;
  let answered = false;
  const stopTimer = startTimer(req.timeoutMs, () => {
    timedOut = true;
    controller.abort();
  });
  const onAbort = (): void => controller.abort();
  for (const s of signals) s.addEventListener('abort', onAbort, { once: true });

  // why the exchange stopped, worded for the step it stopped in and whether the body was sent
  const failure = (error: unknown): IntegraError => {
    if (isIntegraError(error)) return error;
    const maybeSent = bodySent || !transport.knowsBodySent;
    const step = answered ? 'reading the answer' : bodySent ? 'waiting for the answer (the request was sent)' : transport.knowsBodySent ? 'sending the request (it was not fully sent)' : 'sending the request';
    const unknown = maybeSent ? '; the platform may have acted on it: check before retrying' : '';
    const options = { path, outcomeUnknown: maybeSent };
    if (timedOut) return new TimeoutError(`${path}: no complete answer from ${host} within ${req.timeoutMs} ms, while ${step}${unknown}`, options);
    if (controller.signal.aborted) return new IntegraError('ABORTED', `${path}: aborted while ${step}${unknown}`, options);
    // in a browser a CORS refusal is indistinguishable from a network failure: say so
    const hint = typeof document !== 'undefined' && !answered ? '; in a browser, a CORS refusal looks the same' : '';
    return new NetworkError(`${path}: network failure while ${step} (${host}${hint})${unknown}`, { ...options, cause: safeCause(error, req.secrets) });
  };

  const headers: Record<string, string> = { 'Content-Type': FORM_CONTENT_TYPE, Accept: 'application/json, text/plain, */*' };
  if (req.key !== undefined) headers['Authorization'] = `Basic ${req.key}`;
  const body = req.body instanceof Uint8Array ? req.body : encoder.encode(new URLSearchParams(req.body).toString());

  let response: TransportResponse;
  try {
    response = await transport.send(
      {
        url,
        headers,
        body,
        signal: controller.signal,
        loopbackOnly: url.protocol === 'http:',
        resolveHost: req.resolveHost,
        onBodySent: () => (bodySent = true),
      },
      () => (answered = true),
    );
  } catch (error) {
    throw failure(error);
  } finally {
    stopTimer();
    for (const s of signals) s.removeEventListener('abort', onAbort);
  }
  if (response.status >= 300 && response.status < 400) {
    throw new HttpError(`${path}: ${host} answered with a redirect, which is not followed (check baseUrl)`, { status: response.status, path });
  }
  if (response.status < 200 || response.status >= 300) {
    const hint = response.status === 401 || response.status === 403 ? ': the API key was not accepted (session ended or expired)' : '';
    throw new HttpError(`${path}: ${host} answered HTTP ${response.status}${hint}`, { status: response.status, path });
  }
  return response.text;
}
