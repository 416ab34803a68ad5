// comlink 4, child side: wrap the parent window (exact target origin) and call dispositionCall(d).
import { windowEndpoint, wrap } from 'comlink';

export function open(hostOrigin) {
  const remote = wrap(windowEndpoint(parent, self, hostOrigin));
  return Promise.resolve({ call: (d) => remote.dispositionCall(d) });
}
