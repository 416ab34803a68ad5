// The ucbridge pair, built from the baseline commit (`node bench/baseline.mjs <ref>`).
import { connectToHost } from '../../.work/baseline/packages/iframe-client/dist/index.js';

export function open(hostOrigin) {
  const host = connectToHost({ hostOrigin });
  return Promise.resolve({ call: (d) => host.dispositionCall(d) });
}
