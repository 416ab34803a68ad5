// postmate 1.5, child side. postmate has no child -> parent call with an answer (its only
// request/reply, get(), goes parent -> child), so a call is emit() up and the parent's call() back
// down into the child's model, matched by id: the way postmate users build it.
import Postmate from 'postmate';

export async function open() {
  const pending = new Map();
  let next = 0;
  const parentApi = await new Postmate.Model({
    answer: (m) => {
      pending.get(m.re)(m.r);
      pending.delete(m.re);
    },
  });
  return {
    parentApi,
    call: (d) => new Promise((resolve) => {
      pending.set(++next, resolve);
      parentApi.emit('dispositionCall', { id: next, d });
    }),
  };
}

/** One-way: emit() is postmate's native child -> parent event. */
export function emit(conn, _hostOrigin, d) {
  conn.parentApi.emit('event', d);
}
