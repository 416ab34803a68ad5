// ucbridge, form side: a bridge for the frame's origin; the harness passes handler = (d) => d.campaign.
import { createHostBridge } from '@ucbridge/host-bridge';

/** The pair's `serve`, with the `createHostBridge` of one build (this one, or the baseline's). */
export const serveWith = (create) => ({ childUrl, childOrigin, handler }) => {
  create({ allowedOrigins: [childOrigin], handlers: { dispositionCall: handler } });
  const frame = document.createElement('iframe');
  frame.src = childUrl;
  document.body.append(frame);
  return frame;
};

export const serve = /* @__PURE__ */ serveWith(createHostBridge);
