import { BridgeError, bridgeMessage, isBridgeError } from '@ucbridge/protocol';
import { createHostBridge } from './host-bridge.js';
import { splitOrigins } from './scopes.js';
import type { HostBridge } from './types.js';

/** What the script-tag build puts on `window.UCBridge`. */
export interface UCBridgeGlobal {
  createHostBridge: typeof createHostBridge;
  BridgeError: typeof BridgeError;
  isBridgeError: typeof isBridgeError;
  /** The bridge installed from the script tag's `data-allowed-origins`, if it had one. */
  bridge?: HostBridge;
}

/** The `data-*` attributes the script tag reads (dataset names); any other is likely a typo. */
const ATTRIBUTES = ['allowedOrigins', 'legacy', 'callContext', 'log', 'dangerouslyAllowAnySubdomain'];

/**
 * The script-tag build's start-up: defines `window.UCBridge`, then, when `script` carries
 * `data-allowed-origins` (space- or comma-separated), installs a bridge from it (`data-legacy="false"`
 * turns legacy messages off, any value but `"true"` or `"false"` throws, `data-call-context="cti"`
 * shares the form's `CTI` call and locks dispositions to it, `data-log` prints every message: the `log` option,
 * `data-dangerously-allow-any-subdomain` (empty or `"true"`; `"false"` is off, anything else throws) sets
 * `dangerouslyAllowAnySubdomain` on every entry, allowing patterns over a shared domain such as `https://*.github.io`)
 * and exposes it as `UCBridge.bridge`. An empty list or an invalid attribute throws after `UCBridge` is
 * defined, so the mistake shows in the console. A second copy of the script changes nothing: two
 * bridges would dispose a legacy call twice.
 *
 * Says what is wrong where the form author looks (the console), as `ucbridge CODE: …` warnings:
 * `UNKNOWN_ATTRIBUTE` at once for a `data-*` attribute it does not read (`data-allowed-origin`), and,
 * when the page has loaded and no bridge was installed (neither from the tag nor by
 * `UCBridge.createHostBridge`), `MODULE_SCRIPT` if the script ran without a current script (a
 * `type="module"` tag: it cannot read its attributes) or else `NOTHING_INSTALLED`; and
 * `ALREADY_INSTALLED` for a second tag with its own `data-allowed-origins`, which changes nothing.
 */
export function autoInstall(script: HTMLOrSVGScriptElement | null, win: Window & { UCBridge?: UCBridgeGlobal }): UCBridgeGlobal {
  if (win.UCBridge) {
    // a second tag with its own list would be ignored without a word: say so
    if (script?.dataset.allowedOrigins != null) console.warn(bridgeMessage('ALREADY_INSTALLED', 'this second script tag was ignored: list every origin in the first'));
    return win.UCBridge;
  }
  let installed = false;
  const create: typeof createHostBridge = (options) => {
    const bridge = createHostBridge(options);
    installed = true;
    return bridge;
  };
  const api: UCBridgeGlobal = (win.UCBridge = { createHostBridge: create, BridgeError, isBridgeError });
  const data = script?.dataset ?? {};
  for (const name in data) {
    if (!ATTRIBUTES.includes(name)) {
      const attribute = 'data-' + name.replace(/[A-Z]/g, (letter) => '-' + letter.toLowerCase());
      console.warn(bridgeMessage('UNKNOWN_ATTRIBUTE', `${attribute} is not read (misspelt?): use data-allowed-origins, data-legacy, data-call-context, data-log, data-dangerously-allow-any-subdomain`));
    }
  }
  const check = () =>
    installed ||
    console.warn(
      script
        ? bridgeMessage('NOTHING_INSTALLED', 'no bridge: add data-allowed-origins="https://your.crm.example" to the script tag')
        : bridgeMessage('MODULE_SCRIPT', 'no bridge: a type="module" script cannot read data-allowed-origins; use a plain <script src>'),
    );
  // call context hook (issue 12): data-call-context="cti" shares the form's CTI call with every listed origin
  const callContext = data.callContext;
  if (callContext != null && callContext != 'cti') throw new TypeError(bridgeMessage('INVALID_OPTION', `data-call-context must be "cti", not "${callContext}"`));
  // anything but "true" or "false" ("False", "no", "off") most likely meant off: never read it as on
  const legacy = data.legacy;
  if (legacy != null && legacy != 'true' && legacy != 'false') throw new TypeError(bridgeMessage('INVALID_OPTION', `data-legacy must be "true" or "false", not "${legacy}"`));
  // an opt-in must be written on purpose: "yes" or "1" throws rather than guess
  const anySubdomain = data.dangerouslyAllowAnySubdomain;
  if (anySubdomain != null && !['', 'true', 'false'].includes(anySubdomain)) {
    throw new TypeError(bridgeMessage('INVALID_OPTION', `data-dangerously-allow-any-subdomain must be empty, "true" or "false", not "${anySubdomain}"`));
  }
  const origins = data.allowedOrigins;
  if (origins != null) {
    // the option is one per entry (scopes.ts): the attribute sets it on each
    const allowedOrigins = anySubdomain == null || anySubdomain == 'false' ? origins : splitOrigins(origins).map((origin) => ({ origin, dangerouslyAllowAnySubdomain: true }));
    api.bridge = create({ allowedOrigins, legacy: legacy != 'false', callContext, log: data.log != null && data.log != 'false', window: win });
  } else if (win.document?.readyState == 'complete') {
    // checked once the page has loaded: its own scripts may call UCBridge.createHostBridge themselves
    setTimeout(check);
  } else {
    win.addEventListener('load', check, { once: true });
  }
  return api;
}
