/**
 * What the stand-in console offers the form inside it (same origin A, reached as
 * `parent.demoConsole`): the platform's `UC_DispositionCall` and the message log.
 */

/** One line the host-bridge gave `onAccepted` / `onRejected` (its `BridgeLogEvent`). */
export interface LoggedBridgeEvent {
  kind: string;
  origin: string;
  action?: string | undefined;
  code?: string | undefined;
  message: string;
  field?: string | undefined;
  data?: unknown;
}

/** A message as it reached the form's window, before anything judged it. */
export interface Received {
  origin: string;
  preview: string;
}

/** `window.demoConsole` of the console page, as the form calls it. */
export interface DemoConsole {
  /** The platform function the form calls (`UC_DispositionCall(10 fields, onSuccess, onError)`). */
  UC_DispositionCall(...args: unknown[]): void;
  /** A verdict of the form's host-bridge. */
  bridgeEvent(verdict: 'accepted' | 'rejected', event: LoggedBridgeEvent): void;
  /** A message reached the form's window (called before the bridge sees it). */
  received(origin: string, data: unknown): void;
  /** The form's window is done with that message; `bridge` says whether a ucbridge bridge was there to judge it. */
  dispatched(bridge: boolean): void;
}

declare global {
  interface Window {
    demoConsole?: DemoConsole;
    closeActiveTab?: () => void;
  }
}
