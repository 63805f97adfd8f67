import { type ApiError, ConfigError, isApiError } from '../errors';
import type { Health } from '../model';
import type { RateLimitState } from '../rateLimit';

/** Runs a provider's checks and turns their outcome into a Health; never throws except on cancellation. */
export async function measureHealth(
  rateLimit: RateLimitState,
  check: () => Promise<{ authenticated?: boolean }>,
  probeReachable: (() => Promise<boolean>) | undefined,
): Promise<Health> {
  const started = performance.now();
  try {
    const { authenticated } = await check();
    return {
      reachable: true,
      authenticated,
      latencyMs: Math.round(performance.now() - started),
      rateLimit: rateLimit.snapshot,
      checkedAt: Date.now(),
    };
  } catch (e) {
    if (!isApiError(e) || e.kind === 'cancelled') throw e;
    const latencyMs = Math.round(performance.now() - started);
    const answered = e.status !== undefined;
    let reachable = answered && e.kind !== 'invalidResponse';
    if (!reachable && probeReachable && e.kind !== 'config') reachable = await probeReachable().catch(() => false);
    return {
      reachable,
      authenticated: e.kind === 'auth' ? false : undefined,
      latencyMs: answered ? latencyMs : undefined,
      rateLimit: rateLimit.snapshot,
      checkedAt: Date.now(),
      // A 404 to the check's own list path means the URL points somewhere that is not this API.
      error: e.kind === 'notFound' ? new ConfigError("No API answered at this URL (404): check the connection's URL.") : (e as ApiError),
    };
  }
}
