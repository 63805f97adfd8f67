import { type ApiError, NetworkError, RateLimitedError, ServerError } from '../errors';

export interface RetryPolicy {
  /** Retries after a 429 before giving up. */
  rateLimitRetries: number;
  /** Retries of a GET after a network error or 502/503/504. */
  transientRetries: number;
  /** First backoff; doubles on each consecutive failure of the same kind, with jitter. */
  baseDelayMs: number;
  /** The longest one call may spend waiting (rate limit and backoff together), across retries. */
  maxTotalWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { rateLimitRetries: 4, transientRetries: 2, baseDelayMs: 500, maxTotalWaitMs: 120_000 };

export interface FailedAttempt {
  error: ApiError;
  method: string;
  /** Earlier retries of this call, by kind. */
  rateLimitRetries: number;
  transientRetries: number;
  /** What this call has waited so far. */
  waitedMs: number;
  /** What the rate-limit state says the next request must wait (a 429's Retry-After, a used-up window). */
  rateLimitWaitMs: number;
}

type RetryDecision = { retry: true; kind: 'rateLimit' | 'transient'; delayMs: number } | { retry: false; error: ApiError };

/**
 * The one place that decides whether a failed attempt is tried again, and after how long. Writes are never
 * retried; a 429 is (waiting out the server's word and at least an exponential backoff); a GET that met a network
 * error or 502/503/504 is, a bounded number of times. A retry whose wait would pass the call's budget is refused
 * at once, with the wait it would have needed.
 */
export function decideRetry(
  a: FailedAttempt,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): RetryDecision {
  const backoff = (n: number) => {
    const exp = policy.baseDelayMs * 2 ** n;
    return Math.round(exp / 2 + random() * (exp / 2));
  };
  let kind: 'rateLimit' | 'transient';
  let delayMs: number;
  if (a.error instanceof RateLimitedError && a.rateLimitRetries < policy.rateLimitRetries) {
    kind = 'rateLimit';
    delayMs = Math.max(backoff(a.rateLimitRetries), a.rateLimitWaitMs);
  } else if (a.method === 'GET' && isTransient(a.error) && a.transientRetries < policy.transientRetries) {
    kind = 'transient';
    delayMs = Math.max(backoff(a.transientRetries), a.rateLimitWaitMs);
  } else {
    return { retry: false, error: a.error };
  }
  if (a.waitedMs + delayMs > policy.maxTotalWaitMs) {
    return { retry: false, error: kind === 'rateLimit' ? new RateLimitedError(delayMs) : a.error };
  }
  return { retry: true, kind, delayMs };
}

function isTransient(e: ApiError): boolean {
  return e instanceof NetworkError || (e instanceof ServerError && [502, 503, 504].includes(e.status ?? 0));
}
