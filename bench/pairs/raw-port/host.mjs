// Host side of the raw MessagePort pair: answer a hello from the frame with a port, serve calls on it.
export function serve({ childUrl, childOrigin, handler }) {
  const frame = document.createElement('iframe');
  const ports = [];
  addEventListener('message', (e) => {
    if (e.source !== frame.contentWindow || e.origin !== childOrigin || !e.data || e.data.hello !== 1) return;
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = ({ data: m }) => {
      if (m.id !== undefined) port1.postMessage({ re: m.id, r: handler(m.d) });
    };
    ports.push(port1);
    e.source.postMessage({ welcome: 1 }, childOrigin, [port2]);
  });
  frame.src = childUrl;
  document.body.append(frame);
  return ports;
}

/** Calls `onEvent` for every one-way message on the frame's port. */
export function listen(ports, _childOrigin, onEvent) {
  // the port exists once the frame said hello; one-way traffic starts after the first call
  const wait = () => (ports[0] ? ports[0].addEventListener('message', ({ data: m }) => m.ev && onEvent(m.ev)) : setTimeout(wait, 1));
  wait();
}
