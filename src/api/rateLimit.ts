/** What the last responses said about the rate limit of one connection. */
export interface RateLimitSnapshot {
  limit?: number;
  remaining?: number;
  /** Epoch ms when the window resets, when the server said or we learned it. */
  resetAt?: number;
  /** Epoch ms until which the server asked us to wait (429 Retry-After). */
  blockedUntil?: number;
  updatedAt?: number;
}

/** Reset times come to the second and clocks differ a little: wait this much longer than told. */
export const SAFETY_MS = 250;

type Headers = { get(name: string): string | null };
type Listener = (s: RateLimitSnapshot) => void;

/** Seconds, an epoch in seconds or ms, an ISO date or an HTTP date → epoch ms. */
export function parseResetHeader(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    if (n > 1e12) return n; // epoch ms
    if (n > 1e9) return n * 1000; // epoch seconds
    return now + n * 1000; // a delta in seconds
  }
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

/** `Retry-After`: delta seconds or an HTTP date → ms to wait (never negative). */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

function intHeader(h: Headers, name: string): number | undefined {
  const v = h.get(name);
  if (v === null || !/^\s*\d+\s*$/.test(v)) return undefined;
  return Number(v);
}

/**
 * The one source of truth for a connection's rate limit: every response updates it, requests consult it
 * before sending so that a used-up window is waited out instead of spending a 429, and the status bar listens.
 */
export class RateLimitState {
  private s: RateLimitSnapshot = {};
  /** Start of the current window as we saw it, to learn the window length when the server does not send a reset. */
  private windowStartedAt?: number;
  private windowMs?: number;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly now: () => number = Date.now) {}

  get snapshot(): RateLimitSnapshot {
    return { ...this.s };
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Records what a response's headers say. */
  update(headers: Headers, status: number): void {
    const now = this.now();
    const limit = intHeader(headers, 'x-ratelimit-limit');
    const remaining = intHeader(headers, 'x-ratelimit-remaining');
    const reset = parseResetHeader(headers.get('x-ratelimit-reset'), now);
    const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
    if (limit === undefined && remaining === undefined && reset === undefined && retryAfter === undefined) return;

    if (limit !== undefined) this.s.limit = limit;
    if (remaining !== undefined) this.s.remaining = remaining;
    if (limit !== undefined && remaining !== undefined && remaining >= limit - 1) {
      // A fresh window: what we knew of the last one's end is stale.
      this.windowStartedAt = now;
      this.s.resetAt = undefined;
      this.s.blockedUntil = undefined;
    }
    if (status === 429) {
      this.s.remaining = 0;
      const until = retryAfter !== undefined ? now + retryAfter : reset;
      if (until !== undefined) this.s.blockedUntil = until;
    }
    if (reset !== undefined) {
      this.s.resetAt = reset;
      if (this.windowStartedAt !== undefined && reset > this.windowStartedAt) this.windowMs = reset - this.windowStartedAt;
    } else if (this.s.remaining === 0 && this.s.resetAt === undefined && this.windowStartedAt !== undefined && this.windowMs !== undefined) {
      // SendPortal sends a reset only with its 429: once one taught us the window, predict the next resets.
      this.s.resetAt = this.windowStartedAt + this.windowMs;
    }
    this.s.updatedAt = now;
    this.emit();
  }

  /** Ms to wait before the next request may be sent; 0 when it may go now. Counts the request as spent. */
  reserve(): number {
    const now = this.now();
    if (this.s.blockedUntil !== undefined) {
      if (this.s.blockedUntil > now) return this.s.blockedUntil - now + SAFETY_MS;
      // The server named this moment itself: try again then, whatever the old window said.
      this.s.blockedUntil = undefined;
      if (this.s.remaining === 0 && !(this.s.resetAt! > now)) this.startWindow(now);
    }
    if (this.s.remaining !== undefined && this.s.remaining <= 0) {
      // No end known (SendPortal before its first 429): send, and let the server's answer teach the window.
      if (this.s.resetAt === undefined) return 0;
      if (this.s.resetAt > now) return this.s.resetAt - now + SAFETY_MS;
      this.startWindow(now);
    }
    if (this.s.remaining !== undefined) this.s.remaining = Math.max(0, this.s.remaining - 1);
    return 0;
  }

  /** The window has passed: the budget is whole again until a response says otherwise. */
  private startWindow(now: number): void {
    this.s.remaining = this.s.limit;
    this.s.resetAt = undefined;
    this.windowStartedAt = now;
  }

  /** True while a request would have to wait for the window. */
  isExhausted(): boolean {
    const now = this.now();
    if (this.s.blockedUntil !== undefined && this.s.blockedUntil > now) return true;
    return this.s.remaining === 0 && this.s.resetAt !== undefined && this.s.resetAt > now;
  }

  private emit(): void {
    const snap = this.snapshot;
    for (const l of this.listeners) l(snap);
  }
}
