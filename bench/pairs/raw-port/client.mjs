// The transport's floor: one window message to get a MessagePort, then every call on the port.
export function open(hostOrigin) {
  return new Promise((resolve) => {
    const pending = new Map();
    let next = 0;
    addEventListener('message', function hello(e) {
      if (e.source !== parent || e.origin !== hostOrigin || !e.data || e.data.welcome !== 1 || !e.ports[0]) return;
      removeEventListener('message', hello);
      const port = e.ports[0];
      port.onmessage = ({ data: m }) => {
        pending.get(m.re)?.(m.r);
        pending.delete(m.re);
      };
      resolve({
        port,
        call: (d) => new Promise((res) => {
          pending.set(++next, res);
          port.postMessage({ id: next, d });
        }),
      });
    });
    parent.postMessage({ hello: 1 }, hostOrigin);
  });
}

/** One-way: a message on the port that the host does not answer. */
export function emit(conn, _hostOrigin, d) {
  conn.port.postMessage({ ev: d });
}
