/**
 * The wire protocol: types only, no code. Both sides import these; the runtime checks live
 * beside them in `guards.ts`, `disposition.ts` and `origin.ts`.
 *
 * Two families of messages travel between the CRM iframe and the uContact form:
 * - legacy: the platform's documented snippet, `{ action, disposition }` posted on the window;
 * - ucbridge v1: every message carries `ucbridge: 1`. A `HELLO` on the window starts a
 *   handshake; the form answers `WELCOME` with a private `MessagePort`, and every request and
 *   reply after that travels on the port only.
 */

import type { CallContext, CallContextMessage } from './call-context.js';

/** Version of the conversation this package speaks; `HELLO` lists the versions a client speaks. */
export type ProtocolVersion = 1;

/** The ten fields `UC_DispositionCall` takes before its two callbacks, in the platform's order. */
export interface Disposition {
  campaign: string;
  callerid: string;
  guid: string;
  l1: string;
  l2: string;
  l3: string;
  d1: string;
  d2: string;
  comment: string;
  /** `YYYY-MM-DD HH:MM:SS` (the agent's local time) to call back, or `''` for none. */
  schedule: string;
}

export type DispositionField = keyof Disposition;

/** What a caller may pass: the optional fields default to `''`; `schedule` may be a `Date`. */
export interface DispositionInput {
  campaign: string;
  callerid: string;
  guid: string;
  l1: string;
  l2?: string;
  l3?: string;
  d1?: string;
  d2?: string;
  comment?: string;
  schedule?: string | Date;
}

/** The two actions every host offers; a form may offer more under its own names. */
export type BuiltInAction = 'CLOSE_TAB' | 'DISPOSITION_CALL';

// ---- legacy family (the platform's documented snippet) -------------------------------------

export interface LegacyCloseTab {
  action: 'CLOSE_TAB';
}

export interface LegacyDispositionCall {
  action: 'DISPOSITION_CALL';
  disposition: Disposition;
}

export type LegacyMessage = LegacyCloseTab | LegacyDispositionCall;

// ---- ucbridge v1 family --------------------------------------------------------------------

/** Client → window of the form. Carries no `action`, so a documented listener ignores it. */
export interface Hello {
  ucbridge: 1;
  type: 'HELLO';
  /** Random id, new for every HELLO; the answer names it in `replyTo`. */
  id: string;
  /**
   * The id of this handshake's first HELLO, repeated by each retry (issue 15): a form that welcomed one
   * HELLO of a handshake ignores its later retries (its WELCOME, and the calls it took, stand), and the
   * client takes a WELCOME that names its handshake whichever retry it answers. Absent (a client before
   * 0.3): the HELLO is a handshake of its own.
   */
  handshake?: string | undefined;
  /** Every protocol version the client speaks. */
  versions: number[];
  /**
   * The calls the page made before its handshake's first HELLO went out (issue 15: the first call
   * rides the handshake, so its answer needs no second round trip on the new port). Only in the first
   * HELLO of a handshake, and only to the parent at an exact origin (never to `'*'`). The form that
   * welcomes this HELLO runs them on the new port, as if they had come on it, and names them in
   * `Welcome.taken`; a form that refuses it runs none of them (nor does another copy of ucbridge on the
   * form); the handshake's retries carry none.
   */
  requests?: Request[] | undefined;
  /**
   * `Date.now()` (ms since the epoch; one machine, one clock) after which a form must not take
   * `requests`: by then the client may have concluded that no bridge is there and posted them the
   * documented way. A form that reads this HELLO later still welcomes it, with nothing `taken`.
   */
  expires?: number | undefined;
}

/**
 * Form → client, on the window, with the private `MessagePort` transferred alongside. Extensible:
 * a client ignores fields it does not know, so later versions of the form may add some.
 */
export interface Welcome {
  ucbridge: 1;
  type: 'WELCOME';
  replyTo: string;
  /** The version chosen for this conversation. */
  version: ProtocolVersion;
  /** Every action the form offers: the built-ins it supports and its own. */
  actions: string[];
  /**
   * How long the form waits for the platform before it answers `PLATFORM_TIMEOUT`, in ms
   * (`Infinity`: it never gives up). The client never times out a call before this has passed.
   */
  platformTimeoutMs: number;
  /**
   * Call context hook (issue 12): present only for an origin whose scope receives the form's call
   * (see call-context.ts); `undefined` there means the form is on no call. A `REFUSED` never
   * carries it.
   */
  callContext?: CallContext | undefined;
  /**
   * The handshake this WELCOME answers (the HELLO's `handshake`, or its `id`). A client takes a WELCOME
   * that names its handshake, or one for its latest HELLO (a form before 0.3 sends no `handshake`, and
   * replaces its port at every HELLO: only the latest port is the live one).
   */
  handshake?: string | undefined;
  /**
   * The ids of the HELLO's `requests` this form took: each gets exactly one reply on the port. The
   * client posts the others on the port as usual. Absent: none taken.
   */
  taken?: string[] | undefined;
}

/**
 * Form → client: a bridge that will not talk to this frame says so at once, instead of leaving it
 * to wait and fall back to the documented shape. It carries nothing but the HELLO's id and the
 * code (`ORIGIN_NOT_ALLOWED`, `SOURCE_NOT_ALLOWED`, `VERSION_MISMATCH`, `INVALID_MESSAGE`), so the
 * form may post it to any frame that asked, a sandboxed (`null`) one included.
 */
export interface Refused {
  ucbridge: 1;
  type: 'REFUSED';
  replyTo: string;
  code: ErrorCode;
}

/**
 * Either side, on the port: the conversation ends. From the form: its bridge is going away
 * (destroyed or page unloading: the client says HELLO again), or, with `code: 'REPLACED'`, another
 * client in the same frame took the port (this one must not take it back). From the client: its
 * page unloads or it was destroyed.
 */
export interface Bye {
  ucbridge: 1;
  type: 'BYE';
  code?: ErrorCode | undefined;
}

/**
 * Client → form on the port. `action` and `disposition` sit at the top level exactly as in the
 * legacy family, so the same object is understood by a documented listener when the client has
 * to fall back to the window.
 */
export interface Request {
  ucbridge: 1;
  id: string;
  action: string;
  disposition?: Disposition | undefined;
  /** Arguments of an action the form added itself; any structured-cloneable value. */
  params?: unknown;
}

/** Exactly one per request, on the same port. */
export type Reply = ReplyOk | ReplyError;

export interface ReplyOk {
  ucbridge: 1;
  replyTo: string;
  ok: true;
  /** What the platform's success callback or the action's handler gave, if cloneable. */
  result: unknown;
}

export interface ReplyError {
  ucbridge: 1;
  replyTo: string;
  ok: false;
  error: WireError;
}

/** How an error crosses `postMessage`: plain data, never an `Error` object. */
export interface WireError {
  code: ErrorCode;
  message: string;
  /** The field at fault, e.g. `disposition.schedule`, for `INVALID_ARGUMENT`. */
  field?: string | undefined;
  /** Whether the action may have happened all the same; a reader treats anything but `'not-done'` as `'unknown'`. */
  outcome: FailedOutcome;
}

/**
 * How a call ended, in the words every part of ucbridge uses (promises, elements, the host's log):
 * - `done`: the platform's success callback ran (or the form's action returned);
 * - `not-done`: refused before anything reached the platform, or the platform said no — safe to retry;
 * - `unknown`: it may have reached the platform (a timeout, a lost connection, a handler that threw) —
 *   **check before you retry**. A retry of the same disposition is answered with the first call's
 *   outcome anyway (the form remembers it), so it never disposes the call twice.
 */
export type Outcome = 'done' | 'not-done' | 'unknown';

/** The outcome of a call that failed. */
export type FailedOutcome = Exclude<Outcome, 'done'>;

export type BridgeMessage = Hello | Welcome | Refused | Bye | Request | Reply | CallContextMessage;

/**
 * Stable error codes, shared by both sides. Messages are for people and may change; codes are
 * part of the API (documented in the README).
 */
export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_MESSAGE'
  | 'ORIGIN_NOT_ALLOWED'
  | 'SOURCE_NOT_ALLOWED'
  | 'UNKNOWN_ACTION'
  | 'WRONG_CALL'
  | 'PLATFORM_ERROR'
  | 'PLATFORM_MISSING'
  | 'PLATFORM_TIMEOUT'
  | 'HANDLER_ERROR'
  | 'RATE_LIMITED'
  | 'TIMEOUT'
  | 'NOT_CONNECTED'
  | 'CONNECTION_LOST'
  | 'UNCONFIRMED'
  | 'VERSION_MISMATCH'
  | 'REPLACED'
  | 'DESTROYED';
