import type { ApiClient } from '../http/client';
import type { CampaignStatus, NewsletterProvider, ProviderKind } from '../model';

/**
 * Everything the extension knows about one service, in one place: commands and views read this instead of
 * branching on the provider. A new service is a new folder with one of these and one line in the registry.
 */
export interface ProviderDescriptor {
  readonly kind: ProviderKind;
  readonly displayName: string;
  /** Where the hosted API lives; undefined for self-hosted services, which need a URL. */
  readonly defaultBaseUrl?: string;
  /** The prompt of the URL box in Add Connection. */
  readonly urlPrompt: string;
  /** What to do about a refused token. */
  readonly authHint: string;
  /** Where to find a token, for the password box. */
  readonly tokenPrompt: string;
  /** The statuses campaigns can be filtered by. */
  readonly campaignFilters: readonly CampaignStatus[];
  /** Whether the API filters campaigns by status (otherwise we filter page by page and say so). */
  readonly filtersCampaignsOnServer: boolean;
  /** Describes what a subscriber lookup accepts, for prompts. */
  readonly subscriberLookupHint: string;
  /** Fields the list forms lack: details need a request of their own only when one of these is missing. */
  readonly detailOnlyFields: { readonly subscriber: readonly string[]; readonly campaign: readonly string[] };
  /** Items per page: what we ask for by default and the most the API serves (equal when it is fixed). */
  readonly pageSize: { readonly default: number; readonly max: number };
  /** Why a subscriber lookup cannot use this key, or undefined; checked before any request. */
  subscriberKeyProblem(key: string): string | undefined;
  /** The API root for what a user typed (checked: HTTPS except loopback); throws ConfigError. */
  apiBase(raw: string | undefined): URL;
  /** The mapping of this service's paths and shapes over a client. */
  create(client: ApiClient): NewsletterProvider;
}
