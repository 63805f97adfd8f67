/** Every failure the API layer reports is one of these; the UI renders `message` and offers `action`. */
export type ApiErrorKind =
  | 'badRequest'
  | 'auth'
  | 'notFound'
  | 'validation'
  | 'rateLimited'
  | 'server'
  | 'timeout'
  | 'network'
  | 'invalidResponse'
  | 'cancelled'
  | 'config';

/** What a person can do about an error; the extension maps each to a command. */
export type ErrorAction = 'setToken' | 'retry' | 'editConnection' | 'waitAndRetry' | 'fixInput' | 'none';

export abstract class ApiError extends Error {
  abstract readonly kind: ApiErrorKind;
  abstract readonly action: ErrorAction;
  readonly status?: number;
  constructor(message: string, status?: number) {
    super(message);
    this.name = new.target.name;
    this.status = status;
  }
}

export class BadRequestError extends ApiError {
  readonly kind = 'badRequest';
  readonly action = 'fixInput';
  constructor(serverMessage?: string) {
    super(`The API rejected the request as malformed${serverMessage ? `: ${serverMessage}` : '.'}`, 400);
  }
}

export class AuthError extends ApiError {
  readonly kind = 'auth';
  readonly action = 'setToken';
  constructor(providerHint: string) {
    super(`The API token was refused (401): it is missing, wrong or expired. ${providerHint}`, 401);
  }
}

export class NotFoundError extends ApiError {
  readonly kind = 'notFound';
  readonly action = 'none';
  constructor(what: string) {
    super(`${what} was not found (404). Check the id, or the connection's base URL if nothing is found.`, 404);
  }
}

export class ValidationError extends ApiError {
  readonly kind = 'validation';
  readonly action = 'fixInput';
  constructor(
    readonly fields: Record<string, string[]>,
    serverMessage?: string,
  ) {
    super(ValidationError.describe(fields, serverMessage), 422);
  }
  private static describe(fields: Record<string, string[]>, serverMessage?: string): string {
    const lines = Object.values(fields).flat();
    if (lines.length) return `The API did not accept the data: ${lines.join(' ')}`;
    return `The API did not accept the data${serverMessage ? `: ${serverMessage}` : '.'}`;
  }
}

export class RateLimitedError extends ApiError {
  readonly kind = 'rateLimited';
  readonly action = 'waitAndRetry';
  /** `retryAfterMs`: how long the call would have had to wait, when known. */
  constructor(readonly retryAfterMs?: number) {
    super(
      `The API's rate limit is used up (429). ${
        retryAfterMs === undefined ? 'Try again in a moment.' : `Try again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s.`
      }`,
      429,
    );
  }
}

export class ServerError extends ApiError {
  readonly kind = 'server';
  readonly action = 'retry';
  constructor(status: number) {
    super(`The API server failed (${status}). This is on the server's side; try again later.`, status);
  }
}

export class TimeoutError extends ApiError {
  readonly kind = 'timeout';
  readonly action = 'retry';
  constructor(ms: number) {
    super(`The API did not answer within ${Math.round(ms / 100) / 10} s. Check the connection or raise newsletter.requestTimeout.`);
  }
}

/** Failures before a connection existed (refused, no such host, no route, a certificate refused): nothing was sent. */
const BEFORE_SENDING = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export class NetworkError extends ApiError {
  readonly kind = 'network';
  readonly action = 'retry';
  /** The request never left (so a write was not made): the connection itself failed. */
  readonly neverSent: boolean;
  constructor(host: string, cause: string) {
    super(`Could not reach ${host} (${cause}). Check the URL and your network.`);
    this.neverSent = BEFORE_SENDING.has(cause);
  }
}

export class InvalidResponseError extends ApiError {
  readonly kind = 'invalidResponse';
  readonly action = 'editConnection';
  constructor(
    readonly detail: string,
    status?: number,
  ) {
    super(`The server's answer is not the API's JSON: ${detail}. Check that the base URL points at the API.`, status);
  }
}

export class CancelledError extends ApiError {
  readonly kind = 'cancelled';
  readonly action = 'none';
  constructor() {
    super('The request was cancelled.');
  }
}

/** Refused before any request: a bad URL, a malformed token, an unsupported lookup. */
export class ConfigError extends ApiError {
  readonly kind = 'config';
  constructor(
    message: string,
    readonly action: ErrorAction = 'editConnection',
  ) {
    super(message);
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
