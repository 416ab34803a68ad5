// postmate 1.5, parent side: Postmate makes the frame and the handshake; an emitted call is answered
// with call('answer') into the child's model.
import Postmate from 'postmate';

export function serve({ childUrl, handler }) {
  return new Postmate({ container: document.body, url: childUrl }).then((child) => {
    child.on('dispositionCall', (m) => child.call('answer', { re: m.id, r: handler(m.d) }));
    return child;
  });
}

/** Calls `onEvent` for every emitted 'event'. */
export function listen(childPromise, _childOrigin, onEvent) {
  childPromise.then((child) => child.on('event', onEvent));
}
