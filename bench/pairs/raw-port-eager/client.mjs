// A MessagePort pair whose first call rides the handshake: the hello carries it and the welcome
// (which brings the port) carries its answer, so connecting costs one window round trip, not two
// (a window one, then the first trip on a freshly transferred port). Not in the default run:
// `npm run bench -- --only raw-port-eager,raw-port,raw-window` shows what a port design can reach.
export function open(hostOrigin) {
  const pending = new Map();
  let next = 0;
  let port;
  let waiting; // calls made after the hello, before the welcome
  const answer = (m) => {
    pending.get(m.re)?.(m.r);
    pending.delete(m.re);
  };
  addEventListener('message', function welcome(e) {
    if (e.source !== parent || e.origin !== hostOrigin || !e.data || e.data.welcome !== 1 || !e.ports[0]) return;
    removeEventListener('message', welcome);
    port = e.ports[0];
    port.onmessage = ({ data }) => answer(data);
    if (e.data.first) answer(e.data.first);
    waiting?.forEach((m) => port.postMessage(m));
  });
  return Promise.resolve({
    port: () => port,
    call: (d) => new Promise((resolve) => {
      const m = { id: ++next, d };
      pending.set(next, resolve);
      if (port) port.postMessage(m);
      else if (waiting) waiting.push(m);
      else {
        waiting = [];
        parent.postMessage({ hello: 1, first: m }, hostOrigin);
      }
    }),
  });
}

/** One-way: a message on the port that the host does not answer. */
export function emit(conn, _hostOrigin, d) {
  conn.port().postMessage({ ev: d });
}
