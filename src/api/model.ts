import type { ApiError } from './errors';
import type { ApiClient } from './http/client';
import type { RateLimitSnapshot, RateLimitState } from './rateLimit';

export type ProviderKind = 'sender' | 'sendportal';

export type SubscriberStatus = 'active' | 'unsubscribed' | 'bounced' | 'spamReported' | 'nonSubscribed' | 'unconfirmed' | 'unknown';

export interface Subscriber {
  id: string;
  email: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  status: SubscriberStatus;
  /** The status as the API spelled it, shown when we do not know it. */
  statusText?: string;
  createdAt?: string;
  tags: string[];
  /** The item as the API sent it, for the details view. */
  raw: Record<string, unknown>;
}

export type CampaignStatus = 'draft' | 'scheduled' | 'queued' | 'sending' | 'sent' | 'cancelled' | 'unknown';

export interface Campaign {
  id: string;
  title: string;
  subject?: string;
  status: CampaignStatus;
  /** Whom it is for (Sender's recipient_count); unknown on SendPortal. */
  recipients?: number;
  /** How many went out (sent_count on both). */
  sent?: number;
  /** Undefined where the API does not report them (SendPortal's counters stay 0). */
  opens?: number;
  clicks?: number;
  scheduledAt?: string;
  sentAt?: string;
  raw: Record<string, unknown>;
}

export interface Page<T> {
  items: T[];
  page: number;
  lastPage?: number;
  total?: number;
  perPage: number;
  hasMore: boolean;
  /** Set when a filter was applied to this page on our side because the API has none. */
  filteredClientSide?: boolean;
  /** Items of this page that could not be read, and why (the last reason). */
  skipped?: { count: number; reason: string };
}

export interface Health {
  reachable: boolean;
  /** Undefined when no token was there to check. */
  authenticated?: boolean;
  latencyMs?: number;
  rateLimit: RateLimitSnapshot;
  checkedAt: number;
  error?: ApiError;
}

export interface NewSubscriber {
  email: string;
  firstName?: string;
  lastName?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface ListOptions extends CallOptions {
  /** Items per page where the API allows choosing (Sender); SendPortal always sends 25. */
  limit?: number;
  /** Server-side order where the API has one (Sender's `order` and `direction`); SendPortal lists by id. */
  sort?: { field: string; direction: 'asc' | 'desc' };
}

export interface CampaignListOptions extends ListOptions {
  status?: CampaignStatus;
}

/** One interface over both APIs; providers map paths and shapes, the ApiClient does the rest. */
export interface NewsletterProvider {
  readonly descriptor: ProviderDescriptor;
  readonly rateLimit: RateLimitState;
  listSubscribers(page: number, opts?: ListOptions): Promise<Page<Subscriber>>;
  getSubscriber(key: string, opts?: CallOptions): Promise<Subscriber>;
  /**
   * Adds, or updates the one with this email (both APIs upsert). `created` says which, where the API tells
   * (SendPortal: 201 or 200); undefined where it does not (Sender: look the email up first).
   */
  addSubscriber(input: NewSubscriber, opts?: CallOptions): Promise<{ subscriber: Subscriber; created?: boolean }>;
  /** Unsubscribes or resubscribes one subscriber; answers the subscriber as it is now. */
  setSubscribed(subscriber: Subscriber, subscribed: boolean, opts?: CallOptions): Promise<Subscriber>;
  /** Deletes one subscriber; `later` when the API deletes it in the background (Sender). */
  deleteSubscriber(subscriber: Subscriber, opts?: CallOptions): Promise<{ later: boolean }>;
  listCampaigns(page: number, opts?: CampaignListOptions): Promise<Page<Campaign>>;
  getCampaign(id: string, opts?: CallOptions): Promise<Campaign>;
  checkHealth(opts?: CallOptions): Promise<Health>;
  /**
   * Finds subscribers a full walk did not list (the server's order shifted between pages), where the API allows
   * it; undefined where it cannot (Sender's ids are not sequential).
   */
  findMissingSubscribers?(held: ReadonlySet<string>, missing: number, opts?: FindMissingOptions): Promise<Subscriber[]>;
}

export interface FindMissingOptions extends CallOptions {
  /** After each lookup: ids checked so far, subscribers found so far, and the most ids it will check. */
  onProgress?(checked: number, found: number, bound: number): void;
}

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
  /** Whether the API's campaign open and click counts mean anything (SendPortal's stay 0 whatever happened). */
  readonly reportsOpensAndClicks: boolean;
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
