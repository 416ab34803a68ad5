import type { BridgeError, CallContext, CallDispositionInput, MakeCallInput, NotifyInput, TagRecordInput } from '@ucbridge/protocol';

/** Options of {@link connectToHost}. */
export interface ConnectOptions {
  /**
   * The origin of the uContact form that frames this page: an exact origin
   * (`https://acme.ucontactcloud.com`) or a subdomain pattern (`https://*.ucontactcloud.com`).
   * Every message is posted to this origin only, and only this origin is heard.
   * With a pattern, the real parent origin is read from `location.ancestorOrigins[0]` (or, where
   * that does not exist, the origin of `document.referrer`) and must match; when it cannot be
   * learned or does not match, every call rejects with `ORIGIN_NOT_ALLOWED`.
   * A malformed value throws a `TypeError` at once.
   */
  hostOrigin: string;
  /**
   * Post with target origin `'*'` and hear a handshake answer from any origin. Anyone who frames
   * this page then receives its dispositions. For local experiments only.
   * @default false
   */
  dangerouslyAllowAnyHostOrigin?: boolean;
  /**
   * Milliseconds each call may take, counted from the call (including any wait for the
   * handshake), before it rejects with `TIMEOUT`. A call's own `timeoutMs` wins.
   * @default 15000
   */
  timeoutMs?: number;
  /**
   * Milliseconds to wait for the form's ucbridge answer before calls go the legacy way:
   * `closeTab()` / `dispositionCall()` are then posted in the platform's documented shape and
   * settle unconfirmed, other actions reject `NOT_CONNECTED`. The handshake keeps being retried
   * after that, so a bridge that starts later is still found.
   * @default 1500
   */
  handshakeTimeoutMs?: number;
  /**
   * When a built-in call had to be posted the legacy way (no ucbridge bridge answered), reject
   * with `UNCONFIRMED` instead of resolving `{ confirmed: false }`. The message is posted either way.
   * @default false
   */
  requireConfirmation?: boolean;
  /** Called after every successful handshake: the first one and each reconnection. */
  onConnect?: (info: HostInfo) => void;
  /**
   * Called when a connected host goes away (its bridge was destroyed or the form unloads), with a
   * `CONNECTION_LOST` error. The client then starts the handshake again by itself.
   */
  onDisconnect?: (reason: BridgeError) => void;
  /**
   * Called with the form's call after every handshake (`undefined`: the form shares none with this origin,
   * or is on no call) and whenever the form changes calls; after a disconnect, with `undefined`.
   * The same value is in `host.callContext`.
   */
  onCallContext?: (callContext: CallContext | undefined) => void;
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
}

/** How a call ended when it did not fail. */
export interface CallResult {
  /**
   * `true`: a ucbridge bridge in the form answered and the platform accepted the call.
   * `false`: no bridge answered in time; the call was posted in the platform's documented shape
   * to a form that may (or may not) have the documented listener. Nobody can tell which.
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
   * new promise for the next handshake. Rejects with `VERSION_MISMATCH`, `ORIGIN_NOT_ALLOWED` or
   * `DESTROYED`; it stays pending while no bridge answers (a legacy-only form).
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
