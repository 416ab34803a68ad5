// The ucbridge pair, built from the baseline commit (`node bench/baseline.mjs <ref>`).
import { createHostBridge } from '../../.work/baseline/packages/host-bridge/dist/index.js';
import { serveWith } from '../ucbridge/host.mjs';

export const serve = /* @__PURE__ */ serveWith(createHostBridge);
