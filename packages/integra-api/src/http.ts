/**
 * The one place that talks HTTP to `Integra/resources/...`: `POST`, form-encoded UTF-8,
 * `Authorization: Basic <key>`, a timeout on the whole exchange (headers and body), and
 * every failure turned into an {@link IntegraError} whose message and cause hold no secret.
 * Uses only `fetch`, `AbortController` and `URLSearchParams`: runs in Node ≥ 20 and browsers.
 */
import { HttpError, IntegraError, NetworkError, TimeoutError, safeCause } from './errors.js';
import { sessionKey, sessionSignal, type Session } from './session.js';

/** Options of one request. */
export interface IntegraPostOptions {
  /** Milliseconds for the whole exchange. @default the session's `timeoutMs` */
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
 *   (bad path), `HTTP_ERROR` (non-2xx, `status` set), `TIMEOUT`, `NETWORK`, `ABORTED`
 *   (`options.signal` or the login's signal).
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
    timeoutMs: options.timeoutMs ?? session.timeoutMs,
    signals: [options.signal, sessionSignal(session)],
    secrets: [key],
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
  timeoutMs: number;
  signals: readonly (AbortSignal | undefined)[];
  secrets: readonly string[];
}

/** Internal: the request of {@link integraPost}, also used by login (which has no key yet). */
export async function postForm(req: FormRequest): Promise<string> {
  const { path } = req;
  if (typeof path !== 'string' || !PATH_RE.test(path)) {
    throw new IntegraError('INVALID_ARGUMENT', 'path must be a relative Integra path such as Dialers/uploadbase');
  }
  if (!(Number.isFinite(req.timeoutMs) && req.timeoutMs > 0)) {
    throw new IntegraError('INVALID_ARGUMENT', `timeoutMs must be a positive number of milliseconds`, { path });
  }
  const host = new URL(req.baseUrl).host;
  const signals = req.signals.filter((s): s is AbortSignal => s !== undefined);
  if (signals.some((s) => s.aborted)) {
    throw new IntegraError('ABORTED', `${path}: aborted before the request was sent`, { path });
  }

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, req.timeoutMs);
  const onAbort = (): void => controller.abort();
  for (const s of signals) s.addEventListener('abort', onAbort, { once: true });

  // why the exchange stopped, worded for the step it stopped in
  const failure = (error: unknown, step: string): IntegraError => {
    if (timedOut) {
      return new TimeoutError(`${path}: no complete answer from ${host} within ${req.timeoutMs} ms (${step})`, { path });
    }
    if (controller.signal.aborted) return new IntegraError('ABORTED', `${path}: aborted while ${step}`, { path });
    // in a browser a CORS refusal is indistinguishable from a network failure: say so
    const hint = typeof document !== 'undefined' && step === 'sending the request' ? '; in a browser, a CORS refusal looks the same' : '';
    return new NetworkError(`${path}: network failure while ${step} (${host}${hint})`, {
      path,
      cause: safeCause(error, req.secrets),
    });
  };

  const headers: Record<string, string> = { 'Content-Type': FORM_CONTENT_TYPE, Accept: 'application/json, text/plain, */*' };
  if (req.key !== undefined) headers['Authorization'] = `Basic ${req.key}`;
  const body = req.body instanceof Uint8Array ? req.body : new URLSearchParams(req.body).toString();

  try {
    let response: Response;
    try {
      response = await fetch(`${req.baseUrl}/Integra/resources/${path}`, {
        method: 'POST',
        headers,
        body: body as BodyInit,
        signal: controller.signal,
        // a redirect would carry the key or password elsewhere: report it instead of following
        redirect: 'manual',
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      throw failure(error, 'sending the request');
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw failure(error, 'reading the answer');
    }
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      throw new HttpError(`${path}: ${host} answered with a redirect, which is not followed (check baseUrl)`, {
        status: response.status,
        path,
      });
    }
    if (!response.ok) {
      const hint = response.status === 401 || response.status === 403 ? ': the API key was not accepted (session ended or expired)' : '';
      throw new HttpError(`${path}: ${host} answered HTTP ${response.status}${hint}`, { status: response.status, path });
    }
    return text;
  } finally {
    clearTimeout(timer);
    for (const s of signals) s.removeEventListener('abort', onAbort);
  }
}
