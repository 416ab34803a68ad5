/**
 * The error family of `@ucbridge/integra-api`: one base class with a stable `code`,
 * and role subclasses (ky's pattern) so callers can branch on either.
 *
 * Secrets rule: no message, property, stack or cause of these errors may contain the
 * password or the API key. Messages are built here from non-secret parts only (user name,
 * relative path, status, host); causes from the platform or `fetch` are copied through
 * {@link safeCause}, which keeps name/message/code only.
 */

/** Every code an {@link IntegraError} can carry. Codes are API; messages are not. */
export const INTEGRA_ERROR_CODES = [
  'LOGIN_REFUSED',
  'HTTP_ERROR',
  'BAD_RESPONSE',
  'TIMEOUT',
  'NETWORK',
  'INSECURE_URL',
  'ABORTED',
  'SESSION_CLOSED',
  'LOGOUT_FAILED',
  'INVALID_ARGUMENT',
  'INVALID_CONTACTS',
  'UPLOAD_REFUSED',
] as const;

/** A stable, documented reason for an {@link IntegraError}. */
export type IntegraErrorCode = (typeof INTEGRA_ERROR_CODES)[number];

/**
 * The one message format of every ucbridge package: `ucbridge CODE: detail` (the code first, so a
 * log can be searched by it). Every {@link IntegraError} and the CLI's lines are written with it.
 */
export function formatMessage(code: string, detail: string): string {
  return `ucbridge ${code}: ${detail}`;
}

/** Extra facts an {@link IntegraError} may carry. None of them may hold a secret. */
export interface IntegraErrorOptions {
  /** HTTP status of the answer, when there was one. */
  status?: number;
  /** The Integra path relative to `Integra/resources/`, e.g. `'auth/UserLogin'`. Never a URL. */
  path?: string;
  /** What went wrong underneath (already stripped of secrets by the thrower). */
  cause?: unknown;
}

/** Names of the classes below; {@link isIntegraError} accepts them across realms. */
const ERROR_NAMES = new Set(['IntegraError', 'HttpError', 'TimeoutError', 'NetworkError', 'LoginRefusedError', 'InvalidContactsError', 'UploadBaseError']);
const CODES: ReadonlySet<string> = new Set(INTEGRA_ERROR_CODES);

/**
 * The one error class of the package: `code` says what happened (stable), `message` says it
 * for humans, `status` and `path` locate it. Thrown by every function of the package.
 */
export class IntegraError extends Error {
  /** What happened; see the README's table of codes. */
  readonly code: IntegraErrorCode;
  /** HTTP status, when the platform answered. */
  readonly status?: number;
  /** Relative Integra path of the failed call (`'Dialers/uploadbase'`), when there was one. */
  readonly path?: string;

  /** `message` is the detail: the error's `message` reads `ucbridge CODE: message`. */
  constructor(code: IntegraErrorCode, message: string, options: IntegraErrorOptions = {}) {
    super(formatMessage(code, message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'IntegraError';
    this.code = code;
    if (options.status !== undefined) this.status = options.status;
    if (options.path !== undefined) this.path = options.path;
  }

  /** Plain data for logs and `postMessage`: `{ name, code, message, status?, path? }`. */
  toJSON(): { name: string; code: IntegraErrorCode; message: string; status?: number; path?: string } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.path === undefined ? {} : { path: this.path }),
    };
  }
}

/** The platform answered with a non-2xx status. `code` is `HTTP_ERROR`; `status` is set. */
export class HttpError extends IntegraError {
  declare readonly status: number;
  constructor(message: string, options: IntegraErrorOptions & { status: number }) {
    super('HTTP_ERROR', message, options);
    this.name = 'HttpError';
  }
}

/** No complete answer within the timeout. `code` is `TIMEOUT`. */
export class TimeoutError extends IntegraError {
  constructor(message: string, options: IntegraErrorOptions = {}) {
    super('TIMEOUT', message, options);
    this.name = 'TimeoutError';
  }
}

/** The request or its answer was lost: refused, reset, dropped, DNS. `code` is `NETWORK`. */
export class NetworkError extends IntegraError {
  constructor(message: string, options: IntegraErrorOptions = {}) {
    super('NETWORK', message, options);
    this.name = 'NetworkError';
  }
}

/** `auth/UserLogin` answered `0`/`ERROR`: wrong user or password. `code` is `LOGIN_REFUSED`. */
export class LoginRefusedError extends IntegraError {
  constructor(message: string, options: IntegraErrorOptions = {}) {
    super('LOGIN_REFUSED', message, options);
    this.name = 'LoginRefusedError';
  }
}

/**
 * True for any {@link IntegraError}, including one from another realm (an iframe, a second copy
 * of the package), where `instanceof` fails: then it checks `name` and `code` instead.
 */
export function isIntegraError(e: unknown): e is IntegraError {
  if (e instanceof IntegraError) return true;
  if (typeof e !== 'object' || e === null) return false;
  const { name, code } = e as { name?: unknown; code?: unknown };
  return typeof name === 'string' && ERROR_NAMES.has(name) && typeof code === 'string' && CODES.has(code);
}

/**
 * A copy of an underlying error that is safe to keep as `cause`: name, message and a string
 * `code` (e.g. `ECONNREFUSED`), two levels deep, with every given secret replaced by `***`.
 * `fetch` errors carry no request data today; this keeps that true whatever the runtime does.
 */
export function safeCause(error: unknown, secrets: readonly string[], depth = 2): Error | undefined {
  if (error === undefined || error === null) return undefined;
  const scrub = (text: string): string =>
    secrets.reduce((t, s) => (s.length > 0 ? t.split(s).join('***') : t), text);
  const source = error as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
  const message = typeof source.message === 'string' ? source.message : String(error);
  const inner = depth > 0 ? safeCause(source.cause, secrets, depth - 1) : undefined;
  const copy = new Error(scrub(message), inner === undefined ? undefined : { cause: inner });
  copy.name = typeof source.name === 'string' ? scrub(source.name) : 'Error';
  if (typeof source.code === 'string') Object.assign(copy, { code: scrub(source.code) });
  // the copy's stack points here, not into the secret-bearing frames of the original
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}
