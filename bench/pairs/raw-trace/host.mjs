// Host side of the raw window.postMessage pair: check source and origin, answer on event.source.
export function serve({ childUrl, childOrigin, handler }) {
  const frame = document.createElement('iframe');
  addEventListener('message', (e) => {
    const m = e.data;
    if (e.source !== frame.contentWindow || e.origin !== childOrigin || !m || m.id === undefined) return;
    e.source.postMessage({ re: m.id, r: handler(m.d) }, childOrigin);
  });
  frame.src = childUrl;
  document.body.append(frame);
  return frame;
}

/** Calls `onEvent` for every one-way message from the frame. */
export function listen(frame, childOrigin, onEvent) {
  addEventListener('message', (e) => {
    if (e.source === frame.contentWindow && e.origin === childOrigin && e.data && e.data.ev) onEvent(e.data.ev);
  });
}
