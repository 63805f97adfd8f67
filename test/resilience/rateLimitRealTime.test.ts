import * as assert from 'node:assert/strict';
import { makeProvider, useSandbox } from '../support/providers';

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
