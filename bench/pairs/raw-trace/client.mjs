// The floor for window.postMessage: one listener, an id per call, replies matched by id.
// Only what a careful hand-written pair needs: exact target origin, origin and source checks.
export function open(hostOrigin) {
  self.__mark('a0'); addEventListener('pagehide', () => {}); self.__mark('a1'); addEventListener('pageshow', () => {}); self.__mark('a2');
  const pending = new Map();
  let next = 0;
  addEventListener('message', (e) => {
    const m = e.data;
    if (e.source !== parent || e.origin !== hostOrigin || !m || m.re === undefined) return;
    pending.get(m.re)?.(m.r);
    pending.delete(m.re);
  });
  return Promise.resolve({
    call: (d) => new Promise((resolve) => {
      pending.set(++next, resolve);
      self.__mark("beforePost"); parent.postMessage({ id: next, d }, hostOrigin); self.__mark("afterPost");
    }),
  });
}

/** One-way: a message the host does not answer. */
export function emit(_conn, hostOrigin, d) {
  parent.postMessage({ ev: d }, hostOrigin);
}
