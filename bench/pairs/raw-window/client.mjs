// The floor for window.postMessage: one listener, an id per call, replies matched by id.
// Only what a careful hand-written pair needs: exact target origin, origin and source checks.
export function open(hostOrigin) {
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
      parent.postMessage({ id: next, d }, hostOrigin);
    }),
  });
}

/** One-way: a message the host does not answer. */
export function emit(_conn, hostOrigin, d) {
  parent.postMessage({ ev: d }, hostOrigin);
}
