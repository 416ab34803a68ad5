import type { OriginMatcher } from '@ucbridge/protocol';

/** What the `log` option prints: a line of text (`ucbridge client sent to …`) and the message or the reason. */
export type DebugPrinter = (line: string, detail?: unknown) => void;

/**
 * One debug line: a message `sent` to the form, `received` from it, `accepted` (a `WELCOME` or a
 * `CALL_CONTEXT` taken), `refused` (a `REFUSED`, or an answer not taken, with the reason) or
 * `disconnected` (a `BYE`, `REPLACED` included, with the reason), and the origin it went to or came
 * from. Off (`undefined`) unless the `log` option asks for it, so each hook in the client costs one `?.`.
 */
export type DebugLog = (event: 'received' | 'sent' | 'accepted' | 'refused' | 'disconnected', origin: string, detail?: unknown) => void;

/**
 * The client's debug log for `options.log`: `true` prints with `console.log`, a function receives
 * every line instead; anything else turns it off — penpal's `log` option, for "nothing happens".
 */
export function createDebugLog(option: boolean | DebugPrinter | undefined): DebugLog | undefined {
  if (!option) return undefined;
  const print: DebugPrinter = typeof option == 'function' ? option : (line, detail) => console.log(line, detail);
  return (event, origin, detail) => {
    try {
      print(`ucbridge client ${event} ${event == 'sent' ? 'to' : 'from'} ${origin || '(no origin: nothing may be posted)'}`, detail);
    } catch {
      // a printer's own bug must not stop the client
    }
  };
}

/**
 * Why the client did not take a message its parent (the form) sent on the window: no handshake
 * running, not the answer to the latest `HELLO`, or an origin that `hostOrigin` does not match.
 */
export function whyIgnored(origin: string, data: unknown, helloId: string, matches: OriginMatcher, hostOrigin: string | readonly string[]): string {
  if (!matches(origin)) return `origin ${origin} does not match hostOrigin ${[hostOrigin].flat().join(' or ')}`;
  if (!helloId) return 'no handshake running (already connected, or destroyed)';
  return `not an answer to the latest HELLO (${helloId}): ${JSON.stringify((data as { replyTo?: unknown } | null)?.replyTo)}`;
}
