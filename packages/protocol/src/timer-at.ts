import { MAX_TIMER_MS } from './milliseconds.js';

/**
 * One timer that runs `due` at the earliest time it was armed for: `arm(at)` (a `Date.now()` value)
 * moves it earlier, never later; `Infinity` arms nothing. A delay longer than a timer can hold
 * (2^31−1 ms) is cut to that, and `due` re-arms for what is left, so a far deadline costs one timer
 * every 24.8 days, not one every few ms. Returns `[arm, disarm]`.
 */
export function timerAt(due: () => void): [arm: (at: number) => void, disarm: () => void] {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let armedAt = Infinity;
  const arm = (at: number) => {
    if (at < armedAt) {
      clearTimeout(timer);
      armedAt = at;
      timer = setTimeout(
        () => {
          armedAt = Infinity;
          due();
        },
        Math.min(at - Date.now(), MAX_TIMER_MS),
      );
    }
  };
  const disarm = () => {
    clearTimeout(timer);
    armedAt = Infinity;
  };
  return [arm, disarm];
}
