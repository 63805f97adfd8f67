import { AuthError, BadRequestError, InvalidResponseError, NotFoundError, RateLimitedError, ServerError, ValidationError } from '../errors';
import { safeText } from '../sanitize';
import type { RawResponse } from './transport';

interface Expectation {
  /** A text body is wanted (SendPortal's /ping), not JSON. */
  text?: boolean;
  /** Names the resource in a 404 message. */
  what?: string;
  /** What to say on a 401: the provider's advice on getting a new token. */
  authHint: string;
  /** Redacted from every server string (the token, in any case). */
  secrets: readonly (string | undefined)[];
}

/** Status and body → the body as a value, or the typed ApiError a person can act on. Server text is sanitised here. */
export function interpret(res: RawResponse, expect: Expectation): unknown {
  const { status, text } = res;
  const looksJson = /json/i.test(res.headers.get('content-type') ?? '') || /^\s*[[{]/.test(text);
  let body: unknown;
  let parsed = false;
  if (looksJson && text.length) {
    try {
      body = JSON.parse(text);
      parsed = true;
    } catch {
      /* judged below */
    }
  }
  const serverMessage = messageOf(body, expect.secrets);

  if (status >= 200 && status < 300) {
    if (expect.text) return text;
    if (status === 204) return undefined;
    if (!parsed) throw new InvalidResponseError(describeBody(res), status);
    return body;
  }
  if (status >= 300 && status < 400) throw new InvalidResponseError(`the server redirected (${status}) instead of answering`, status);
  switch (status) {
    case 400:
      throw new BadRequestError(serverMessage);
    case 401:
      throw new AuthError(expect.authHint);
    case 404:
      // `what` may name the item by its server title.
      throw new NotFoundError(safeText(expect.what ?? 'The resource', expect.secrets, 200));
    case 422:
      throw new ValidationError(fieldsOf(body, expect.secrets), serverMessage);
    case 429:
      throw new RateLimitedError();
  }
  if (status >= 500) throw new ServerError(status);
  throw new InvalidResponseError(`unexpected status ${status}${serverMessage ? ` (${serverMessage})` : ''}`, status);
}

function describeBody(res: RawResponse): string {
  const type = safeText(res.headers.get('content-type') ?? 'no content type', [], 80);
  if (!res.text.trim()) return 'the body is empty';
  if (/<html|<!doctype/i.test(res.text)) return `it sent an HTML page (${type})`;
  return `it sent ${type} that does not parse as JSON`;
}

function messageOf(body: unknown, secrets: Expectation['secrets']): string | undefined {
  const m = (body as { message?: unknown } | undefined)?.message;
  return typeof m === 'string' && m.trim() ? safeText(m, secrets) || undefined : undefined;
}

/** 422 field messages: at most 10 fields of 3 messages, each sanitised and capped. */
function fieldsOf(body: unknown, secrets: Expectation['secrets']): Record<string, string[]> {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  const out: Record<string, string[]> = {};
  if (!errors || typeof errors !== 'object') return out;
  for (const [field, msgs] of Object.entries(errors as Record<string, unknown>).slice(0, 10)) {
    const list = (Array.isArray(msgs) ? msgs : [msgs]).filter((m): m is string => typeof m === 'string').slice(0, 3);
    out[safeText(field, secrets, 60)] = list.map((m) => safeText(m, secrets, 200));
  }
  return out;
}
