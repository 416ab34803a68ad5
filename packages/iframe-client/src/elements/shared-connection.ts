import { connectionTo, connectToHost } from '../index.js';
import type { HostConnection } from '../index.js';

/**
 * One connection per console origin for all the elements of a page. The form's bridge keeps one
 * port per frame and a new handshake from the same frame replaces the old port (that is how a
 * reloaded CRM page gets through; the replaced connection is told, `REPLACED`): two connections
 * from one frame cannot both work. So the elements use the page's own connection to that origin
 * when it made one (`connectToHost`, see `connectionTo`), else one they share, keyed by the
 * normalised origin (`X` and `X/` are one), destroyed when the last of them leaves the page.
 */
const shared = new Map<string, { connection: HostConnection; users: Set<() => void> }>();

/** The origin as the browser writes it, so `X` and `X/` name one connection. */
const normalise = (origin: string) => {
  try {
    return new URL(origin).origin;
  } catch {
    return origin;
  }
};

/**
 * The page's connection to `origin`, or the elements' shared one, made on first use. Pair every call with
 * {@link releaseConnection}. `onCallContext` runs whenever the form's call changes on the shared one (each
 * user's own function: the elements re-render); the page's own connection tells its own `onCallContext`.
 */
export function acquireConnection(origin: string, onCallContext: () => void): HostConnection {
  const page = connectionTo(origin);
  const key = normalise(origin);
  let entry = shared.get(key);
  if (page && page !== entry?.connection) return page;
  if (!entry) {
    const users = new Set<() => void>();
    shared.set(key, (entry = { connection: connectToHost({ hostOrigin: origin, onCallContext: () => users.forEach((user) => user()) }), users }));
  }
  entry.users.add(onCallContext);
  return entry.connection;
}

/** Gives back a connection from {@link acquireConnection} (with the same function); the last user's release destroys the shared one (never the page's). */
export function releaseConnection(origin: string, connection: HostConnection, onCallContext: () => void): void {
  const key = normalise(origin);
  const entry = shared.get(key);
  if (entry?.connection === connection && entry.users.delete(onCallContext) && !entry.users.size) {
    shared.delete(key);
    entry.connection.destroy();
  }
}
