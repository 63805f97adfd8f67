import { ApiError, CancelledError, ConfigError, RateLimitedError } from '../errors';
import { type Priority, currentPriority } from '../priority';
import { RateLimitState, type RateLimitSnapshot } from '../rateLimit';
import { redact, tokenProblem } from '../token';
import { interpret } from './responses';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, decideRetry } from './retryPolicy';
import { send } from './transport';

/** One per response (or per attempt that got none): what the log, the token state and the status bar learn from. */
export interface ResponseEvent {
  method: string;
  /** Path and query relative to the base URL, token redacted. */
  path: string;
  /** Undefined when no answer came (network error, timeout, cancel). */
  status?: number;
  durationMs: number;
  attempt: number;
  /** Whether the token went with the request (so a 2xx proves it and a 401 refutes it). */
  withToken: boolean;
  rateLimit: RateLimitSnapshot;
  error?: ApiError;
}

export interface ClientOptions {
  baseUrl: URL;
  /** The credential of this client; a new token means a new client. */
  token?: string;
  /** Send the token as an `api_token` query parameter instead of the Authorization header. */
  tokenInQuery?: boolean;
  timeoutMs?: number;
  maxConcurrent?: number;
  retry?: Partial<RetryPolicy>;
  /** Shared by every client of one connection. */
  rateLimit?: RateLimitState;
  /** What to say on a 401: the provider's advice on getting a new token. */
  authHint: string;
  onResponse?: (event: ResponseEvent) => void;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  /** Expect a text body (SendPortal's /ping) instead of JSON. */
  text?: boolean;
  /** Send without the token (SendPortal's /ping). */
  anonymous?: boolean;
  /** Names the resource in a 404 message. */
  what?: string;
}

interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

/** Waits `ms`, or rejects with CancelledError as soon as `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const RANK: Record<Priority, number> = { person: 0, view: 1, background: 2 };

/** Limits how many requests of one client are in flight; the person's get the next free slot; waits can be cancelled. */
class Slots {
  private active = 0;
  private readonly waiting: ((() => void) & { rank?: number })[] = [];
  constructor(private readonly max: number) {}

  async acquire(signal?: AbortSignal, priority: Priority = 'person'): Promise<void> {
    if (signal?.aborted) throw new CancelledError();
    if (this.active < this.max) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const grant = Object.assign(
        () => {
          signal?.removeEventListener('abort', onAbort);
          this.active++;
          resolve();
        },
        { rank: RANK[priority] },
      );
      const onAbort = () => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(new CancelledError());
      };
      // In rank order, first come first served within a rank.
      const at = this.waiting.findIndex((w) => (w.rank ?? 0) > grant.rank);
      this.waiting.splice(at < 0 ? this.waiting.length : at, 0, grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  release(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}

/**
 * The one request path: a slot → the rate limit's go-ahead → one attempt → the rate limit learns the headers →
 * the response is interpreted → the retry policy decides. Every wait is cancellable and counts against one budget
 * per call; nothing is sent after its signal aborted.
 */
export class ApiClient {
  readonly rateLimit: RateLimitState;
  private readonly retry: RetryPolicy;
  private readonly slots: Slots;

  constructor(private readonly opts: ClientOptions) {
    this.rateLimit = opts.rateLimit ?? new RateLimitState();
    this.retry = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
    this.slots = new Slots(opts.maxConcurrent ?? 4);
    this.tokenProblem = opts.token ? tokenProblem(opts.token) : undefined;
  }

  /** Why this client's token cannot be sent, checked once: a new token means a new client. */
  private readonly tokenProblem?: string;

  get hasToken(): boolean {
    return !!this.opts.token;
  }

  async request<T = unknown>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    // A malformed token is refused before anything is sent (it would fail as a header, or leak in a URL).
    if (this.tokenProblem && !options.anonymous) throw new ConfigError(this.tokenProblem, 'setToken');
    const method = options.method ?? 'GET';
    const counts = { rateLimitRetries: 0, transientRetries: 0, waitedMs: 0 };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt<T>(path, method, options, attempt, counts);
      } catch (e) {
        if (options.signal?.aborted) throw new CancelledError();
        if (!(e instanceof ApiError)) throw e;
        const decision = decideRetry({ error: e, method, ...counts, rateLimitWaitMs: this.rateLimit.waitMs() }, this.retry);
        if (!decision.retry) throw decision.error;
        counts[decision.kind === 'rateLimit' ? 'rateLimitRetries' : 'transientRetries']++;
        counts.waitedMs += decision.delayMs;
        await sleep(decision.delayMs, options.signal);
      }
    }
  }

  private async attempt<T>(
    path: string,
    method: string,
    options: RequestOptions,
    attempt: number,
    counts: { waitedMs: number },
  ): Promise<ApiResponse<T>> {
    const priority = currentPriority();
    // The person's and the view's requests hold background work back from the moment they wait for their turn.
    const waiting = priority === 'background' ? () => undefined : this.rateLimit.waitingAhead();
    try {
      await this.slots.acquire(options.signal, priority);
    } catch (e) {
      waiting();
      throw e;
    }
    try {
      await this.waitForRateLimit(options.signal, counts, priority);
      waiting();
      return await this.sendOnce<T>(path, method, options, attempt);
    } finally {
      waiting();
      this.slots.release();
    }
  }

  /**
   * Waits out a used-up window rather than spend a 429 on it; a wait past the call's budget fails at once. A
   * background request's wait for its turn (the reserve, a person waiting) is its job's pace, not a failure.
   */
  private async waitForRateLimit(signal: AbortSignal | undefined, counts: { waitedMs: number }, priority: Priority): Promise<void> {
    for (let wait = this.rateLimit.reserve(priority); wait > 0; wait = this.rateLimit.reserve(priority)) {
      const own = this.rateLimit.waitMs();
      if (own > 0 && counts.waitedMs + own > this.retry.maxTotalWaitMs) throw new RateLimitedError(own);
      if (own > 0) counts.waitedMs += Math.min(wait, own);
      await sleep(wait, signal);
    }
  }

  /** The URL and headers of one request: the token in the header, or in the query where the profile says so. */
  private prepare(path: string, options: RequestOptions): { url: URL; headers: Record<string, string>; withToken: boolean } {
    const token = options.anonymous ? undefined : this.opts.token;
    // A dot segment ("..", "%2e%2e") would climb out of the API's root with the token: no such request is made.
    if (path.split(/[/?#]/).some((seg) => /^(\.|%2e){1,2}$/i.test(seg)))
      throw new ConfigError(`"${path.slice(0, 80)}" is not a path of the API.`, 'none');
    const url = new URL(path.replace(/^\//, ''), this.opts.baseUrl);
    if (!url.pathname.startsWith(this.opts.baseUrl.pathname))
      throw new ConfigError(`"${path.slice(0, 80)}" is not a path of the API.`, 'none');
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
    if (token && this.opts.tokenInQuery) url.searchParams.set('api_token', token);
    else if (token) headers.Authorization = `Bearer ${token}`;
    return { url, headers, withToken: !!token };
  }

  private async sendOnce<T>(path: string, method: string, options: RequestOptions, attempt: number): Promise<ApiResponse<T>> {
    const { url, headers, withToken } = this.prepare(path, options);
    const secrets = [this.opts.token];
    const started = performance.now();
    const event = (status: number | undefined, error?: ApiError) =>
      this.opts.onResponse?.({
        method,
        path: redact(url.pathname.slice(this.opts.baseUrl.pathname.length) + url.search, ...secrets),
        status,
        durationMs: Math.round(performance.now() - started),
        attempt,
        withToken,
        rateLimit: this.rateLimit.snapshot,
        error,
      });
    let status: number | undefined;
    const sentAt = Date.now();
    try {
      const body = options.body === undefined ? undefined : JSON.stringify(options.body);
      const res = await send({ url, method, headers, body, timeoutMs: this.opts.timeoutMs ?? 15_000, signal: options.signal });
      status = res.status;
      this.rateLimit.update(res.headers, res.status, sentAt);
      const value = interpret(res, { text: options.text, what: options.what, authHint: this.opts.authHint, secrets }) as T;
      event(status);
      return { status, body: value };
    } catch (e) {
      if (status === undefined) this.rateLimit.abandon();
      if (!(e instanceof ApiError)) throw e;
      e.message = redact(e.message, ...secrets);
      if (e.stack) e.stack = redact(e.stack, ...secrets);
      event(status, e);
      throw e;
    }
  }
}
