import * as assert from 'node:assert/strict';
import type { Sandbox } from '../sandbox/server';
import { makeProvider, useFreshSandbox, useSandbox } from '../support/providers';

// Real time against loopback (about 40 s): the same learning is checked on a fake clock in test/unit/api/rateLimitClock.
describe('rate limits: whole-second windows and requests that count twice (real SendPortal)', () => {
  const sandbox = useSandbox();

  it('spends at most the one 429 that teaches the window over 300 requests (whole-second windows)', async function () {
    this.timeout(60_000);
    const sb = sandbox.get();
    sb.reset();
    sb.setRateLimit('sendportal', { limit: 20, windowMs: 2000 });
    const { provider } = makeProvider(sb, 'sendportal', { retry: { maxTotalWaitMs: 30_000 } });
    for (let i = 0; i < 300; i++) await provider.listCampaigns((i % 3) + 1);
    assert.ok(sb.stats.tooMany.sendportal <= 1, `${sb.stats.tooMany.sendportal} 429s`);
  });

  it('learns that each request counts twice, paces by it, and spends at most one 429', async function () {
    this.timeout(60_000);
    const sb = sandbox.get();
    sb.reset();
    sb.setRateLimit('sendportal', { limit: 30, windowMs: 2000, cost: 2 });
    const { provider } = makeProvider(sb, 'sendportal', { retry: { maxTotalWaitMs: 30_000 } });
    for (let i = 0; i < 100; i++) await provider.listCampaigns((i % 3) + 1);
    assert.ok(sb.stats.tooMany.sendportal <= 1, `${sb.stats.tooMany.sendportal} 429s`);
    assert.equal(provider.rateLimit.snapshot.cost, 2);
  });

  it('does not take a concurrent burst for a doubled cost', async () => {
    const sb = sandbox.get();
    sb.reset();
    const { provider } = makeProvider(sb, 'sendportal');
    for (let i = 0; i < 5; i++) await Promise.all([1, 2, 3, 4].map((p) => provider.listCampaigns(p)));
    assert.equal(provider.rateLimit.snapshot.cost, undefined);
  });
});

// What can only be seen by waiting: a window to its reset, a Retry-After to its time (1–4 s each). Kept out of the unit
// tests, which every mutant of the request path runs; the same waits are decided on a fake clock in rateLimitClock.
describe('rate limits against the sandbox, waiting in real time', () => {
  const sandbox = useFreshSandbox();
  let sb: Sandbox;
  beforeEach(() => (sb = sandbox.get()));

  for (const kind of ['sender', 'sendportal'] as const) {
    it(`${kind}: waits for the reset when Remaining is 0 instead of spending a 429`, async () => {
      sb.setRateLimit(kind, { limit: 5, windowMs: 1000 });
      const { provider } = makeProvider(sb, kind);
      const started = Date.now();
      for (let p = 1; p <= 12; p++) await provider.listSubscribers(p);
      const took = Date.now() - started;
      // Sender sends the reset on every response; SendPortal only with a 429, so one 429 teaches the window.
      assert.equal(sb.stats.tooMany[kind], kind === 'sender' ? 0 : 1, `${sb.stats.tooMany[kind]} 429s spent`);
      assert.ok(took >= 1000, `12 requests at 5 per 1000 ms took only ${took} ms`);
      assert.equal(provider.rateLimit.snapshot.limit, 5);
    });
  }

  it('retries after a 429 with Retry-After in seconds and succeeds', async () => {
    const { provider, logs } = makeProvider(sb, 'sender');
    sb.addFaults({ kind: 'tooMany', retryAfter: 1 });
    const started = Date.now();
    const page = await provider.listSubscribers(1);
    assert.equal(page.items.length, 25);
    assert.deepEqual(
      logs.map((l) => l.status),
      [429, 200],
    );
    assert.ok(Date.now() - started >= 950, 'did not wait for Retry-After');
  });

  it('retries after a 429 with Retry-After as an HTTP date, waiting until that date', async () => {
    // Only the date says how long: no X-RateLimit-Reset, and the backoff (20 ms) is far shorter than the wait.
    const { provider, logs } = makeProvider(sb, 'sendportal');
    const until = new Date(Math.ceil((Date.now() + 2500) / 1000) * 1000);
    sb.addFaults({
      kind: 'raw',
      status: 429,
      provider: 'sendportal',
      body: '{"message":"Too Many Attempts."}',
      headers: { 'Retry-After': until.toUTCString() },
    });
    const started = Date.now();
    await provider.listCampaigns(1);
    assert.deepEqual(
      logs.map((l) => l.status),
      [429, 200],
    );
    assert.ok(Date.now() >= until.getTime(), `retried ${until.getTime() - Date.now()} ms before the date the server named`);
    assert.ok(Date.now() - started < 4500);
  });
});
