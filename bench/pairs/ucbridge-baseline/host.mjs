// The ucbridge pair, built from the baseline commit (`node bench/baseline.mjs <ref>`).
import { createHostBridge } from '../../.work/baseline/packages/host-bridge/dist/index.js';

export function serve({ childUrl, childOrigin, handler }) {
  createHostBridge({ allowedOrigins: [childOrigin], handlers: { dispositionCall: handler } });
  const frame = document.createElement('iframe');
  frame.src = childUrl;
  document.body.append(frame);
  return frame;
}
