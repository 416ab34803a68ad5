import type { CallContext, Disposition, ErrorCode, FormFunction, Outcome } from '@ucbridge/protocol';
import type { AllowedOrigin } from './scopes.js';

/** What a handler learns about the request it serves. */
export interface RequestContext {
  /** `event.origin` of the frame that asked, already checked against the allow-list. */
  origin: string;
  /** The action asked for: `CLOSE_TAB`, `DISPOSITION_CALL` or one the form added. */
  action: string;
  /** `'port'`: a ucbridge v1 request (it gets a reply); `'legacy'`: the documented snippet (no reply). */
  source: 'port' | 'legacy';
}

/**
 * Runs one action. Its return value (or what its promise resolves to) is the reply's `result`;
 * a throw or a rejection is the reply's error (`HANDLER_ERROR`, or the `code` of a thrown `BridgeError`).
 */
export type ActionHandler = (params: unknown, ctx: RequestContext) => unknown | Promise<unknown>;

/** Replacements for the two platform calls. */
export interface HostHandlers {
  /** Default: `parent.closeActiveTab()` of the form's window (`PLATFORM_MISSING` when absent). */
  closeTab?: (ctx: RequestContext) => unknown | Promise<unknown>;
  /**
   * Default: `window.UC_DispositionCall(campaign, callerid, guid, l1, l2, l3, d1, d2, comment, schedule,
   * onSuccess, onError)` as a promise: resolves with what `onSuccess` receives, rejects `PLATFORM_ERROR`
   * when `onError` is called. `d` is already validated (ten strings, schedule checked).
   */
  dispositionCall?: (d: Disposition, ctx: RequestContext) => unknown | Promise<unknown>;
  /**
   * Hangs up the call. No documented platform function does (the API page only says the CrossDomain proxy
   * is there "to hang up the call"), so `HANG_UP` is offered only when the form gives this handler.
   */
  hangUp?: (ctx: RequestContext) => unknown | Promise<unknown>;
}

/**
 * One line of the bridge's log, for `onAccepted` / `onRejected`.
 * - `message`: refused before it was read, because its sender is not among the form's frames
 *   (a popup, the console, a sibling): `SOURCE_NOT_ALLOWED`;
 * - `hello`: a handshake (accepted: a port was opened; rejected: why not, and the frame was told
 *   with a `REFUSED`);
 * - `request`: a v1 request on a port; `legacy`: a documented-snippet message on the window;
 * - `reply`: the outcome of an accepted request (sent on the port for v1, only logged for legacy),
 *   with `code` set when it failed.
 * Rejected events never carry the refused payload (it may be hostile or huge); accepted ones carry
 * the validated disposition / params in `data`, and replies the result.
 */
export interface BridgeLogEvent {
  kind: 'message' | 'hello' | 'request' | 'legacy' | 'reply';
  origin: string;
  action?: string | undefined;
  code?: ErrorCode | undefined;
  message: string;
  field?: string | undefined;
  /** On `reply` events: `done`, `not-done` or `unknown` (it may have reached the platform). */
  outcome?: Outcome | undefined;
  data?: unknown;
}

/** Options of {@link createHostBridge}. */
export interface HostBridgeOptions {
  /**
   * Required. Origins allowed to talk to the form: exact (`https://crm.example.com`) or one-level-or-more
   * wildcards over your own domain (`https://*.example.org`, `https://*.acme.com.ar`), as an array or one
   * string separated by spaces or commas. `'*'` is not accepted here: see `dangerouslyAllowAnyOrigin`.
   * A wildcard over a domain many owners share throws a `TypeError` (`ucbridge INVALID_OPTION: …` naming
   * the entry, why and the fix), since every owner of a site under it could dispose calls: a public suffix
   * as `sharedSuffix` of @ucbridge/protocol reads the Public Suffix List (https://publicsuffix.org/list/)
   * — a country's second level (`*.co.uk`, `*.com.ar`, `*.com.uy`), a hosting or tenant platform or a name
   * under it (`*.github.io`, `*.vercel.app`, `*.herokuapp.com`, `*.ucontactcloud.com`, `*.my.salesforce.com`).
   * It does not cover the whole list (`*.tokyo.jp` passes): list exact origins where you can. When every
   * site under such a domain is yours, opt in on that entry: `{ origin, dangerouslyAllowAnySubdomain: true }`
   * (script tag: `data-dangerously-allow-any-subdomain`). An array entry may be a scope
   * `{ origin, actions?, callContext?, dangerouslyAllowAnySubdomain? }` (see scopes.ts): the actions that origin may call and whether it
   * receives the call context. A plain entry may call every offered action and receives the context
   * when the form shares one. An exact origin wins over a pattern, then the first listed.
   */
  allowedOrigins: readonly AllowedOrigin[] | string;
  /**
   * Share the form's current call with the allowed origins (in `WELCOME`, and on every change) and lock
   * dispositions to it: `'cti'` reads the platform's `CTI` global and `Agent.accountcode` (script tag:
   * `data-call-context="cti"`); a function returns the call or `undefined` (no call). Read when the bridge
   * starts and again at every HELLO, until `setCallContext` takes over. A `CTI` that is missing, not JSON
   * or without a `Guid` means "no call" (reported once with `console.warn`). @default none: no context, no lock
   */
  callContext?: 'cti' | (() => CallContext | undefined);
  /**
   * With a shared call, refuse `WRONG_CALL` — before the platform is called — a disposition whose `guid` or
   * `campaign` is not the current call's (and `TAG_RECORD` for another `guid`), or any of them when there is
   * no current call. `false` turns the lock off. @default true
   */
  lockToCall?: boolean;
  /**
   * The platform's other form functions to offer, by name, off by default: `closeForm` (`UC_closeForm()`),
   * `tagRecord` (`UC_TagRecord(guid, 'l1|l2|l3')`), `makeCall` (`UC_makeCall_async(campaign, callerid,
   * destination)`), `notify` (`notification(title, message, icon, type)`); `hangUp` needs `handlers.hangUp`.
   * Functions that run SQL (`UC_get_async`, `UC_exec`, `UC_Save_async`) are refused with a `TypeError`.
   */
  platformFunctions?: readonly FormFunction[];
  /** Accept messages from every origin (`allowedOrigins` is then ignored). Logs a warning. @default false */
  dangerouslyAllowAnyOrigin?: boolean;
  /** Override the platform calls behind `CLOSE_TAB` and `DISPOSITION_CALL`. */
  handlers?: HostHandlers;
  /**
   * Extra named actions the form offers (v1 clients only: `host.call(name, params)`). Names are
   * 1-64 characters `[A-Za-z][\w.-]*`, not `CLOSE_TAB` / `DISPOSITION_CALL`.
   */
  actions?: Record<string, ActionHandler>;
  /**
   * Milliseconds a handler (the platform's callbacks included) may take before the request is answered
   * `PLATFORM_TIMEOUT` (outcome unknown), 0 < n ≤ 2,147,483,647, or `Infinity` to wait as long as the
   * platform takes. The client is told this value in the handshake and never times a call out before
   * it. A late outcome still reaches the disposition memory, so a retry learns it. Anything else
   * throws a `TypeError`. @default 30000
   */
  platformTimeoutMs?: number;
  /**
   * Requests one port may have in flight; more are answered `RATE_LIMITED` at once, so a flood
   * cannot pile up calls on the platform. @default 16
   */
  maxPendingPerPort?: number;
  /**
   * Accept the documented legacy messages on the window. Turn off for a form that keeps the platform's
   * documented listener beside the bridge, or a call would be disposed twice. @default true
   */
  legacy?: boolean;
  /**
   * Called for every accepted message and every outcome (`kind: 'reply'`, with `outcome`). A throw is
   * ignored. @default console.info naming every documented-shape message the bridge ran
   */
  onAccepted?: (event: BridgeLogEvent) => void;
  /**
   * Called for every refused message, with `code` and reason. A throw is ignored.
   * @default console.warn, at most once per origin and code every 10 s, with a count of the rest
   */
  onRejected?: (event: BridgeLogEvent) => void;
  /**
   * Print every message the bridge receives and sends, and every one it accepts or refuses with the
   * reason, for debugging ("nothing happens"): `true` prints with `console.log`, a function gets each
   * line (`ucbridge host refused from https://crm.example.com`) and its detail instead. The script tag's
   * `data-log` attribute turns it on. @default false
   */
  log?: boolean | ((line: string, detail?: unknown) => void);
  /** The form's window. @default globalThis.window */
  window?: Window;
}

/** A running bridge. */
export interface HostBridge {
  /** Every action offered to clients (sent in `WELCOME`): the two built-ins, then the form's own. */
  readonly actions: string[];
  /** The call the form shares now (`undefined`: no call, or the form shares none). */
  readonly callContext: CallContext | undefined;
  /**
   * The form changed calls: `undefined` for none. Checked (a bad context throws a `TypeError` naming the
   * field), then sent as `CALL_CONTEXT` on every port whose origin receives the context, and used by the
   * lock. From then on the `callContext` source is not read again. Needs the `callContext` option.
   */
  setCallContext(context: CallContext | undefined): void;
  /**
   * Stops the bridge: removes its window listeners, answers every pending request `DESTROYED`,
   * sends `BYE` on every port and closes it. Idempotent.
   */
  destroy(): void;
}

/** The platform globals the default handlers call. */
export interface PlatformWindow {
  UC_DispositionCall?: (...args: unknown[]) => unknown;
  closeActiveTab?: () => unknown;
}
