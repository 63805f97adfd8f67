/**
 * What the rate limit learns and how it paces, on a fake clock: a server's answers written out as headers, the clock
 * moved by hand. The same behaviour against a real loopback server is in test/resilience/rateLimitRealTime.
 */
import * as assert from 'node:assert/strict';
import { MAX_WAIT_MS } from '../../../src/api/rateHeaders';
import { RateLimitState, SAFETY_MS } from '../../../src/api/rateLimit';

const T0 = Date.UTC(2026, 2, 18, 13, 0, 0, 500);
const h = (o: Record<string, string | number>) => ({ get: (n: string) => (o[n.toLowerCase()] === undefined ? null : String(o[n.toLowerCase()])) });

/** A state on a fake clock, and a way to send one request alone and answer it with `remaining`. */
function clocked(limit = 60) {
  let t = T0;
  const s = new RateLimitState(() => t);
  return {
    s,
    at: (ms: number) => (t = T0 + ms),
    now: () => t,
    /** One request alone: reserved, then answered with this remaining. */
    alone(remaining: number, extra: Record<string, string | number> = {}, status = 200) {
      assert.equal(s.reserve(), 0, 'the request had to wait');
      s.update(h({ 'x-ratelimit-limit': limit, 'x-ratelimit-remaining': remaining, ...extra }), status, t);
    },
  };
}

describe('rate limit learning, on a fake clock', () => {
  it('learns that each request counts twice (SendPortal with two throttles) and reserves two per request', () => {
    const c = clocked(30);
    c.alone(28);
    c.alone(26);
    assert.equal(c.s.snapshot.cost, 2);
    assert.equal(c.s.snapshot.remaining, 26);
    assert.equal(c.s.reserve(), 0);
    assert.equal(c.s.snapshot.remaining, 24, 'one request was reserved where the server charges two');
    c.s.abandon();
  });

  it('a request that came back with no answer (a network error) does not stop cost learning for the session', () => {
    const c = clocked(30);
    c.alone(28);
    assert.equal(c.s.reserve(), 0);
    c.s.abandon();
    c.alone(26);
    c.alone(24);
    assert.equal(c.s.snapshot.cost, 2);
  });

  it('does not take a concurrent burst for a higher cost', () => {
    const c = clocked(60);
    c.alone(59);
    for (let i = 0; i < 4; i++) assert.equal(c.s.reserve(), 0);
    // Answered out of order: two of them fall by 2 from the one before.
    for (const r of [57, 55, 56, 58]) c.s.update(h({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': r }), 200);
    c.alone(57);
    assert.equal(c.s.snapshot.cost, undefined, 'a drop of 2 after a burst is not one request costing 2');
  });

  it('a drop of more than 5 (another client) is not taken for a cost', () => {
    const c = clocked(60);
    c.alone(59);
    c.alone(50);
    assert.equal(c.s.snapshot.cost, undefined);
  });

  it('with the doubled cost learned, waits when one request is left rather than spend a 429', () => {
    const c = clocked(30);
    c.alone(28);
    c.alone(26);
    c.alone(0, { 'retry-after': 1, 'x-ratelimit-reset': Math.round((T0 - 500 + 2000) / 1000) }, 429);
    c.at(2500);
    c.alone(28);
    c.alone(26);
    // The window learned from the 429 (whole seconds: 13:00:00 → 13:00:02) predicts the next reset: the window
    // that began at 13:00:03 ends at 13:00:05.
    c.at(3100);
    c.alone(1);
    assert.equal(c.s.snapshot.resetAt, T0 - 500 + 5000);
    assert.equal(c.s.waitMs(), T0 - 500 + 5000 - c.now() + SAFETY_MS, 'one left where a request costs two: wait');
  });

  it('counts windows from the whole second of their first request, as Laravel does', () => {
    const c = clocked(5);
    c.alone(4);
    // The 429 names the end of a 2-second window that began at the whole second before T0.
    c.at(1200);
    c.alone(0, { 'x-ratelimit-reset': Math.round((T0 - 500 + 2000) / 1000), 'retry-after': 0 }, 429);
    c.at(2600);
    c.alone(4);
    c.at(2700);
    c.alone(0);
    // The second window began at 13:00:03.1, counted from 13:00:03: it ends at 13:00:05.
    assert.equal(c.s.snapshot.resetAt, T0 - 500 + 5000, 'the next window is predicted two seconds after its whole second');
  });

  it('never learns a window shorter than a second, nor lets one early 429 halve a window already learned', () => {
    const c = clocked(5);
    c.alone(4);
    c.at(100);
    c.alone(0, { 'x-ratelimit-reset': (T0 + 300) / 1000 }, 429);
    c.at(1000);
    c.alone(4);
    c.at(1100);
    c.alone(0);
    assert.equal(c.s.snapshot.resetAt, undefined, 'a 0.8 s window was learned');
  });

  it('a fresh window (the budget rose) forgets the old end and block', () => {
    const c = clocked(60);
    c.alone(1, { 'x-ratelimit-reset': Math.ceil((T0 + 30_000) / 1000) });
    assert.ok(c.s.snapshot.resetAt !== undefined);
    c.at(31_000);
    c.alone(59);
    assert.equal(c.s.snapshot.resetAt, undefined);
    assert.equal(c.s.snapshot.remaining, 59);
  });

  it("waits out a 429's Retry-After exactly, then starts a whole window again", () => {
    const c = clocked(10);
    c.alone(0, { 'retry-after': 7 }, 429);
    assert.equal(c.s.waitMs(), 7000 + SAFETY_MS);
    assert.equal(c.s.resumesAt(), c.now() + 7000);
    c.at(7000);
    assert.equal(c.s.waitMs(), 0);
    assert.equal(c.s.reserve(), 0);
    assert.equal(c.s.snapshot.remaining, 9, 'the whole window, less the request just reserved');
    assert.equal(c.s.snapshot.blockedUntil, undefined);
  });

  it('a used-up window whose end has passed is whole again', () => {
    const c = clocked(10);
    c.alone(0, { 'x-ratelimit-reset': Math.ceil((T0 + 5000) / 1000) });
    assert.ok(c.s.waitMs() > 0);
    assert.equal(c.s.resumesAt(), Math.ceil((T0 + 5000) / 1000) * 1000);
    c.at(6000);
    assert.equal(c.s.reserve(), 0);
    assert.equal(c.s.snapshot.remaining, 9);
  });

  it('believes no wait past an hour, and never a negative one', () => {
    const c = clocked(10);
    c.alone(0, { 'retry-after': MAX_WAIT_MS / 1000 + 1 }, 429);
    assert.equal(c.s.snapshot.blockedUntil, undefined);
    assert.equal(c.s.waitMs(), 0);
    c.alone(0, { 'retry-after': MAX_WAIT_MS / 1000 }, 429);
    assert.equal(c.s.waitMs(), MAX_WAIT_MS + SAFETY_MS);
  });

  it('an answer without rate-limit headers changes nothing; listeners hear every change once', () => {
    const c = clocked(10);
    const heard: number[] = [];
    const sub = c.s.onDidChange((snap) => heard.push(snap.remaining ?? -1));
    c.alone(9);
    c.s.update(h({}), 200);
    sub.dispose();
    c.alone(8);
    assert.deepEqual(heard, [9]);
    assert.equal(c.s.snapshot.updatedAt, c.now());
  });
});

describe('rate limit bookkeeping of requests in flight and waiting', () => {
  it('a request abandoned beside another leaves that one alone: its answer still teaches the cost', () => {
    const c = clocked(60);
    c.alone(58);
    assert.equal(c.s.reserve(), 0);
    assert.equal(c.s.reserve(), 0);
    c.s.abandon(); // one of the two came back with no answer
    c.s.update(h({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 56 }), 200, c.now());
    assert.equal(c.s.snapshot.cost, 2, 'the answered one, alone in flight now, showed a drop of 2');
  });

  it("a person's turn ended twice counts once: background work still yields to the one still waiting", () => {
    const c = clocked(60);
    c.alone(59);
    const first = c.s.waitingAhead();
    const second = c.s.waitingAhead();
    first();
    first();
    assert.ok(c.s.waitMsFor('background') > 0, 'the second person is waiting and background went ahead');
    second();
    assert.equal(c.s.waitMsFor('background'), 0);
  });
});
