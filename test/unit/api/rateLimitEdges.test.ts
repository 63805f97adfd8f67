/**
 * The rate limit at each boundary, on a fake clock: header forms, what counts as a fresh window, which drops teach a
 * cost, when a window is learned or predicted, and the edges of waiting. Each case pins a behaviour that a mutant of
 * src/api/rateLimit.ts changed without any other test noticing.
 */
import * as assert from 'node:assert/strict';
import { MAX_WAIT_MS, parseResetHeader, parseRetryAfter } from '../../../src/api/rateHeaders';
import { RateLimitState, SAFETY_MS } from '../../../src/api/rateLimit';

const NOW = 1_700_000_000_000;
const h = (o: Record<string, string | number>) => ({ get: (n: string) => (o[n.toLowerCase()] === undefined ? null : String(o[n.toLowerCase()])) });

function state(t0 = NOW) {
  let t = t0;
  const s = new RateLimitState(() => t);
  const answer = (o: Record<string, string | number>, status = 200) => s.update(h(o), status, t);
  const alone = (remaining: number, limit = 60) => {
    assert.equal(s.reserve(), 0);
    answer({ 'x-ratelimit-limit': limit, 'x-ratelimit-remaining': remaining });
  };
  return { s, answer, alone, at: (ms: number) => (t = t0 + ms), now: () => t };
}

describe('rate limit headers at their edges', () => {
  it('X-RateLimit-Reset: trimmed, decimals, anchored, seconds up to a day, epochs, an hour of plausibility', () => {
    assert.equal(parseResetHeader(' 30 ', NOW), NOW + 30_000);
    assert.equal(parseResetHeader('30.55', NOW), NOW + 30_550);
    assert.equal(parseResetHeader('x30', NOW), undefined);
    assert.equal(parseResetHeader('30.a', NOW), undefined);
    assert.equal(parseResetHeader('86400', NOW), NOW + 86_400_000, 'a day is still seconds from now');
    assert.equal(parseResetHeader(String((NOW + MAX_WAIT_MS) / 1000), NOW), NOW + MAX_WAIT_MS, 'exactly an hour ahead is believed');
    assert.equal(parseResetHeader(String((NOW + MAX_WAIT_MS + 1000) / 1000), NOW), undefined);
    assert.equal(parseResetHeader('1000000000000', 1e12), undefined, '1e12 is epoch seconds (far away), not ms');
    assert.equal(parseResetHeader('1000000000001', 1e12 + 1), 1e12 + 1, 'past 1e12: epoch ms');
    assert.equal(parseResetHeader('2023-11-14', NOW), undefined, 'a date without a time or zone is not read');
  });

  it('Retry-After: trimmed, decimals, anchored', () => {
    assert.equal(parseRetryAfter(' 7 ', NOW), 7000);
    assert.equal(parseRetryAfter('7.55', NOW), 7550);
    assert.equal(parseRetryAfter('x7', NOW), undefined);
    assert.equal(parseRetryAfter('7.a', NOW), undefined);
  });

  it('counts are whole numbers of up to nine digits, spaces allowed around them', () => {
    const c = state();
    c.answer({ 'x-ratelimit-limit': ' 60 ', 'x-ratelimit-remaining': '42a' });
    assert.deepEqual([c.s.snapshot.limit, c.s.snapshot.remaining], [60, undefined]);
    c.answer({ 'x-ratelimit-remaining': 'a42' });
    c.answer({ 'x-ratelimit-remaining': '1234567890' });
    assert.equal(c.s.snapshot.remaining, undefined);
    c.answer({ 'x-ratelimit-remaining': '\t41 ' });
    assert.equal(c.s.snapshot.remaining, 41);
  });

  it('any one rate-limit header is enough to update; a 429 alone says the window is used up', () => {
    const only = (o: Record<string, string | number>, status = 200) => {
      const c = state();
      c.answer(o, status);
      return c.s.snapshot;
    };
    assert.equal(only({ 'x-ratelimit-limit': 10 }).limit, 10);
    assert.equal(only({ 'x-ratelimit-remaining': 3 }).remaining, 3);
    assert.equal(only({ 'x-ratelimit-reset': 30 }).resetAt, NOW + 30_000);
    assert.equal(only({ 'retry-after': 5 }, 429).blockedUntil, NOW + 5000);
    assert.equal(only({}, 429).remaining, 0);
    assert.equal(only({}).updatedAt, undefined);
  });
});

describe('what one request costs', () => {
  it('is the median of the last five drops of requests answered alone, sorted', () => {
    const c = state();
    c.alone(59);
    for (const r of [56, 55, 53]) c.alone(r); // drops 3, 1, 2
    assert.equal(c.s.snapshot.cost, 2);
    const d = state();
    d.alone(59);
    for (const r of [58, 57, 56, 54, 52, 50]) d.alone(r); // drops 1,1,1,2,2,2: the last five are 1,1,2,2,2
    assert.equal(d.s.snapshot.cost, 2);
  });

  it('a drop of 1 counts, and so does 5; neither 0 nor 6', () => {
    const c = state();
    c.alone(59);
    for (const r of [57, 56, 55]) c.alone(r); // drops 2, 1, 1: the median is 1
    assert.equal(c.s.snapshot.cost, undefined);
    const five = state(NOW);
    five.alone(100, 120);
    five.alone(95, 120);
    five.alone(90, 120);
    assert.equal(five.s.snapshot.cost, 5);
    const six = state();
    six.alone(100, 120);
    six.alone(94, 120);
    assert.equal(six.s.snapshot.cost, undefined);
  });

  it('a request answered while another was in flight, or after others were sent, teaches nothing', () => {
    const c = state();
    c.alone(60 - 1);
    // Two out: the first answer comes while the second is in flight.
    c.s.reserve();
    c.s.reserve();
    c.answer({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 57 });
    c.s.reserve();
    c.answer({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 55 });
    // The last of them answers alone in flight, but others were sent since the answer before.
    c.answer({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 53 });
    assert.equal(c.s.snapshot.cost, undefined);
  });

  it('an answer to a request that was never reserved (or abandoned twice) does not break the counting', () => {
    const c = state();
    c.answer({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 59 });
    c.s.abandon();
    c.s.abandon();
    c.alone(57);
    c.alone(55);
    assert.equal(c.s.snapshot.cost, 2);
  });

  it("a drop is counted from the last ordinary answer, never from a 429's Remaining", () => {
    const d = state();
    d.alone(50);
    assert.equal(d.s.reserve(), 0);
    d.answer({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 45 }, 429);
    d.alone(48);
    assert.equal(d.s.snapshot.cost, 2, 'counted from 50, not from the 429');
  });

  it('clear() forgets the cost too', () => {
    const c = state();
    c.alone(58);
    c.alone(56);
    c.alone(54);
    assert.equal(c.s.snapshot.cost, 2);
    c.s.clear();
    assert.equal(c.s.snapshot.cost, undefined);
    c.answer({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 10 });
    assert.equal(c.s.reserve(), 0);
    assert.equal(c.s.snapshot.remaining, 9, 'one request reserves one again');
  });
});

describe('windows: fresh, learned, predicted', () => {
  it('the first answer starts a window when the budget is within 5 of whole', () => {
    const learns = (first: number) => {
      const c = state();
      c.answer({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': first });
      c.at(1500);
      c.answer({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 0, 'x-ratelimit-reset': Math.round((NOW + 60_000) / 1000) }, 429);
      c.at(61_000);
      c.alone(59);
      c.at(62_000);
      c.alone(0);
      return c.s.snapshot.resetAt;
    };
    assert.equal(learns(55), NOW + 61_000 + 60_000, 'a 60 s window learned from the first answer on');
    assert.equal(learns(54), undefined, 'a budget 6 short of whole: a window already under way, whose start is unknown');
  });

  it('a budget that rose by more than what answers out of order explain is a fresh window: the old end is forgotten', () => {
    const rises = (by: number) => {
      const c = state();
      c.answer({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 10, 'x-ratelimit-reset': 30 });
      c.answer({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 10 + by });
      return c.s.snapshot.resetAt;
    };
    assert.equal(rises(4), NOW + 30_000, 'four in flight may answer out of order');
    assert.equal(rises(5), undefined);
    const c = state();
    c.answer({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 10, 'x-ratelimit-reset': 30 });
    c.answer({ 'x-ratelimit-remaining': 20 });
    assert.equal(c.s.snapshot.resetAt, NOW + 30_000, 'without the limit, no fresh window is assumed');
  });

  it('a 429 without a time keeps the wait an earlier 429 named', () => {
    const c = state();
    c.answer({ 'retry-after': 20 }, 429);
    c.answer({}, 429);
    assert.equal(c.s.snapshot.blockedUntil, NOW + 20_000);
  });

  it('learns a window of exactly a second, and a window half as long as one learned, not shorter', () => {
    const c = state(1_700_000_000_000);
    c.alone(59);
    c.answer({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 0, 'x-ratelimit-reset': (NOW + 2000) / 1000 }, 429);
    c.at(2000);
    c.alone(59); // a new window at NOW + 2 s
    c.answer({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 0, 'x-ratelimit-reset': (NOW + 3000) / 1000 }, 429); // 1 s: half of 2
    c.at(3000);
    c.alone(59);
    c.at(3100);
    c.alone(0);
    assert.equal(c.s.snapshot.resetAt, NOW + 4000, 'the 1 s window was learned');
    const d = state(1_700_000_000_000);
    d.alone(59);
    d.answer({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 0, 'x-ratelimit-reset': (NOW + 3000) / 1000 }, 429);
    d.at(3000);
    d.alone(59);
    d.answer({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 0, 'x-ratelimit-reset': (NOW + 4000) / 1000 }, 429); // 1 s: less than half of 3
    d.at(4000);
    d.alone(59);
    d.at(4100);
    d.alone(0);
    assert.equal(d.s.snapshot.resetAt, NOW + 7000, 'the 3 s window stayed');
  });

  it('predicts a reset only when the budget is below one request and no reset is known', () => {
    const c = state();
    c.alone(59);
    c.answer({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 0, 'x-ratelimit-reset': (NOW + 10_000) / 1000 }, 429);
    c.at(10_000);
    c.alone(59);
    c.at(10_100);
    c.alone(1);
    assert.equal(c.s.snapshot.resetAt, undefined, 'one left is enough for one request');
    assert.equal(c.s.waitMs(), 0);
    c.alone(0);
    assert.equal(c.s.snapshot.resetAt, NOW + 20_000);
    assert.equal(c.s.waitMs(), NOW + 20_000 - c.now() + SAFETY_MS);
  });
});

describe('waiting at its edges', () => {
  it('waits until a known reset, not at the moment it comes; a reserve then starts the window whole', () => {
    const c = state();
    c.answer({ 'x-ratelimit-limit': 10, 'x-ratelimit-remaining': 0, 'x-ratelimit-reset': (NOW + 5000) / 1000 });
    assert.equal(c.s.waitMs(), 5000 + SAFETY_MS);
    assert.equal(c.s.resumesAt(), NOW + 5000);
    c.at(5000);
    assert.equal(c.s.waitMs(), 0, 'the reset has come');
    assert.equal(c.s.resumesAt(), undefined);
    assert.equal(c.s.reserve(), 0);
    assert.equal(c.s.snapshot.remaining, 9);
  });

  it('with one left and a cost of one, goes; with none left, waits', () => {
    const c = state();
    c.answer({ 'x-ratelimit-limit': 10, 'x-ratelimit-remaining': 1, 'x-ratelimit-reset': 5 });
    assert.equal(c.s.waitMs(), 0);
    assert.equal(c.s.reserve(), 0);
    assert.equal(c.s.snapshot.remaining, 0);
    assert.ok(c.s.reserve() > 0);
  });

  it('a budget never told stays untold when a request is reserved', () => {
    const c = state();
    assert.equal(c.s.reserve(), 0);
    assert.equal(c.s.snapshot.remaining, undefined);
  });

  it('a check would spend the last request while the budget is at most one request and the window lasts', () => {
    const c = state();
    c.answer({ 'x-ratelimit-limit': 10, 'x-ratelimit-remaining': 1, 'x-ratelimit-reset': 5 });
    assert.equal(c.s.wouldSpendLast(), true);
    c.at(5000);
    assert.equal(c.s.wouldSpendLast(), false, 'the window ends now');
    const d = state();
    d.answer({ 'x-ratelimit-limit': 10, 'x-ratelimit-remaining': 1 });
    d.at(5 * 60_000 - 1);
    assert.equal(d.s.wouldSpendLast(), true);
    d.at(5 * 60_000);
    assert.equal(d.s.wouldSpendLast(), false, 'five minutes on, the budget has been renewed');
    const e = state();
    e.answer({ 'x-ratelimit-limit': 10, 'x-ratelimit-remaining': 2 });
    assert.equal(e.s.wouldSpendLast(), false);
  });
});
