// ucbridge, form side: a bridge for the frame's origin; the harness passes handler = (d) => d.campaign.
import { createHostBridge } from '@ucbridge/host-bridge';

export function serve({ childUrl, childOrigin, handler }) {
  createHostBridge({ allowedOrigins: [childOrigin], handlers: { dispositionCall: handler } });
  const frame = document.createElement('iframe');
  frame.src = childUrl;
  document.body.append(frame);
  return frame;
}
