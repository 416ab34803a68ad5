import type { HostConnection } from './types.js';

/** The live connections this page made, per window and normalised `hostOrigin`: the elements share them. */
const live = new WeakMap<object, Map<string, HostConnection>>();

/** `hostOrigin` written one way: each origin as the browser writes it, sorted (`X` and `X/` are one). */
function originKey(hostOrigin: string | readonly string[]): string {
  return (typeof hostOrigin == 'string' ? [hostOrigin] : [...hostOrigin])
    .map((origin) => {
      try {
        return new URL(origin).origin;
      } catch {
        return origin;
      }
    })
    .sort()
    .join(' ');
}

/**
 * The connection this page made with `connectToHost` to `hostOrigin` (written any way: `X` and `X/`
 * are the same) and has not destroyed, if there is one. The elements use it rather than opening a
 * second connection from the same frame, which would take the form's port from the first (`REPLACED`).
 */
export function connectionTo(hostOrigin: string | readonly string[], win: object = window): HostConnection | undefined {
  return live.get(win)?.get(originKey(hostOrigin));
}

/**
 * Records a new connection as the page's connection to `hostOrigin`, unless the page already has a
 * live one (the first stays the page's). Returns what `destroy()` calls to forget it.
 */
export function register(win: object, hostOrigin: string | readonly string[], connection: HostConnection): () => void {
  const key = originKey(hostOrigin);
  if (!live.has(win)) live.set(win, new Map());
  const connections = live.get(win)!;
  if (!connections.has(key)) connections.set(key, connection);
  return () => connections.get(key) === connection && connections.delete(key);
}
