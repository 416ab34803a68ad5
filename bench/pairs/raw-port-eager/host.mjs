// Host side of the eager MessagePort pair: answer the hello's call inside the welcome that brings the port.
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
    const f = e.data.first;
    e.source.postMessage({ welcome: 1, first: f && { re: f.id, r: handler(f.d) } }, childOrigin, [port2]);
  });
  frame.src = childUrl;
  document.body.append(frame);
  return ports;
}

export { listen } from '../raw-port/host.mjs';
