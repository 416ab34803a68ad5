// The ucbridge pair, built from the baseline commit (`node bench/baseline.mjs <ref>`).
import { connectToHost } from '../../.work/baseline/packages/iframe-client/dist/index.js';
import { openWith } from '../ucbridge/client.mjs';

export const open = /* @__PURE__ */ openWith(connectToHost);
