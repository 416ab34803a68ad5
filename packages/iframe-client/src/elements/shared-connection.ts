import { connectToHost } from '../index.js';
import type { HostConnection } from '../index.js';

/**
 * One connection per console origin for all the elements of a page. The form's bridge keeps one
 * port per frame and a new handshake from the same frame replaces the old port (that is how a
 * reloaded CRM page gets through): two elements with their own connections would keep taking
 * the port from each other. So elements that name the same `host-origin` share one connection,
 * destroyed when the last of them leaves the page.
 */
const shared = new Map<string, { connection: HostConnection; users: number }>();

/** The page's connection to `origin`, made on first use. Pair every call with {@link releaseConnection}. */
export function acquireConnection(origin: string): HostConnection {
  let entry = shared.get(origin);
  if (!entry) shared.set(origin, (entry = { connection: connectToHost({ hostOrigin: origin }), users: 0 }));
  entry.users++;
  return entry.connection;
}

/** Gives back a connection from {@link acquireConnection}; the last user's release destroys it. */
export function releaseConnection(origin: string): void {
  const entry = shared.get(origin);
  if (entry && --entry.users === 0) {
    shared.delete(origin);
    entry.connection.destroy();
  }
}
