import { afterEach, describe, expect, it, vi } from 'vitest';
import { timerAt } from './timer-at.js';

afterEach(() => vi.useRealTimers());

describe('timerAt: one timer for the earliest deadline', () => {
  it('a deadline 40 days away holds one timer, cut to 2^31-1 ms, instead of firing at once and re-arming every few ms', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const spy = vi.spyOn(globalThis, 'setTimeout');
    let due = 0;
    const [arm] = timerAt(() => due++);
    arm(Date.now() + 40 * 86_400_000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(due).toBe(0);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]![1]).toBe(2_147_483_647);
  });

  it('moves earlier, never later; Infinity arms nothing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    let due = 0;
    const [arm, disarm] = timerAt(() => due++);
    arm(Infinity);
    expect(vi.getTimerCount()).toBe(0);
    arm(Date.now() + 100);
    arm(Date.now() + 500);
    await vi.advanceTimersByTimeAsync(100);
    expect(due).toBe(1);
    arm(Date.now() + 50);
    disarm();
    await vi.advanceTimersByTimeAsync(100);
    expect(due).toBe(1);
  });
});
