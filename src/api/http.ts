import * as http from 'node:http';
import * as https from 'node:https';
import fetch, { type Response } from 'node-fetch';
import {
  ApiError,
  AuthError,
  BadRequestError,
  CancelledError,
  InvalidResponseError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  ValidationError,
} from './errors';
import { RateLimitState, type RateLimitSnapshot } from './rateLimit';
import { redact } from './token';

export interface RequestLogEntry {
  method: string;
  /** Path and query relative to the base URL, with any token redacted. */
  path: string;
  status?: number;
  durationMs: number;
  attempt: number;
  /** Whether the token went with the request (so a 2xx proves it and a 401 refutes it). */
  withToken: boolean;
  rateLimit: RateLimitSnapshot;
  error?: string;
}

export interface RetryPolicy {
  /** Retries after a 429 before giving up. */
  rateLimitRetries: number;
  /** Retries of a GET after a network error or 502/503/504. */
  transientRetries: number;
  /** First backoff; doubles on each consecutive failure, with jitter. */
  baseDelayMs: number;
  /** The longest a single call may spend waiting for the rate limit, across retries. */
  maxTotalWaitMs: number;
}

export interface HttpClientOptions {
  baseUrl: URL;
  /** Read on every request so that a new token applies at once; never stored elsewhere. */
  getToken: () => string | undefined;
  /** Send the token as an `api_token` query parameter instead of the Authorization header. */
  tokenInQuery?: boolean;
  timeoutMs?: number;
  maxConcurrent?: number;
  retry?: Partial<RetryPolicy>;
  rateLimit?: RateLimitState;
  /** What to say on a 401: the provider's advice on getting a new token. */
  authHint: string;
  onLog?: (entry: RequestLogEntry) => void;
}

export interface RequestOptions {
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

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

const DEFAULT_RETRY: RetryPolicy = { rateLimitRetries: 4, transientRetries: 2, baseDelayMs: 500, maxTotalWaitMs: 120_000 };
const MAX_BODY_BYTES = 20 * 1024 * 1024;
const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 8 });

/** Waits `ms`, or rejects with CancelledError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
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

/** Limits how many requests of one connection are in flight at once. */
class Semaphore {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  constructor(private readonly max: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((r) => this.queue.push(r));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}

/**
 * The one request path of the extension: headers, HTTPS rule (checked when the base URL is made), timeout,
 * cancellation, keep-alive, rate-limit pacing and bookkeeping, bounded retries, error mapping and redaction.
 */
export class HttpClient {
  readonly rateLimit: RateLimitState;
  private readonly retry: RetryPolicy;
  private readonly gate: Semaphore;

  constructor(private readonly opts: HttpClientOptions) {
    this.rateLimit = opts.rateLimit ?? new RateLimitState();
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.gate = new Semaphore(opts.maxConcurrent ?? 4);
  }

  hasToken(): boolean {
    return !!this.opts.getToken();
  }

  async request<T = unknown>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const method = options.method ?? 'GET';
    let rateLimitRetries = 0;
    let transientRetries = 0;
    // Every wait of this call, for the rate limit or for backoff, counts against one bound.
    const budget = { waitedMs: 0 };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.gate.run(() => this.once<T>(path, method, options, attempt, budget));
      } catch (e) {
        if (options.signal?.aborted) throw new CancelledError();
        let delay: number | undefined;
        if (e instanceof RateLimitedError && rateLimitRetries < this.retry.rateLimitRetries) {
          // The next attempt waits out Retry-After itself (the rate-limit state knows it); add only the backoff beyond it.
          delay = Math.max(0, this.backoff(rateLimitRetries++) - e.retryAfterMs);
        } else if (method === 'GET' && isTransient(e) && transientRetries < this.retry.transientRetries) {
          delay = this.backoff(transientRetries++);
        }
        if (delay === undefined) throw e;
        // A 429's own wait happens in the next attempt: count it now, so that a wait past the bound fails at once.
        const ahead = e instanceof RateLimitedError ? e.retryAfterMs : 0;
        if (budget.waitedMs + delay + ahead > this.retry.maxTotalWaitMs) throw e;
        budget.waitedMs += delay;
        await sleep(delay, options.signal);
      }
    }
  }

  private backoff(n: number): number {
    const exp = this.retry.baseDelayMs * 2 ** n;
    return Math.round(exp / 2 + Math.random() * (exp / 2));
  }

  private async once<T>(path: string, method: string, options: RequestOptions, attempt: number, budget: { waitedMs: number }): Promise<ApiResponse<T>> {
    const token = options.anonymous ? undefined : this.opts.getToken();
    const url = new URL(path.replace(/^\//, ''), this.opts.baseUrl);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    if (token && this.opts.tokenInQuery) url.searchParams.set('api_token', token);
    const logPath = redact(url.pathname.slice(this.opts.baseUrl.pathname.length) + url.search, token);

    // Wait out a used-up window rather than spend a 429 on it.
    const wait = this.rateLimit.reserve();
    if (wait > 0) {
      if (budget.waitedMs + wait > this.retry.maxTotalWaitMs) throw new RateLimitedError(wait);
      budget.waitedMs += wait;
      await sleep(wait, options.signal);
      this.rateLimit.reserve();
    }

    const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
    if (token && !this.opts.tokenInQuery) headers.Authorization = `Bearer ${token}`;

    const timeoutMs = this.opts.timeoutMs ?? 15_000;
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);

    const started = performance.now();
    let status: number | undefined;
    try {
      const res = await fetch(url.href, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: controller.signal,
        redirect: 'manual',
        size: MAX_BODY_BYTES,
        agent: (u: URL) => (u.protocol === 'http:' ? httpAgent : httpsAgent),
      });
      status = res.status;
      this.rateLimit.update(res.headers, res.status);
      const text = await res.text();
      const result = this.interpret<T>(res, text, options, token);
      this.log(method, logPath, started, attempt, !!token, status);
      return result;
    } catch (e) {
      const err = this.toApiError(e, timedOut, timeoutMs, options.signal, token);
      this.log(method, logPath, started, attempt, !!token, status, err.message);
      throw err;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  private interpret<T>(res: Response, text: string, options: RequestOptions, token?: string): ApiResponse<T> {
    const status = res.status;
    const isJson = /json/i.test(res.headers.get('content-type') ?? '') || /^\s*[[{]/.test(text);
    let body: unknown;
    let parsed = false;
    if (isJson && text.length) {
      try {
        body = JSON.parse(text);
        parsed = true;
      } catch {
        /* judged below */
      }
    }
    const serverMessage = messageOf(body, token);

    if (status >= 200 && status < 300) {
      if (options.text) return { status, body: text as T };
      if (status === 204) return { status, body: undefined as T };
      if (!parsed) throw new InvalidResponseError(describeBody(res, text), status);
      return { status, body: body as T };
    }
    if (status >= 300 && status < 400) {
      throw new InvalidResponseError(`the server redirected (${status}) instead of answering`, status);
    }
    switch (status) {
      case 400:
        throw new BadRequestError(serverMessage);
      case 401:
        throw new AuthError(this.opts.authHint);
      case 404:
        throw new NotFoundError(options.what ?? 'The resource');
      case 422:
        throw new ValidationError(fieldsOf(body, token), serverMessage);
      case 429: {
        const snap = this.rateLimit.snapshot;
        const now = Date.now();
        const until = snap.blockedUntil ?? snap.resetAt;
        throw new RateLimitedError(until && until > now ? until - now : this.retry.baseDelayMs);
      }
    }
    if (status >= 500) throw new ServerError(status);
    throw new InvalidResponseError(`unexpected status ${status}${serverMessage ? ` (${serverMessage})` : ''}`, status);
  }

  private toApiError(e: unknown, timedOut: boolean, timeoutMs: number, signal: AbortSignal | undefined, token?: string): ApiError {
    if (e instanceof ApiError) {
      e.message = redact(e.message, token);
      return e;
    }
    if ((e as { type?: string }).type === 'max-size') return new InvalidResponseError('the body is larger than any API page');
    if (timedOut) return new TimeoutError(timeoutMs);
    if (signal?.aborted) return new CancelledError();
    const err = e as { code?: string; message?: string; type?: string };
    const cause = err.code ?? err.type ?? 'connection failed';
    return new NetworkError(this.opts.baseUrl.host, redact(String(cause), token));
  }

  private log(method: string, path: string, started: number, attempt: number, withToken: boolean, status?: number, error?: string): void {
    this.opts.onLog?.({
      method,
      path,
      status,
      durationMs: Math.round(performance.now() - started),
      attempt,
      withToken,
      rateLimit: this.rateLimit.snapshot,
      error,
    });
  }
}

function isTransient(e: unknown): boolean {
  return e instanceof NetworkError || (e instanceof ServerError && [502, 503, 504].includes(e.status ?? 0));
}

function describeBody(res: Response, text: string): string {
  const type = res.headers.get('content-type') ?? 'no content type';
  if (!text.trim()) return 'the body is empty';
  if (/<html|<!doctype/i.test(text)) return `it sent an HTML page (${type})`;
  return `it sent ${type} that does not parse as JSON`;
}

function messageOf(body: unknown, token?: string): string | undefined {
  const m = (body as { message?: unknown } | undefined)?.message;
  return typeof m === 'string' && m.trim() ? redact(m.trim().slice(0, 300), token) : undefined;
}

function fieldsOf(body: unknown, token?: string): Record<string, string[]> {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  const out: Record<string, string[]> = {};
  if (errors && typeof errors === 'object') {
    for (const [field, msgs] of Object.entries(errors as Record<string, unknown>)) {
      const list = Array.isArray(msgs) ? msgs : [msgs];
      out[field] = list.filter((m) => typeof m === 'string').map((m) => redact(m as string, token));
    }
  }
  return out;
}
