import * as assert from 'node:assert/strict';
import { AuthError, NetworkError, RateLimitedError, ServerError, ValidationError } from '../../../../src/api';
import { DEFAULT_RETRY_POLICY, type FailedAttempt, decideRetry } from '../../../../src/api/http/retryPolicy';

const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxTotalWaitMs: 10_000 };
const attempt = (over: Partial<FailedAttempt>): FailedAttempt => ({
  error: new RateLimitedError(),
  method: 'GET',
  rateLimitRetries: 0,
  transientRetries: 0,
  waitedMs: 0,
  rateLimitWaitMs: 0,
  ...over,
});
const delay = (a: FailedAttempt, random = 1) => {
  const d = decideRetry(a, policy, () => random);
  return d.retry ? d.delayMs : undefined;
};

describe('the retry policy', () => {
  it('backs off exponentially on consecutive 429s: each delay doubles, jitter within half of it', () => {
    assert.deepEqual([0, 1, 2, 3].map((n) => delay(attempt({ rateLimitRetries: n }))), [100, 200, 400, 800]);
    assert.deepEqual([0, 1, 2, 3].map((n) => delay(attempt({ rateLimitRetries: n }), 0)), [50, 100, 200, 400]);
  });

  it("waits at least as long as the server said (the rate limit's wait), whatever the backoff", () => {
    assert.equal(delay(attempt({ rateLimitWaitMs: 5_000 })), 5_000);
    assert.equal(delay(attempt({ rateLimitRetries: 3, rateLimitWaitMs: 10 })), 800);
  });

  it('gives up after the bounded number of 429 retries', () => {
    const d = decideRetry(attempt({ rateLimitRetries: policy.rateLimitRetries }), policy);
    assert.equal(d.retry, false);
  });

  it('fails at once, naming the wait, when a retry would pass the call’s budget', () => {
    const d = decideRetry(attempt({ waitedMs: 9_000, rateLimitWaitMs: 30_000 }), policy);
    assert.equal(d.retry, false);
    assert.ok(!d.retry && d.error instanceof RateLimitedError && d.error.retryAfterMs === 30_000);
    assert.match(!d.retry ? d.error.message : '', /Try again in 30 s/);
  });

  it('retries a GET after a network error or 502/503/504, twice, but never a write', () => {
    for (const error of [new NetworkError('h', 'ECONNRESET'), new ServerError(502), new ServerError(503), new ServerError(504)]) {
      assert.equal(delay(attempt({ error })), 100, error.message);
      assert.equal(delay(attempt({ error, transientRetries: 2 })), undefined, 'retried past the bound');
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) assert.equal(delay(attempt({ error, method })), undefined, method);
    }
  });

  it('never retries 500, 401 or 422', () => {
    for (const error of [new ServerError(500), new AuthError('hint'), new ValidationError({})]) assert.equal(delay(attempt({ error })), undefined);
  });
});
