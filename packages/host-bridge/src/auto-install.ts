import { BridgeError, isBridgeError } from '@ucbridge/protocol';
import { createHostBridge } from './host-bridge.js';
import type { HostBridge } from './types.js';

/** What the script-tag build puts on `window.UCBridge`. */
export interface UCBridgeGlobal {
  createHostBridge: typeof createHostBridge;
  BridgeError: typeof BridgeError;
  isBridgeError: typeof isBridgeError;
  /** The bridge installed from the script tag's `data-allowed-origins`, if it had one. */
  bridge?: HostBridge;
}

/**
 * The script-tag build's start-up: defines `window.UCBridge`, then, when `script` carries
 * `data-allowed-origins` (space- or comma-separated), installs a bridge from it (`data-legacy="false"`
 * turns legacy messages off, `data-call-context="cti"` shares the form's `CTI` call and locks dispositions
 * to it) and exposes it as `UCBridge.bridge`. An attribute that is present but
 * empty or invalid throws after `UCBridge` is defined, so the mistake shows in the console.
 * A second copy of the script changes nothing: two bridges would dispose a legacy call twice.
 */
export function autoInstall(script: HTMLOrSVGScriptElement | null, win: Window & { UCBridge?: UCBridgeGlobal }): UCBridgeGlobal {
  if (win.UCBridge) return win.UCBridge;
  const api: UCBridgeGlobal = (win.UCBridge = { createHostBridge, BridgeError, isBridgeError });
  const origins = script?.dataset.allowedOrigins;
  // call context hook (issue 12): data-call-context="cti" shares the form's CTI call with every listed origin
  const callContext = script?.dataset.callContext;
  if (callContext != null && callContext != 'cti') throw new TypeError(`ucbridge: data-call-context must be "cti", not "${callContext}"`);
  if (origins != null) api.bridge = createHostBridge({ allowedOrigins: origins, legacy: script!.dataset.legacy != 'false', callContext, window: win });
  return api;
}
