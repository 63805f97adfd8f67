/**
 * The person first: background work leaves each window's reserve free and yields while a person's request waits;
 * on a fake clock, then through the real request path against the sandbox over loopback.
 */
import * as assert from 'node:assert/strict';
import { RateLimitState, SAFETY_MS, backgroundReserve } from '../../../src/api/rateLimit';
import { currentPriority, withPriority } from '../../../src/api';
import { type Sandbox, startSandbox } from '../../../test/sandbox/server';
import { makeProvider } from '../../../test/support/providers';

const T0 = Date.UTC(2026, 2, 18, 13, 0, 0, 0);
const h = (o: Record<string, string | number>) => ({ get: (n: string) => (o[n.toLowerCase()] === undefined ? null : String(o[n.toLowerCase()])) });

describe('priorities in the one request path', () => {
  it("work nobody marked is the person's; marked work keeps its mark through awaits, and the mark ends with it", async () => {
    assert.equal(currentPriority(), 'person');
    assert.equal(currentPriority('view'), 'view', 'a caller that knows better');
    const inside = await withPriority('background', async () => {
      await new Promise((r) => setImmediate(r));
      return currentPriority();
    });
    assert.deepEqual([inside, currentPriority()], ['background', 'person']);
  });

  it('keeps a reserve of 10 % of the limit, at least 2', () => {
    assert.deepEqual([backgroundReserve(60), backgroundReserve(30), backgroundReserve(5), backgroundReserve(1000)], [6, 3, 2, 100]);
  });

  it('background work stops at the reserve until the window ends; the person and the view do not', () => {
    let t = T0;
    const s = new RateLimitState(() => t);
    const reset = new Date(T0 + 40_000).toISOString();
    s.update(h({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 7, 'x-ratelimit-reset': reset }), 200, t);
    assert.equal(s.reserve('background'), 0, '7 left: one more leaves the reserve of 6 whole');
    assert.equal(s.waitMsFor('background'), 40_000 + SAFETY_MS, 'the reserve was spent by background work');
    assert.equal(s.reserve('background'), 40_000 + SAFETY_MS);
    assert.equal(s.snapshot.remaining, 6, 'a wait spent nothing');
    assert.equal(s.waitMsFor('view'), 0);
    assert.equal(s.reserve('person'), 0);
    assert.equal(s.snapshot.remaining, 5);
    t = T0 + 40_001;
    assert.equal(s.waitMsFor('background'), 0, 'a new window: background work goes on');
  });

  it('without a reset time (SendPortal before its first 429) the reserve holds for a minute from the window seen to start', () => {
    let t = T0 + 500;
    const s = new RateLimitState(() => t);
    s.update(h({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 59 }), 200, t); // a fresh window, from this whole second
    s.update(h({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 6 }), 200, t);
    t = T0 + 20_000;
    assert.equal(s.waitMsFor('background'), 40_000 + SAFETY_MS);
    assert.equal(s.waitMsFor('person'), 0);
  });

  it('a request sent after the predicted end that is not answered as a fresh window starts the window it is in', () => {
    let t = T0;
    const s = new RateLimitState(() => t);
    s.update(h({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 59 }), 200, t);
    t = T0 + 70_000; // the predicted window (a minute from T0) is over; the server's own began elsewhere
    s.update(h({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 6 }), 200, t);
    t = T0 + 71_000;
    assert.equal(s.waitMsFor('background'), 59_000 + SAFETY_MS, 'the reserve was given away on a window long past');
  });

  it("yields while a person's or the view's request waits for its turn, and goes on once it went", () => {
    const s = new RateLimitState(() => T0);
    s.update(h({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 50 }), 200, T0);
    const done = s.waitingAhead();
    assert.ok(s.waitMsFor('background') > 0, 'background work went ahead of a waiting person');
    assert.equal(s.waitMsFor('view'), 0);
    done();
    done(); // twice is once
    assert.equal(s.waitMsFor('background'), 0);
  });

  it("a background job's ETA counts the windows it must wait out, the reserve kept", () => {
    let t = T0;
    const s = new RateLimitState(() => t);
    assert.equal(s.backgroundEtaMs(10, 100), 1000, 'nothing known: the pace alone');
    s.update(h({ 'x-ratelimit-limit': 60, 'x-ratelimit-remaining': 30, 'x-ratelimit-reset': new Date(T0 + 40_000).toISOString() }), 200, t);
    assert.equal(s.backgroundEtaMs(24, 100), 2400, 'inside what this window leaves above the reserve of 6');
    // 24 now, then 54 a window: 40 s to this window's end, one whole window, then 22 more.
    assert.equal(s.backgroundEtaMs(100, 100), 40_000 + SAFETY_MS + 60_000 + SAFETY_MS + 2200);
    t = T0 + 30_000;
    assert.equal(s.backgroundEtaMs(100, 100), 10_000 + SAFETY_MS + 60_000 + SAFETY_MS + 2200, 'the wait shrinks as the clock moves');
  });

  describe('through the request path, against the sandbox', () => {
    let sb: Sandbox;
    before(async () => (sb = await startSandbox()));
    after(() => sb.stop());
    beforeEach(() => sb.reset());

    it("a person's request during a background walk goes at once and the walk never takes the reserve", async () => {
      sb.setRateLimit('sendportal', { limit: 20, windowMs: 3000 });
      const { provider } = makeProvider(sb, 'sendportal', { retry: { baseDelayMs: 20, maxTotalWaitMs: 30_000 } });
      const rateLimit = provider.rateLimit;
      const stop = new AbortController();
      let pages = 0;
      let lowest = Infinity;
      const walk = withPriority('background', async () => {
        for (let page = 1; !stop.signal.aborted; page++) {
          await provider.listSubscribers(page, { signal: stop.signal }).catch(() => undefined);
          pages++;
          lowest = Math.min(lowest, rateLimit.snapshot.remaining ?? Infinity);
        }
      });
      let tookMs: number;
      try {
        // Wait until the walk sits at the reserve (it has spent 20 − 2 of its window).
        while (pages < 18) await new Promise((r) => setTimeout(r, 10));
        const asked = Date.now();
        await provider.getSubscriber('1');
        tookMs = Date.now() - asked;
      } finally {
        stop.abort(); // a failure here must not leave the walk running
        await walk;
      }
      assert.ok(tookMs < 1000, `the person waited ${tookMs} ms behind background work`);
      assert.ok(lowest >= backgroundReserve(20) - 1, `background work spent the reserve: ${lowest} left`);
      assert.equal(sb.stats.tooMany.sendportal, 0, 'a 429 was spent');
    });
  });
});
