import type { BridgeError, CallContext, CallDispositionInput, MakeCallInput, NotifyInput, TagRecordInput } from '@ucbridge/protocol';

/** Options of {@link connectToHost}. */
export interface ConnectOptions {
  /**
   * The origin of the uContact form that frames this page, exact (`https://acme.ucontactcloud.com`),
   * or a list of exact origins (a CRM that serves several tenants lists them). Only these are heard,
   * and nothing but a HELLO (a random id) is posted anywhere else. A pattern
   * (`https://*.ucontactcloud.com`) throws a `TypeError` unless `dangerouslyAllowAnySubdomain` is set:
   * other tenants of a shared domain would receive the dispositions. When the browser tells the
   * parent's origin (`location.ancestorOrigins`) and it is not listed, every call rejects
   * `ORIGIN_NOT_ALLOWED` at once; otherwise the parent's origin is learned from its answer to the
   * handshake. A malformed value throws a `TypeError` at once.
   */
  hostOrigin: string | readonly string[];
  /**
   * Accept `https://*.domain` patterns in `hostOrigin`. Every owner of a matching subdomain — on a
   * shared platform domain, every other tenant — can then frame this page and receive its calls.
   * @default false
   */
  dangerouslyAllowAnySubdomain?: boolean;
  /**
   * Post with target origin `'*'` and hear a handshake answer from any origin. Anyone who frames
   * this page then receives its dispositions. For local experiments only.
   * @default false
   */
  dangerouslyAllowAnyHostOrigin?: boolean;
  /**
   * Milliseconds each call may take, counted from the call (including any wait for the
   * handshake), before it rejects with `TIMEOUT`: 0 < n ≤ 2,147,483,647, or `Infinity` for no
   * timeout (anything else throws a `TypeError`). Never shorter than the form's own wait for the
   * platform: once a call is sent it is given the form's `platformTimeoutMs` (told in the handshake)
   * plus 2 s, so the form's answer is always heard. A call's own `timeoutMs` wins. A `TIMEOUT` of a
   * sent call has an unknown outcome (`isOutcomeUnknown`): check before you retry.
   * @default 15000
   */
  timeoutMs?: number;
  /**
   * Milliseconds after which the client posts its closing HELLO; when nothing answers it within
   * 500 ms more, the client concludes that the form has no bridge: `closeTab()` / `dispositionCall()`
   * are then posted once in the platform's documented shape and settle `{ confirmed: false }`, other
   * actions reject `NOT_CONNECTED`. A bridge installed before the closing HELLO reaches the form is
   * found. HELLOs go on every second after that, so a bridge that starts later serves later calls
   * (it never runs a call that was already posted the documented way). Same range as `timeoutMs`.
   * @default 1500
   */
  handshakeTimeoutMs?: number;
  /**
   * When a built-in call had to be posted the legacy way (no ucbridge bridge answered), reject
   * with `UNCONFIRMED` (outcome unknown) instead of resolving `{ confirmed: false }`. The message is
   * posted either way.
   * @default false
   */
  requireConfirmation?: boolean;
  /** Called after every successful handshake: the first one and each reconnection. */
  onConnect?: (info: HostInfo) => void;
  /**
   * Called when a connected host goes away (its bridge was destroyed or the form unloads), with a
   * `CONNECTION_LOST` error: the client then starts the handshake again by itself. With `REPLACED`,
   * another client in this frame took the connection: this one stops, and its calls reject `REPLACED`.
   */
  onDisconnect?: (reason: BridgeError) => void;
  /**
   * Called with the form's call after every handshake (`undefined`: the form shares none with this origin,
   * or is on no call) and whenever the form changes calls; after a disconnect, with `undefined`.
   * The same value is in `host.callContext`.
   */
  onCallContext?: (callContext: CallContext | undefined) => void;
  /**
   * Print every message the client sends and receives, and every answer it takes or refuses with
   * the reason, for debugging ("nothing happens"): `true` prints with `console.log`, a function gets
   * each line (`ucbridge client refused from https://acme.ucontactcloud.com`) and its detail instead.
   * @default false
   */
  log?: boolean | ((line: string, detail?: unknown) => void);
  /** The window this client lives in; its `parent` is the form. For tests. @default globalThis.window */
  window?: Window;
}

/** What the handshake told about the host. */
export interface HostInfo {
  /** The protocol version agreed on. */
  version: number;
  /** Every action the form offers (the built-ins it supports and its own). */
  actions: string[];
  /** The form's origin, as the browser reported it. */
  origin: string;
  /** How long the form waits for the platform, in ms (`Infinity`: as long as it takes); 0 if it did not say. */
  platformTimeoutMs: number;
}

/** How a call ended when it did not fail. */
export interface CallResult {
  /**
   * `true`: done — a ucbridge bridge in the form answered and the platform accepted the call.
   * `false`: the form has no ucbridge bridge (none answered the handshake); the call was posted once
   * in the platform's documented shape to a form that may (or may not) have the documented listener.
   * Nobody can tell which: check before you retry.
   */
  confirmed: boolean;
  /** What the form's handler or the platform's success callback returned (confirmed calls only). */
  result?: unknown;
}

/** Options of one call. */
export interface CallOptions {
  /** Milliseconds before this call rejects with `TIMEOUT`. @default the connection's `timeoutMs` */
  timeoutMs?: number;
}

/** The client side of a connection to the uContact form. Every method returns a promise that settles. */
export interface HostConnection {
  /** Asks the form to close its tab (`parent.closeActiveTab()` in the console). */
  closeTab(options?: CallOptions): Promise<CallResult>;
  /**
   * Saves a call disposition (`UC_DispositionCall` in the console). `campaign`, `callerid` and `guid` left
   * out come from the form's call (`callContext`); a call made before the handshake waits for it to learn
   * the call. The disposition is then checked: a wrong field rejects with `INVALID_ARGUMENT` and
   * `error.field` naming it (`disposition.schedule`; `disposition.guid` when there is no call to fill it
   * from). A `Date` schedule is sent as local `YYYY-MM-DD HH:MM:SS`. A form that shares its call refuses a
   * disposition for another call with `WRONG_CALL`.
   */
  dispositionCall(disposition: CallDispositionInput, options?: CallOptions): Promise<CallResult>;
  /** The call the form shares with this page: `{ guid, campaign, callerid, vars, agent? }`, or `undefined`. */
  readonly callContext: CallContext | undefined;
  /**
   * The platform's other form functions; each needs a bridge that offers it (`supports('CLOSE_FORM')`…), else
   * the form answers `UNKNOWN_ACTION` (no bridge: `NOT_CONNECTED`). Parameters are checked first
   * (`INVALID_ARGUMENT`, `field` like `params.destination`).
   */
  /** `UC_closeForm()`. */
  closeForm(options?: CallOptions): Promise<CallResult>;
  /** `UC_TagRecord(guid, 'l1|l2|l3')`; `guid` left out comes from the form's call. */
  tagRecord(tag: TagRecordInput, options?: CallOptions): Promise<CallResult>;
  /** `UC_makeCall_async(campaign, callerid, destination)`. */
  makeCall(call: MakeCallInput, options?: CallOptions): Promise<CallResult>;
  /** `notification(title, message, icon, type)`. */
  notify(notification: NotifyInput, options?: CallOptions): Promise<CallResult>;
  /** The form's own hang-up handler (no documented platform function hangs up). */
  hangUp(options?: CallOptions): Promise<CallResult>;
  /**
   * Calls an action the form added itself (see `info.actions`). Needs a ucbridge bridge: when none
   * answered within `handshakeTimeoutMs` it rejects with `NOT_CONNECTED`. `params` must be
   * structured-cloneable.
   */
  call(action: string, params?: unknown, options?: CallOptions): Promise<CallResult>;
  /**
   * Resolves with the host's info when the current handshake completes. After a disconnect it is a
   * new promise for the next handshake. Rejects with the code of the form's `REFUSED`
   * (`ORIGIN_NOT_ALLOWED`, `SOURCE_NOT_ALLOWED`, `VERSION_MISMATCH`), `ORIGIN_NOT_ALLOWED` when the
   * parent is known not to be `hostOrigin`, `NOT_CONNECTED` (not framed), `REPLACED` or `DESTROYED`; it
   * stays pending while no bridge answers (a legacy-only form).
   */
  readonly connected: Promise<HostInfo>;
  /** The host's info while connected, else `undefined`. */
  readonly info: HostInfo | undefined;
  /** True when a bridge is connected and offers `action` (`'CLOSE_TAB'`, `'DISPOSITION_CALL'`, or its own). */
  supports(action: string): boolean;
  /**
   * Says `BYE` to a connected bridge, stops the handshake, removes every listener and closes the
   * port; pending and later calls reject `DESTROYED`.
   */
  destroy(): void;
}
