import * as assert from 'node:assert/strict';
import { MAX_BACKOFF, RECOVERY_MS, type ScheduleInput, nextBackoff, nextDelayMs, shouldCheck } from '../../../src/status/schedule';

const base: ScheduleInput = { now: 1_000_000, focused: true, canCheck: true, pollIntervalMs: 60_000, backoff: 1, wouldSpendLast: false };

describe('the status bar schedule', () => {
  it('checks when focused, with a token, nothing heard for an interval, and budget to spare', () => {
    assert.equal(shouldCheck(base), true);
    assert.equal(shouldCheck({ ...base, lastResponseAt: base.now - 61_000 }), true);
  });

  it('does not check without focus, without a usable token, or right after traffic', () => {
    assert.equal(shouldCheck({ ...base, focused: false }), false);
    assert.equal(shouldCheck({ ...base, canCheck: false }), false);
    assert.equal(shouldCheck({ ...base, lastResponseAt: base.now - 30_000 }), false);
    assert.equal(shouldCheck({ ...base, lastResponseAt: base.now - 59_999 }), false, 'a millisecond short of the interval');
    assert.equal(shouldCheck({ ...base, lastResponseAt: base.now - 60_000 }), true, 'a whole interval since the last answer');
  });

  it('never spends the last request of a window', () => {
    assert.equal(shouldCheck({ ...base, wouldSpendLast: true }), false);
  });

  it('looks again soon after the API could not be reached, doubling, never later than the poll interval would', () => {
    const poll = 60_000;
    const delays = [1, 2, 4, 8].map((b) => nextDelayMs(poll, b, true));
    assert.deepEqual(delays, [RECOVERY_MS, 2 * RECOVERY_MS, 4 * RECOVERY_MS, 8 * RECOVERY_MS]);
    assert.equal(nextDelayMs(2000, 4, true), 8000, 'a short poll interval is never slowed by the recovery schedule');
    assert.equal(nextDelayMs(poll, 2), 2 * poll, 'reachable: the poll interval, backed off');
  });
  it('backs off on failing checks, doubling up to a bound, and comes back on success', () => {
    let b = 1;
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) seen.push((b = nextBackoff(b, false)));
    assert.deepEqual(seen, [2, 4, 8, MAX_BACKOFF, MAX_BACKOFF, MAX_BACKOFF]);
    assert.equal(nextBackoff(b, true), 1);
    assert.equal(shouldCheck({ ...base, backoff: 4, lastResponseAt: base.now - 120_000 }), false, 'a backed-off interval is longer');
  });
});
