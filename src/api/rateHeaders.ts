/** The rate-limit headers as the services send them, read into epoch ms; anything implausible is not believed. */

/** A wait or reset further away than this is not believed: one hostile answer must not block a connection for years. */
export const MAX_WAIT_MS = 60 * 60_000;
/** Numbers up to this are seconds from now; larger ones are epochs. */
const MAX_DELTA_SECONDS = 24 * 3600;
export type Headers = { get(name: string): string | null };

/** Keeps a moment only when it is finite and within MAX_WAIT_MS of now, either side (clocks differ a little, not years). */
function plausible(t: number, now: number): number | undefined {
  return Number.isFinite(t) && Math.abs(t - now) <= MAX_WAIT_MS ? t : undefined;
}

/** Seconds (small numbers only), an epoch in seconds or ms, an ISO date or an HTTP date → epoch ms; implausible → undefined. */
export function parseResetHeader(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d{1,16}(\.\d+)?$/.test(v)) {
    const n = Number(v);
    if (n <= MAX_DELTA_SECONDS) return now + n * 1000;
    return plausible(n > 1e12 ? n : n * 1000, now);
  }
  return /[a-z]/i.test(v) ? plausible(Date.parse(v), now) : undefined;
}

/** `Retry-After`: delta seconds or an HTTP date → ms to wait (never negative); implausible → undefined. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  const ms = /^\d{1,16}(\.\d+)?$/.test(v) ? Number(v) * 1000 : /[a-z]/i.test(v) ? Date.parse(v) - now : NaN;
  return Number.isFinite(ms) && ms <= MAX_WAIT_MS ? Math.max(0, ms) : undefined;
}

export function intHeader(h: Headers, name: string): number | undefined {
  const v = h.get(name);
  if (v === null || !/^\s*\d{1,9}\s*$/.test(v)) return undefined;
  return Number(v);
}
