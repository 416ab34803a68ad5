import { connectToHost } from '../index.js';
import type { HostConnection } from '../index.js';

/**
 * One connection per console origin for all the elements of a page. The form's bridge keeps one
 * port per frame and a new handshake from the same frame replaces the old port (that is how a
 * reloaded CRM page gets through): two elements with their own connections would keep taking
 * the port from each other. So elements that name the same `host-origin` share one connection,
 * destroyed when the last of them leaves the page.
 */
const shared = new Map<string, { connection: HostConnection; users: Set<() => void> }>();

/**
 * The page's connection to `origin`, made on first use. Pair every call with {@link releaseConnection}.
 * `onCallContext` runs whenever the form's call changes (each user's own function: the elements re-render).
 */
export function acquireConnection(origin: string, onCallContext: () => void): HostConnection {
  let entry = shared.get(origin);
  if (!entry) {
    const users = new Set<() => void>();
    shared.set(origin, (entry = { connection: connectToHost({ hostOrigin: origin, onCallContext: () => users.forEach((user) => user()) }), users }));
  }
  entry.users.add(onCallContext);
  return entry.connection;
}

/** Gives back a connection from {@link acquireConnection} (with the same function); the last user's release destroys it. */
export function releaseConnection(origin: string, onCallContext: () => void): void {
  const entry = shared.get(origin);
  if (entry?.users.delete(onCallContext) && !entry.users.size) {
    shared.delete(origin);
    entry.connection.destroy();
  }
}
