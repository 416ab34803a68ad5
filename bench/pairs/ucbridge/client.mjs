// ucbridge, iframe side: connect to the form, then await host.dispositionCall(d).
import { connectToHost } from '@ucbridge/iframe-client';

/** The pair's `open`, with the `connectToHost` of one build (this one, or the baseline's). */
export const openWith = (connect) => (hostOrigin) => {
  const host = connect({ hostOrigin });
  return Promise.resolve({ call: (d) => host.dispositionCall(d) });
};

export const open = /* @__PURE__ */ openWith(connectToHost);
