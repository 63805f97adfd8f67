/** A seeded fuzz of response bodies and headers: the parsers end in a Page or a typed error, never a crash. */
import * as assert from 'node:assert/strict';
import { ApiError, type NewsletterProvider } from '../../src/api';
import { parseResetHeader, parseRetryAfter } from '../../src/api/rateHeaders';
import { RateLimitState } from '../../src/api/rateLimit';
import { mulberry32 } from '../sandbox/data';
import { makeProvider, useSandbox } from '../support/providers';

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);

function generator(seed: number) {
  const rand = mulberry32(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const str = () => pick(['', 'x', '25', '-1', '1e9', 'null', '2026-03-18T13:02:00Z', 'Wed, 18 Mar 2026 13:01:30 GMT', '💥', 'a'.repeat(50)]);
  const scalar = (): unknown => pick([null, true, false, 0, -1, 1.5, 25, 2500, Number.MAX_SAFE_INTEGER, str()]);
  const value = (depth: number): unknown => {
    const r = rand();
    if (depth > 3 || r < 0.4) return scalar();
    if (r < 0.7) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
    return obj(depth + 1);
  };
  const keys = ['id', 'email', 'data', 'meta', 'current_page', 'last_page', 'per_page', 'total', 'status', 'status_id', 'name', 'title', 'firstname', 'first_name', 'tags', 'subscriber_tags', 'has_more_resources', 'message', 'errors'];
  const obj = (depth: number): Record<string, unknown> => Object.fromEntries(Array.from({ length: Math.floor(rand() * 6) }, () => [pick(keys), value(depth)]));
  /** A body that is often close to a real list, so that the deep paths run too. */
  const listBody = (): unknown => {
    const r = rand();
    if (r < 0.15) return value(0);
    const items = Array.from({ length: Math.floor(rand() * 5) }, () => (rand() < 0.8 ? { id: pick([1, 'a1', '', null]), email: pick(['a@b.co', 5, null]), ...obj(2) } : value(2)));
    return { data: rand() < 0.9 ? items : value(1), meta: rand() < 0.8 ? obj(1) : value(1), links: value(1) };
  };
  const text = (): string => {
    const r = rand();
    if (r < 0.7) return JSON.stringify(listBody());
    if (r < 0.8) return '<html><body>502</body></html>';
    if (r < 0.9) return JSON.stringify(listBody()).slice(0, Math.floor(rand() * 40));
    return '';
  };
  const header = () => pick(['', '0', '1', '60', '-5', 'abc', '1773838920', '1773838920000', '2026-03-18T13:02:00Z', 'Wed, 18 Mar 2026 13:01:30 GMT', '99999999999999999999']);
  return { rand, pick, text, header, listBody };
}

describe('fuzz: response bodies and headers', function () {
  this.timeout(120_000);
  const sandbox = useSandbox();

  it(`400 random responses through the whole request path (seed ${SEED}) end in a Page or a typed error`, async () => {
    const sb = sandbox.get();
    const g = generator(SEED);
    const outcomes = { page: 0, typed: 0 };
    for (let i = 0; i < 400; i++) {
      const kind = i % 2 ? 'sender' : 'sendportal';
      const { provider } = makeProvider(sb, kind, { retry: { baseDelayMs: 1, maxTotalWaitMs: 50, transientRetries: 0, rateLimitRetries: 0 } });
      const headers: Record<string, string> = { 'Content-Type': g.pick(['application/json', 'text/html', 'text/plain']) };
      for (const h of ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After']) if (g.rand() < 0.5) headers[h] = g.header();
      sb.addFaults({ kind: 'raw', provider: kind, status: g.pick([200, 200, 200, 201, 204, 302, 400, 401, 404, 418, 422, 429, 500, 503]), body: g.text(), headers });
      const call = (p: NewsletterProvider) => (g.rand() < 0.5 ? p.listSubscribers(1) : p.listCampaigns(1));
      try {
        const page = await call(provider);
        assert.ok(Array.isArray(page.items));
        assert.equal(typeof page.hasMore, 'boolean');
        outcomes.page++;
      } catch (e) {
        assert.ok(e instanceof ApiError, `case ${i}: ${e instanceof Error ? e.stack : e}`);
        assert.ok(e.message.length > 10);
        outcomes.typed++;
      }
    }
    assert.ok(outcomes.page > 0 && outcomes.typed > 0, JSON.stringify(outcomes));
  });

  it('rate-limit headers in any form never throw and never produce NaN', () => {
    const g = generator(SEED + 1);
    const state = new RateLimitState();
    for (let i = 0; i < 2000; i++) {
      const h: Record<string, string> = {};
      for (const name of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after']) if (g.rand() < 0.6) h[name] = g.header();
      state.update({ get: (n) => h[n] ?? null }, g.pick([200, 429]));
      const wait = state.reserve();
      assert.ok(Number.isFinite(wait) && wait >= 0, `wait ${wait} for ${JSON.stringify(h)}`);
      for (const v of Object.values(state.snapshot)) assert.ok(v === undefined || Number.isFinite(v));
      const reset = parseResetHeader(g.header(), Date.now());
      assert.ok(reset === undefined || Number.isFinite(reset));
      const retry = parseRetryAfter(g.header(), Date.now());
      assert.ok(retry === undefined || (Number.isFinite(retry) && retry >= 0));
    }
  });
});
