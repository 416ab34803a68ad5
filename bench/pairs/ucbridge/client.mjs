// ucbridge, iframe side: connect to the form, then await host.dispositionCall(d).
import { connectToHost } from '@ucbridge/iframe-client';

export function open(hostOrigin) {
  const host = connectToHost({ hostOrigin });
  return Promise.resolve({ call: (d) => host.dispositionCall(d) });
}
