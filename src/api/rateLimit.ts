import type { Priority } from './priority';
import { type Headers, intHeader, parseResetHeader, parseRetryAfter } from './rateHeaders';

/** What the last responses said about the rate limit of one connection. */
export interface RateLimitSnapshot {
  limit?: number;
  remaining?: number;
  /** Epoch ms when the window resets, when the server said or we learned it. */
  resetAt?: number;
  /** Epoch ms until which the server asked us to wait (429 Retry-After). */
  blockedUntil?: number;
  updatedAt?: number;
  /** How much one request takes from `remaining`, when the server counts each more than once (SendPortal's doubled throttle). */
  cost?: number;
}

/** Reset times come to the second and clocks differ a little: wait this much longer than told. */
export const SAFETY_MS = 250;
/** The shortest window we believe: a 429 that came a moment before a reset must not teach a window of 200 ms. */
const MIN_WINDOW_MS = 1000;
/** Laravel's throttle counts windows from the whole second of their first request (its timer is `time() + decay`). */
const wholeSecond = (t: number) => Math.floor(t / 1000) * 1000;
/** Without a reset time, a low budget seen this long ago is assumed to have been renewed. */
const STALE_AFTER_MS = 5 * 60_000;

/**
 * The part of each window that background work leaves free: 10 % of the limit, at least 2 requests — 6 of
 * SendPortal's and Sender's 60 a minute, enough for a person to open a card (1–3 requests) and act on it (1–2)
 * at once while an export or a search scan runs; the job still gets 90 % of every window.
 */
export function backgroundReserve(limit: number): number {
  return Math.max(2, Math.ceil(limit * 0.1));
}
/** How often a background request looks again while a person's request waits for its turn. */
const YIELD_MS = 200;
/** A window's length when neither a reset nor a 429 has taught it: both services count per minute [doc; src]. */
const ASSUMED_WINDOW_MS = 60_000;

type Listener = (s: RateLimitSnapshot) => void;

/**
 * The one source of truth for a connection's rate limit and what it means: every response updates it, requests
 * reserve from it before sending (so a used-up window is waited out instead of spending a 429), and the status bar
 * asks it whether it is used up, when it resets and whether a check would spend the window's last request.
 */
export class RateLimitState {
  private s: RateLimitSnapshot = {};
  /** Start of the current window as we saw it, to learn the window length when the server does not send a reset. */
  private windowStartedAt?: number;
  private windowMs?: number;
  /** Recent drops of `remaining` across one request sent and answered alone, to learn what one request costs. */
  private drops: number[] = [];
  /** Requests reserved and not yet answered, and those reserved since the last answer. */
  private inFlight = 0;
  private sentSinceAnswer = 0;
  private lastAnswered?: number;
  private readonly listeners = new Set<Listener>();
  /** Requests of the person and of the view waiting for their turn now (background work yields to them). */
  private ahead = 0;

  constructor(private readonly now: () => number = Date.now) {}

  get snapshot(): RateLimitSnapshot {
    return { ...this.s };
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** What one request takes from the budget: 1, or what the server showed (the median of recent drops). */
  private get cost(): number {
    if (!this.drops.length) return 1;
    return [...this.drops].sort((a, b) => a - b)[Math.floor(this.drops.length / 2)];
  }

  /** Records what a response's headers say; `sentAt` is when its request went out (windows start then). */
  update(headers: Headers, status: number, sentAt?: number): void {
    const now = this.now();
    const limit = intHeader(headers, 'x-ratelimit-limit');
    const remaining = intHeader(headers, 'x-ratelimit-remaining');
    const reset = parseResetHeader(headers.get('x-ratelimit-reset'), now);
    const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
    if (limit === undefined && remaining === undefined && reset === undefined && retryAfter === undefined && status !== 429) return;

    // One request's cost: how far the server's `remaining` fell across a request that was sent and answered alone.
    const alone = this.inFlight === 1 && this.sentSinceAnswer === 1;
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.sentSinceAnswer = 0;
    if (limit !== undefined) this.s.limit = limit;
    // A fresh window: the budget rose since the last answer by more than answers arriving out of order could make
    // it (four in flight; half the limit for tiny limits), or the first answer shows it nearly whole.
    const fresh =
      limit !== undefined &&
      remaining !== undefined &&
      status !== 429 &&
      (this.lastAnswered === undefined ? remaining >= limit - 5 : remaining > this.lastAnswered + Math.min(4 * this.cost, limit / 2));
    if (remaining !== undefined && status !== 429) {
      const drop = this.lastAnswered !== undefined ? this.lastAnswered - remaining : undefined;
      if (alone && drop !== undefined && drop >= 1 && drop <= 5) this.drops = [...this.drops.slice(-4), drop];
      this.lastAnswered = remaining;
      this.s.remaining = remaining;
    }
    const predictedEnd = this.s.resetAt === undefined ? this.windowEnd() : undefined;
    if (fresh) {
      // A fresh window: what we knew of the last one's end is stale.
      this.windowStartedAt = wholeSecond(sentAt ?? now);
      this.s.resetAt = undefined;
      this.s.blockedUntil = undefined;
    } else if (predictedEnd !== undefined && (sentAt ?? now) >= predictedEnd && status !== 429) {
      // Sent after the window we predicted had ended, yet not answered as a fresh one (the server's window began
      // elsewhere): a window starts at its first request (Laravel's throttle), so at this one at the latest.
      this.windowStartedAt = wholeSecond(sentAt ?? now);
    }
    if (status === 429) {
      this.s.remaining = 0;
      const until = retryAfter !== undefined ? now + retryAfter : reset;
      if (until !== undefined) this.s.blockedUntil = until;
    }
    this.learnReset(reset);
    this.s.cost = this.cost > 1 ? this.cost : undefined;
    this.s.updatedAt = now;
    this.emit();
  }

  /** The window's end the server said (and its length, learned), or, once the budget is spent, the one predicted. */
  private learnReset(reset: number | undefined): void {
    if (reset !== undefined) {
      this.s.resetAt = reset;
      const learned = this.windowStartedAt !== undefined ? reset - this.windowStartedAt : undefined;
      // Never learn an implausibly short window, nor let one early 429 shrink a window already learned.
      if (learned !== undefined && learned >= MIN_WINDOW_MS && (this.windowMs === undefined || learned >= this.windowMs / 2))
        this.windowMs = learned;
    } else if (
      this.s.remaining !== undefined &&
      this.s.remaining < this.cost &&
      this.s.resetAt === undefined &&
      this.windowStartedAt !== undefined &&
      this.windowMs !== undefined
    ) {
      // SendPortal sends a reset only with its 429: once one taught us the window, predict the next resets.
      this.s.resetAt = this.windowStartedAt + this.windowMs;
    }
  }

  /** Ms a request would wait now, without spending anything. A 429's Retry-After is the server's exact word: it wins. */
  waitMs(): number {
    const now = this.now();
    if (this.s.blockedUntil !== undefined) return this.s.blockedUntil > now ? this.s.blockedUntil - now + SAFETY_MS : 0;
    if (this.s.remaining !== undefined && this.s.remaining < this.cost && this.s.resetAt !== undefined && this.s.resetAt > now) {
      return this.s.resetAt - now + SAFETY_MS;
    }
    return 0;
  }

  /**
   * Ms a request of this priority would wait now. Background work also waits while a person's or the view's
   * request waits for its turn, and, once only the reserve is left, for the window's end (told, or predicted).
   */
  waitMsFor(priority: Priority): number {
    const wait = this.waitMs();
    if (wait > 0 || priority !== 'background') return wait;
    if (this.ahead > 0) return YIELD_MS;
    const { remaining, limit } = this.s;
    if (remaining === undefined || limit === undefined || remaining - this.cost >= backgroundReserve(limit)) return 0;
    const now = this.now();
    const reset = this.windowEnd();
    return reset !== undefined && reset > now ? reset - now + SAFETY_MS : 0;
  }

  /** When the current window ends: as the server said, or predicted from its start and its length (learned or assumed). */
  private windowEnd(): number | undefined {
    return this.s.resetAt ?? (this.windowStartedAt !== undefined ? this.windowStartedAt + (this.windowMs ?? ASSUMED_WINDOW_MS) : undefined);
  }

  /**
   * How long `requests` more background requests take, each about `requestMs`: what this window leaves above the
   * reserve now, then whole windows of (limit − reserve), each waited out. A job's ETA, rate-limit waits included.
   */
  backgroundEtaMs(requests: number, requestMs: number): number {
    const { limit, remaining } = this.s;
    if (limit === undefined || remaining === undefined || requests <= 0) return Math.max(0, requests) * requestMs;
    const reserve = backgroundReserve(limit);
    const budget = Math.max(0, Math.floor((remaining - reserve) / this.cost));
    if (requests <= budget) return requests * requestMs;
    const perWindow = Math.max(1, Math.floor((limit - reserve) / this.cost));
    const windowMs = this.windowMs ?? ASSUMED_WINDOW_MS;
    const now = this.now();
    const end = this.windowEnd();
    const untilReset = Math.max(budget * requestMs, end !== undefined && end > now ? end - now + SAFETY_MS : windowMs);
    const left = requests - budget;
    const whole = Math.floor((left - 1) / perWindow);
    return untilReset + whole * (windowMs + SAFETY_MS) + (left - whole * perWindow) * requestMs;
  }

  /** A person's or the view's request is waiting for its turn (until `done`): background requests hold back meanwhile. */
  waitingAhead(): () => void {
    this.ahead++;
    let done = false;
    return () => {
      if (!done) this.ahead--;
      done = true;
    };
  }

  /** Ms to wait before the next request may be sent; 0 when it may go now, and then the request is counted as spent. */
  reserve(priority: Priority = 'person'): number {
    const wait = this.waitMsFor(priority);
    if (wait > 0) return wait;
    const now = this.now();
    if (this.s.blockedUntil !== undefined) {
      // The moment the server named has come: try again, whatever the old window said.
      this.s.blockedUntil = undefined;
      this.startWindow(now);
    } else if (this.s.remaining !== undefined && this.s.remaining < this.cost && this.s.resetAt !== undefined) {
      // A used-up window whose end has passed is whole again. With no end known (SendPortal before its first
      // 429): send, and let the server's answer teach the window.
      this.startWindow(now);
    }
    if (this.s.remaining !== undefined) this.s.remaining = Math.max(0, this.s.remaining - this.cost);
    this.inFlight++;
    this.sentSinceAnswer++;
    return 0;
  }

  /** The window has passed: the budget is whole again until a response says otherwise. */
  private startWindow(now: number): void {
    this.s.remaining = this.s.limit;
    this.s.resetAt = undefined;
    this.windowStartedAt = wholeSecond(now);
  }

  /** When requests (of this priority) may go again (epoch ms), while they would wait. */
  resumesAt(priority: Priority = 'person'): number | undefined {
    const wait = this.waitMsFor(priority);
    return wait > 0 ? this.now() + wait - SAFETY_MS : undefined;
  }

  /** True when one more request could take the window's last request (or one it does not have). */
  wouldSpendLast(): boolean {
    const { remaining, resetAt, updatedAt } = this.s;
    if (remaining === undefined || remaining > this.cost) return false;
    const now = this.now();
    if (resetAt !== undefined) return resetAt > now;
    return updatedAt !== undefined && now - updatedAt < STALE_AFTER_MS;
  }

  /** A reserved request ended without an answer (network error, timeout, cancel). */
  abandon(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.sentSinceAnswer = Math.max(0, this.sentSinceAnswer - 1);
  }

  /** Forgets everything (a new token, "Check Now"): the next response teaches the state again. */
  clear(): void {
    this.s = {};
    this.windowStartedAt = this.windowMs = this.lastAnswered = undefined;
    this.drops = [];
    this.inFlight = this.sentSinceAnswer = 0;
    this.emit();
  }

  private emit(): void {
    const snap = this.snapshot;
    for (const l of this.listeners) l(snap);
  }
}
