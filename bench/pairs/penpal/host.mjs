// penpal 7, parent side: expose dispositionCall to the frame.
import { connect, WindowMessenger } from 'penpal';

export function serve({ childUrl, childOrigin, handler }) {
  const frame = document.createElement('iframe');
  frame.src = childUrl;
  document.body.append(frame);
  const messenger = new WindowMessenger({ remoteWindow: frame.contentWindow, allowedOrigins: [childOrigin] });
  connect({ messenger, methods: { dispositionCall: handler } });
  return frame;
}
