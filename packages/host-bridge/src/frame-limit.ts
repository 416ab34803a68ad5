import { bridgeMessage } from '@ucbridge/protocol';

/**
 * Bounds the calls one frame has in flight, across every port it opened and its documented-shape
 * messages: a frame that says HELLO ten times, or posts 2,000 documented messages, still has at most
 * `max` platform calls running. Returns `admit(frame)`: a `release` to call when that call settles,
 * or `undefined` when the frame is at its limit (the caller answers `RATE_LIMITED` and calls nothing).
 * Throws a `TypeError` for a `max` that is not a whole number from 1 up. @default 16
 */
export function frameLimit(max: unknown = 16): (frame: object) => (() => void) | undefined {
  if (!Number.isInteger(max) || (max as number) < 1) throw new TypeError(bridgeMessage('INVALID_OPTION', `maxPendingPerPort must be a whole number from 1 up; got ${String(max)}`));
  const inFlight = new WeakMap<object, number>();
  return (frame) => {
    const count = inFlight.get(frame) ?? 0;
    if (count >= (max as number)) return undefined;
    inFlight.set(frame, count + 1);
    let released = false;
    return () => {
      if (!released) inFlight.set(frame, inFlight.get(frame)! - 1);
      released = true;
    };
  };
}
