// comlink 4, parent side: expose dispositionCall on a window endpoint restricted to the frame's origin.
import { expose, windowEndpoint } from 'comlink';

export function serve({ childUrl, childOrigin, handler }) {
  const frame = document.createElement('iframe');
  frame.src = childUrl;
  document.body.append(frame);
  expose({ dispositionCall: handler }, windowEndpoint(frame.contentWindow, self, childOrigin), [childOrigin]);
  return frame;
}
