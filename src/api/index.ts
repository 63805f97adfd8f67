import { HttpClient, type HttpClientOptions } from './http';
import type { NewsletterProvider, ProviderKind } from './model';
import { SENDER_AUTH_HINT, SENDER_BASE_URL, SenderProvider } from './sender';
import { SENDPORTAL_AUTH_HINT, SendPortalProvider } from './sendportal';
import { checkBaseUrl, sendPortalApiBase } from './url';

export * from './errors';
export * from './model';
export type { RequestLogEntry } from './http';
export { RateLimitState, type RateLimitSnapshot } from './rateLimit';
export { normalizeToken, tokenProblem, redact } from './token';
export { checkBaseUrl, sendPortalApiBase } from './url';

export interface ProviderOptions extends Omit<HttpClientOptions, 'authHint' | 'baseUrl'> {
  kind: ProviderKind;
  /** Sender: overrides https://api.sender.net/v2/ (tests). SendPortal: the host or its /api/v1 root; required. */
  baseUrl?: string;
}

/** Makes the client for a connection; throws ConfigError for a bad or insecure URL before any request. */
export function createProvider(opts: ProviderOptions): NewsletterProvider {
  if (opts.kind === 'sender') {
    const baseUrl = checkBaseUrl(opts.baseUrl || SENDER_BASE_URL);
    return new SenderProvider(new HttpClient({ ...opts, baseUrl, authHint: SENDER_AUTH_HINT }));
  }
  const baseUrl = sendPortalApiBase(opts.baseUrl ?? '');
  return new SendPortalProvider(new HttpClient({ ...opts, baseUrl, authHint: SENDPORTAL_AUTH_HINT }));
}
