import type { PortLike } from './session.js';

/** What the `log` option prints: a line of text (`ucbridge host received … from …`) and the message or the reason. */
export type DebugPrinter = (line: string, detail?: unknown) => void;

/**
 * One debug line: a message `received`, `sent`, `accepted` or `refused` (with the reason), or the
 * `outcome` of an accepted request, and the origin it came from or went to. Off (`undefined`) unless the `log` option asks for it, so the hooks
 * in the bridge cost one `?.` when nobody debugs.
 */
export type DebugLog = (event: 'received' | 'sent' | 'accepted' | 'refused' | 'outcome', origin: string, detail?: unknown) => void;

/**
 * The bridge's debug log for `options.log` (the script tag's `data-log`): `true` prints with
 * `console.log`, a function receives every line instead; anything else turns it off. It prints
 * every message the bridge receives on the window or a port, every message it sends, and every
 * accepted or refused message with the reason — penpal's `log` option, for "nothing happens".
 */
export function createDebugLog(option: boolean | DebugPrinter | undefined): DebugLog | undefined {
  if (!option) return undefined;
  const print: DebugPrinter = typeof option == 'function' ? option : (line, detail) => console.log(line, detail);
  return (event, origin, detail) => {
    try {
      print(`ucbridge host ${event} ${event == 'sent' ? 'to' : event == 'outcome' ? 'for' : 'from'} ${origin}`, detail);
    } catch {
      // a printer's own bug must not stop the bridge
    }
  };
}

/**
 * A session's port with every message it sends and receives printed (one hook for all port
 * traffic: requests, replies, BYE). Without a debug log the port itself is returned.
 */
export function debugPort(port: MessagePort, origin: string, debug: DebugLog | undefined): PortLike {
  if (!debug) return port;
  return {
    postMessage(message: unknown) {
      debug('sent', origin, message);
      port.postMessage(message);
    },
    close: () => port.close(),
    get onmessage() {
      return port.onmessage;
    },
    set onmessage(handler) {
      port.onmessage = handler && ((event: MessageEvent) => (debug('received', origin, event.data), handler.call(port, event)));
    },
  } as PortLike;
}
