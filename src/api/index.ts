import { ApiClient, type ClientOptions } from './http/client';
import type { NewsletterProvider, ProviderKind } from './model';
import { descriptorOf } from './providers/registry';

export * from './errors';
export * from './model';
export type * from './authoring';
export type { ResponseEvent } from './http/client';
export type { RetryPolicy } from './http/retryPolicy';

export { PROVIDERS, descriptorOf, editableListKind, isProviderKind } from './providers/registry';
export { RateLimitState, type RateLimitSnapshot, backgroundReserve } from './rateLimit';
export { type Priority, currentPriority, withPriority } from './priority';
export { safeText } from './sanitize';
export { sendingChanges } from './sending';
export type { IdMemory } from './idMemory';
export { campaignRates, rate } from './rates';
export { REPORT_KINDS } from './activity';
export { clock, setClock } from './clock';
export { filterPages, isRecord } from './providers/shapes';
export { normalizeToken, tokenProblem, redact } from './token';
export { checkBaseUrl } from './url';

export interface ProviderOptions extends Omit<ClientOptions, 'authHint' | 'baseUrl'> {
  kind: ProviderKind;
  /** Sender: overrides https://api.sender.net/v2/ (tests). SendPortal: the host or its /api/v1 root; required. */
  baseUrl?: string;
}

/** Makes the client for a connection; throws ConfigError for a bad or insecure URL before any request. */
export function createProvider(opts: ProviderOptions): NewsletterProvider {
  const descriptor = descriptorOf(opts.kind);
  return descriptor.create(new ApiClient({ ...opts, baseUrl: descriptor.apiBase(opts.baseUrl), authHint: descriptor.authHint }));
}
