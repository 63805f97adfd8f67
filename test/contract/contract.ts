/**
 * The contract: one entry per endpoint the extension calls, with the request fields it sends and every documented
 * answer, each with its source (a docs page, a source file and tag, or "no public source"). Three tests hold the
 * code to it (test/unit/contract/): every documented answer goes through the provider; the sandbox answers each
 * request with the documented shape; and every request the providers make has an entry.
 *
 * Shapes are written as example bodies. In an example object a key ending in `?` may be absent; a key `*` stands for
 * any key (maps keyed by name); `null` is null and nothing else; `nullable(x)` is null or the shape of `x` (the
 * sources show null for fields that hold strings or numbers elsewhere); `ANY` is a value no source shapes; an
 * array's first item is the shape of every item.
 */
import type { NewsletterProvider } from '../../src/api';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a provider makes of an answer: a value, or the typed error a person can act on. */
export type Outcome = 'value' | 'AuthError' | 'NotFoundError' | 'ValidationError' | 'BadRequestError' | 'RateLimitedError' | 'ServerError' | 'InvalidResponseError';

export interface Answer {
  status: number;
  /** The example body; undefined for none (204); a string for a text body. */
  body?: unknown;
  /** Where this answer is documented, or "no public source". */
  source: string;
  becomes: Outcome;
  /** Response headers that go with it (429's Retry-After). */
  headers?: Record<string, string>;
}

/**
 * A validation rule the server applies to a write, with its source: a request it refuses (422 naming `field`) and
 * one it takes, each sent through the sandbox by the rules test (SendPortal: the FormRequest classes of v2.0.5, with
 * Laravel 8's comparison semantics; Sender: what its pages and clients show).
 */
export interface Rule {
  name: string;
  source: string;
  refused?: { path?: string; body: Record<string, unknown>; field: string };
  accepted?: { path?: string; body: Record<string, unknown> };
}

export interface Endpoint {
  provider: 'sender' | 'sendportal';
  method: Method;
  /** As the provider names it, with `{…}` for a path parameter: `subscribers/{key}`. */
  path: string;
  /** The request's query parameters and body fields that the extension sends, each with what it is for. */
  request: { query?: Record<string, string>; body?: Record<string, string> };
  /** Where the request is documented. */
  source: string;
  answers: Answer[];
  /** Where no public source shows the success body: the code must not read it (a write re-reads or applies what it sent). */
  bodyUnknown?: true;
  /** The rules the server applies to this write (the sandbox applies them too). */
  rules?: Rule[];
  /** A concrete request the sandbox answers like the first 2xx answer (the conformance test). */
  sample: { path: string; query?: Record<string, string>; body?: unknown };
  /** Sent without a token (SendPortal's /ping). */
  anonymous?: true;
  /** Makes the provider send this request (the provider tests feed each documented answer through it). */
  call(p: NewsletterProvider): Promise<unknown>;
  /** Other provider methods that send this request (the coverage test runs them too). */
  also?: ((p: NewsletterProvider) => Promise<unknown>)[];
}

const NULLABLE = '__nullable';
/** Null, or the shape of `example`. */
export const nullable = (example: unknown): unknown => ({ [NULLABLE]: example });
/** A value whose shape no source shows (any JSON, null included). */
export const ANY: unknown = Object.freeze({ __any: true });

/** Keys whose numbers may arrive as strings (Laravel keeps `per_page` as it was given in the query) [seen]. */
const LOOSE_NUMBERS = new Set(['per_page']);

/** Where `actual` differs in shape from the documented `doc`: keys and JSON types, recursively. Empty when it conforms. */
export function shapeDiff(doc: unknown, actual: unknown, at = '$'): string[] {
  const type = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (doc === ANY) return [];
  if (typeof doc === 'object' && doc !== null && NULLABLE in doc) return actual === null ? [] : shapeDiff((doc as Record<string, unknown>)[NULLABLE], actual, at);
  if (doc === null || actual === null) return doc === actual ? [] : [`${at}: ${type(actual)} where the source shows ${type(doc)}`];
  const key = at.slice(at.lastIndexOf('.') + 1);
  if (type(doc) !== type(actual)) {
    const numeric = (v: unknown) => typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v));
    if (LOOSE_NUMBERS.has(key) && numeric(doc) && numeric(actual)) return [];
    return [`${at}: ${type(actual)} where the source shows ${type(doc)}`];
  }
  if (Array.isArray(doc)) {
    if (!doc.length) return [];
    return (actual as unknown[]).flatMap((item, i) => shapeDiff(doc[0], item, `${at}[${i}]`)).slice(0, 10);
  }
  if (typeof doc !== 'object') return [];
  const d = doc as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  const out: string[] = [];
  if ('*' in d) {
    for (const [k, v] of Object.entries(a)) out.push(...shapeDiff(d['*'], v, `${at}.${k}`));
    return out;
  }
  const documented = new Map(Object.keys(d).map((k) => [k.replace(/\?$/, ''), k]));
  for (const k of Object.keys(a)) if (!documented.has(k)) out.push(`${at}.${k}: a key the source does not show`);
  for (const [k, written] of documented) {
    if (!(k in a)) {
      if (!written.endsWith('?')) out.push(`${at}.${k}: missing`);
      continue;
    }
    out.push(...shapeDiff(d[written], a[k], `${at}.${k}`));
  }
  return out;
}

/** A documented Laravel page of `item`s, as both APIs wrap lists. */
export function page(item: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    data: [item],
    links: { first: 'https://example/x?page=1', last: 'https://example/x?page=1', prev: nullable('https://example/x?page=1'), next: nullable('https://example/x?page=2') },
    meta: {
      current_page: 1, from: nullable(1), last_page: 1, 'links?': [{ url: nullable('https://example/x?page=1'), label: '1', active: true }], path: 'https://example/x', per_page: 25, to: nullable(1), total: 1,
    },
    ...extra,
  };
}

/** The 401, 404 and 422 every endpoint can answer, as each service documents them. */
export function errors(provider: Endpoint['provider'], which: { notFound?: boolean; invalid?: boolean } = {}): Answer[] {
  const sender = provider === 'sender';
  const auth = sender ? 'sources/sender-api-v2.md ("401 — Unauthorized")' : 'sources/sendportal-api-v1.md ("Authentication Error"); a plain `Unauthorized.` (sources/seen.md)';
  const out: Answer[] = [{ status: 401, body: sender ? { message: 'Unauthenticated.' } : 'Unauthorized.', source: auth, becomes: 'AuthError' }];
  // Laravel's JSON answer to an unauthenticated request that asked for JSON [seen, sources/seen.md].
  if (!sender) out.push({ status: 401, body: { message: 'Unauthenticated.' }, source: 'sources/seen.md (401 as JSON)', becomes: 'AuthError' });
  if (which.notFound) {
    out.push({
      status: 404,
      body: sender ? { success: false, message: 'Not found' } : { message: 'No query results for model [Sendportal\\Base\\Models\\Subscriber] 999' },
      source: sender ? 'sources/sender-api-v2.md ("404 — Not found"; body: no public source)' : 'sources/seen.md (404 body seen from a real SendPortal)',
      becomes: 'NotFoundError',
    });
  }
  if (which.invalid) {
    out.push({
      status: 422,
      body: { message: 'The given data was invalid.', errors: { '*': ['The email must be a valid email address.'] } },
      source: sender ? 'sources/sender-api-v2.md ("422 — Bad request parameters": message and errors)' : 'sources/sendportal-api-v1.md ("Validation Errors")',
      becomes: 'ValidationError',
    });
  }
  return out;
}
