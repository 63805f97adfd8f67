import * as assert from 'node:assert/strict';
import { RateLimitedError } from '../../../src/api';
import { parseResetHeader, parseRetryAfter } from '../../../src/api/rateHeaders';
import { RateLimitState, SAFETY_MS } from '../../../src/api/rateLimit';
import { type Sandbox, startSandbox } from '../../../test/sandbox/server';
import { makeProvider, rejection } from '../../../test/support/providers';

const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n.toLowerCase()] ?? null });

describe('rate limits', () => {
  describe('header parsing', () => {
    const now = Date.UTC(2026, 2, 18, 13, 1, 0);
    it('reads X-RateLimit-Reset as epoch seconds, epoch ms, ISO date and delta seconds', () => {
      assert.equal(parseResetHeader('1773838920', now), 1773838920_000);
      assert.equal(parseResetHeader('1773838920000', now), 1773838920_000);
      assert.equal(parseResetHeader('2026-03-18T13:02:00Z', now), Date.UTC(2026, 2, 18, 13, 2, 0));
      assert.equal(parseResetHeader('30', now), now + 30_000);
      assert.equal(parseResetHeader('soon', now), undefined);
      assert.equal(parseResetHeader(null, now), undefined);
    });
    it('reads Retry-After as seconds or an HTTP date', () => {
      assert.equal(parseRetryAfter('7', now), 7000);
      assert.equal(parseRetryAfter('Wed, 18 Mar 2026 13:01:30 GMT', now), 30_000);
      assert.equal(parseRetryAfter('Wed, 18 Mar 2026 12:00:00 GMT', now), 0);
      assert.equal(parseRetryAfter('later', now), undefined);
    });
    it('updates from every response and tells its listeners', () => {
      let t = now;
      const s = new RateLimitState(() => t);
      const seen: (number | undefined)[] = [];
      s.onDidChange((snap) => seen.push(snap.remaining));
      s.update(headers({ 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '59' }), 200);
      s.update(headers({ 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '58' }), 200);
      s.update(headers({}), 200);
      assert.deepEqual(seen, [59, 58]);
      assert.equal(s.snapshot.limit, 60);
      t += 1000;
      s.update(headers({ 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'retry-after': '5' }), 429);
      assert.equal(s.snapshot.blockedUntil, t + 5000);
      assert.equal(s.reserve(), 5000 + SAFETY_MS, 'must wait out Retry-After');
      assert.ok(s.waitMs() > 0);
    });
    it('learns the window from one 429 when the server sends no reset before it (SendPortal), then waits', () => {
      let t = now;
      const s = new RateLimitState(() => t);
      const ok = (remaining: number) => s.update(headers({ 'x-ratelimit-limit': '3', 'x-ratelimit-remaining': String(remaining) }), 200);
      ok(2);
      t += 10_000;
      ok(0);
      assert.equal(s.reserve(), 0, 'no window known yet: nothing to wait for');
      s.update(
        headers({
          'x-ratelimit-limit': '3',
          'x-ratelimit-remaining': '0',
          'retry-after': '50',
          'x-ratelimit-reset': String((now + 60_000) / 1000),
        }),
        429,
      );
      assert.equal(s.reserve(), 50_000 + SAFETY_MS);
      t = now + 60_000;
      ok(2);
      t += 5_000;
      ok(0);
      assert.equal(s.snapshot.resetAt, now + 120_000, 'reset predicted from the learned 60 s window');
      assert.equal(s.reserve(), 55_000 + SAFETY_MS);
    });
  });

  describe('against the sandbox', () => {
    let sb: Sandbox;
    before(async () => (sb = await startSandbox()));
    after(() => sb.stop());
    beforeEach(() => sb.reset());

    it('backs off exponentially on consecutive 429s without Retry-After, bounded in attempts', async () => {
      const { provider, logs } = makeProvider(sb, 'sender', { retry: { baseDelayMs: 60, rateLimitRetries: 3, maxTotalWaitMs: 10_000 } });
      sb.addFaults({ kind: 'tooMany', retryAfter: null, times: 10 });
      const times: number[] = [];
      const e = await rejection(provider.listSubscribers(1));
      for (const seen of sb.seen.slice(-4)) times.push(seen.at);
      assert.ok(e instanceof RateLimitedError);
      assert.match(e.message, /rate limit is used up \(429\)/);
      assert.equal(logs.length, 4, 'one try and three retries');
      // Backoff with jitter is between half and all of 60 · 2^n: gaps of 30–60, 60–120, 120–240 ms.
      const gaps = times.slice(1).map((t, i) => t - times[i]);
      assert.ok(gaps[2] >= 120 - 10, `third gap ${gaps[2]} ms: not exponential (${gaps.join(', ')})`);
      assert.ok(gaps[2] > gaps[0], `gaps do not grow: ${gaps.join(', ')}`);
      sb.clearFaults();
    });

    it('gives up at once when the wait would pass the total bound', async () => {
      const { provider, logs } = makeProvider(sb, 'sender', { retry: { maxTotalWaitMs: 500 } });
      sb.addFaults({ kind: 'tooMany', retryAfter: 30 });
      const started = Date.now();
      const e = await rejection(provider.listSubscribers(1));
      assert.ok(e instanceof RateLimitedError);
      assert.ok(((e as RateLimitedError).retryAfterMs ?? 0) >= 29_000, 'says how long it would have had to wait');
      assert.ok(Date.now() - started < 400);
      assert.equal(logs.length, 1);
    });

    it('can be cancelled while waiting for a 429 to pass', async () => {
      const { provider } = makeProvider(sb, 'sender');
      sb.addFaults({ kind: 'tooMany', retryAfter: 3 });
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 100);
      const started = Date.now();
      const e = await rejection(provider.listSubscribers(1, { signal: ac.signal }));
      assert.equal(e.name, 'CancelledError');
      assert.ok(Date.now() - started < 1000);
    });

    it('keeps at most 4 requests of one connection in flight', async () => {
      const { provider } = makeProvider(sb, 'sender');
      sb.addFaults({ kind: 'latency', ms: 150, times: 8 });
      const started = Date.now();
      await Promise.all(Array.from({ length: 8 }, (_, i) => provider.listSubscribers(i + 1)));
      assert.ok(Date.now() - started >= 290, 'eight slow requests finished in one round: no cap');
    });
  });
});

describe('rate limits: hostile or absurd headers stay bounded', () => {
  const now = Date.UTC(2026, 2, 18, 13, 1, 0);
  const h = (o: Record<string, string>) => ({ get: (n: string) => o[n.toLowerCase()] ?? null });

  it('ignores waits and resets further than an hour away, non-finite and huge numbers', () => {
    for (const v of ['999999999', '1' + '0'.repeat(400), 'Fri, 31 Dec 9999 23:59:59 GMT', 'Infinity', '-5']) {
      assert.equal(parseRetryAfter(v, now), undefined, `Retry-After: ${v.slice(0, 20)}`);
    }
    for (const v of ['99999999999999', '999999999', '1' + '0'.repeat(400), '9999-12-31T23:59:59Z']) {
      assert.equal(parseResetHeader(v, now), undefined, `X-RateLimit-Reset: ${v.slice(0, 20)}`);
    }
    assert.equal(parseRetryAfter('3600', now), 3_600_000, 'an hour is still believed');
    assert.equal(parseResetHeader(String(Math.round(now / 1000) + 60), now), now + 60_000, 'epoch seconds a minute ahead');
  });

  it('a 429 with an absurd Retry-After does not block the connection', () => {
    const s = new RateLimitState(() => now);
    s.update(
      h({ 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'retry-after': '999999999', 'x-ratelimit-reset': '99999999999999' }),
      429,
    );
    assert.ok(s.waitMs() <= 3_600_000 + SAFETY_MS);
    assert.equal(s.snapshot.blockedUntil, undefined);
  });

  it('clear() forgets a used-up window (a new token, Check Now)', () => {
    const s = new RateLimitState(() => now);
    s.update(h({ 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'retry-after': '30' }), 429);
    assert.ok(s.waitMs() > 0);
    s.clear();
    assert.equal(s.waitMs(), 0);
    assert.equal(s.reserve(), 0);
  });

  it('knows when a check would spend the last request of the window', () => {
    let t = now;
    const s = new RateLimitState(() => t);
    s.update(h({ 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '5' }), 200);
    assert.equal(s.wouldSpendLast(), false);
    s.update(h({ 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '1' }), 200);
    assert.equal(s.wouldSpendLast(), true);
    t += 6 * 60_000;
    assert.equal(s.wouldSpendLast(), false, 'a low budget seen long ago has been renewed');
  });
});
