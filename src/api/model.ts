import type { ApiError } from './errors';
import type { IdMemory } from './idMemory';
import type { ApiClient } from './http/client';
import type { RateLimitSnapshot, RateLimitState } from './rateLimit';
import type { DraftInput, Template, TemplateInput } from './authoring';
import type { ReportEntry, ReportKind, SubscriberActivity } from './activity';

export type { ActivityAction, ActivityEvent, ReportEntry, ReportKind, SubscriberActivity } from './activity';

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
  /** Where the API keeps it (SendPortal's `updated_at`; Sender's subscribers have none). */
  updatedAt?: string;
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
  /** How many came back (Sender's bounces_count). */
  bounces?: number;
  /** Undefined where the API does not report them (SendPortal's counters stay 0). */
  opens?: number;
  clicks?: number;
  scheduledAt?: string;
  sentAt?: string;
  createdAt?: string;
  /** "Name <address>" as far as the API tells. */
  from?: string;
  /** Groups or tags it goes to, by name or id as the API gives them; empty with `toAll`. */
  audience: string[];
  toAll?: boolean;
  /** The email's HTML (Sender `html`, SendPortal `content`), where the API sends it. */
  html?: string;
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
  /** Sender only, with the country code. */
  phone?: string;
  /** Groups (Sender) or tags (SendPortal) to put them in, by id. */
  lists?: string[];
  /** Sender only: start the automations this sign-up would trigger (off unless the user asks). */
  startAutomations?: boolean;
  /** The address is known to be a subscriber already (Sender then updates it as documented instead of creating). */
  exists?: boolean;
}

/** One of Sender's custom fields: a subscriber's `columns` carry its value, a write names it by its `{$name}` tag. */
export interface CustomField {
  id: string;
  /** "{$plan}": how writes name it. */
  tag: string;
  title: string;
  /** "text", "number" or "datetime". */
  type: string;
}

/** What Edit Subscriber changes; an empty string clears a field, undefined leaves it. */
export interface SubscriberChanges {
  firstName?: string;
  lastName?: string;
  /** Sender only. */
  phone?: string;
  /** Sender only: custom field values by field id, each with the tag a write names it by. */
  fields?: Record<string, { tag: string; value: string }>;
}

/** Sender's groups and segments, SendPortal's tags. */
export type ListKind = 'group' | 'segment' | 'tag';

export interface SubscriberList {
  id: string;
  kind: ListKind;
  name: string;
  /** Members, where the API counts them. */
  count?: number;
  /** Active members, where the API counts them (Sender's groups). */
  active?: number;
  raw: Record<string, unknown>;
}

/** One kind of list a service has, and whether the API can create, rename and delete it. */
export interface ListKindInfo {
  readonly kind: ListKind;
  /** "Groups". */
  readonly label: string;
  /** "group". */
  readonly noun: string;
  readonly editable: boolean;
}

export type SubscriberSortField = 'created' | 'email' | 'firstname' | 'lastname';

/** Who a join left out and why, by address ("already" members count as in the list). */
export interface NotAdded {
  missing: string[];
  invalid: string[];
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface ListOptions extends CallOptions {
  /** Items per page where the API allows choosing (Sender); SendPortal always sends 25. */
  limit?: number;
  /** Server-side order where the API has one (Sender's `order` and `direction`); SendPortal has none. */
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
  /** Changes names (and Sender's phone); answers the subscriber as it is now. */
  updateSubscriber(subscriber: Subscriber, changes: SubscriberChanges, opts?: CallOptions): Promise<Subscriber>;
  /**
   * Deletes subscribers; `onDeleted` hears of each as soon as the server has taken it (so a failure half-way tells
   * which were done); `later` when the API deletes them in the background (Sender).
   */
  deleteSubscribers(subscribers: readonly Subscriber[], opts?: DeleteOptions): Promise<{ later: boolean }>;
  /** One page of the service's groups, segments or tags. */
  listLists(kind: ListKind, page: number, opts?: ListOptions): Promise<Page<SubscriberList>>;
  /** One page of a list's members. */
  listMembers(list: SubscriberList, page: number, opts?: ListOptions): Promise<Page<Subscriber>>;
  createList(kind: ListKind, name: string, opts?: CallOptions): Promise<SubscriberList>;
  renameList(list: SubscriberList, name: string, opts?: CallOptions): Promise<SubscriberList>;
  deleteList(list: SubscriberList, opts?: CallOptions): Promise<void>;
  /** Answers who was not added, where the API says (Sender: not subscribers, invalid addresses). */
  addToList(list: SubscriberList, subscribers: readonly Subscriber[], opts?: CallOptions): Promise<NotAdded>;
  removeFromList(list: SubscriberList, subscribers: readonly Subscriber[], opts?: CallOptions): Promise<void>;
  listCampaigns(page: number, opts?: CampaignListOptions): Promise<Page<Campaign>>;
  getCampaign(id: string, opts?: CallOptions): Promise<Campaign>;
  /** The campaign now, its audience included (SendPortal: tags from the index): what a sending confirmation shows. */
  readForSending(id: string, opts?: CallOptions): Promise<Campaign>;
  /** Sends `campaign` as confirmed (readForSending) or refuses if it changed; answers it read back. Never retried. */
  sendCampaign(campaign: Campaign, opts?: CallOptions): Promise<Campaign>;
  /** Where the API schedules: sets a draft to go at `at`; where it can (Sender), takes a scheduled one back to draft. */
  scheduleCampaign?(campaign: Campaign, at: Date, opts?: CallOptions): Promise<Campaign>;
  cancelSchedule?(campaign: Campaign, opts?: CallOptions): Promise<Campaign>;
  /** Where the API has custom fields (Sender): the account's fields, for Edit Subscriber. */
  listFields?(opts?: CallOptions): Promise<CustomField[]>;
  /** Where the API keeps it (Sender): what the subscriber received, opened, clicked. */
  subscriberActivity?(subscriber: Subscriber, opts?: CallOptions): Promise<SubscriberActivity>;
  /** Where the API has them (Sender): one page of the people a campaign report lists. */
  campaignReport?(campaign: Campaign, kind: ReportKind, page: number, opts?: ListOptions): Promise<Page<ReportEntry>>;
  /** Where the API has templates (SendPortal): one page of them, by name; one by id; a new one or a changed one. */
  listTemplates?(page: number, opts?: CallOptions): Promise<Page<Template>>;
  getTemplate?(id: string, opts?: CallOptions): Promise<Template>;
  saveTemplate?(template: TemplateInput, opts?: CallOptions): Promise<Template>;
  /** A new draft campaign from a newsletter file (authoring.ts). */
  createDraft?(input: DraftInput, opts?: CallOptions): Promise<Campaign>;
  /** Where the API can (SendPortal, drafts only): the draft takes what is given, the rest stays. */
  updateDraft?(campaign: Campaign, changes: Partial<DraftInput>, opts?: CallOptions): Promise<Campaign>;
  checkHealth(opts?: CallOptions): Promise<Health>;
  /** Finds those a full walk did not list (its order shifted), where the API allows it (not Sender: ids not sequential). */
  findMissingSubscribers?(held: ReadonlySet<string>, missing: number, opts?: FindMissingOptions): Promise<Subscriber[]>;
  /** What findMissingSubscribers is likely to cost and can cost at most, given the tags (said before it starts). */
  missingLookupCost?(held: ReadonlySet<string>, tags: number, missing: number, memory?: IdMemoryStore): { expected: number; worst: number };
}

export interface DeleteOptions extends CallOptions {
  onDeleted?(subscriber: Subscriber): void;
}

export interface FindMissingOptions extends CallOptions {
  /** After each lookup: look-ups so far, subscribers found so far, and the most look-ups it will take. */
  onProgress?(checked: number, found: number, bound: number): void;
  /** Each subscriber found, at once (kept by the caller whatever stops the search later). */
  onFound?(subscriber: Subscriber): void;
  /** What earlier recoveries of this connection learned (ids only), read first and written when this one ends. */
  memory?: IdMemoryStore;
}

/** Where a connection keeps what its recoveries learned of the server's ids, across sessions. */
export interface IdMemoryStore {
  read(): IdMemory | undefined;
  write(memory: IdMemory): void;
}

/** All the extension knows about one service: commands and views read this instead of branching on the provider. */
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
  /** The kinds of lists the service has, in the order the Lists view shows them. */
  readonly listKinds: readonly ListKindInfo[];
  /** The orders the API can list subscribers in (empty: only its own). */
  readonly subscriberSorts: readonly SubscriberSortField[];
  /** The statuses its subscribers can have, for the filter. */
  readonly subscriberStatuses: readonly SubscriberStatus[];
  /** Whether adding a subscriber can start automations (Sender's `trigger_automation`), so Add asks. */
  readonly startsAutomations: boolean;
  readonly editsPhone: boolean;
  /** The same person's address as the service matches it (SendPortal exactly [seen]; Sender in any letter case). */
  emailKey(email: string): string;
  /** The time zone a schedule's time is sent in, and whether any source documents it (Sender's has none). */
  readonly scheduleZone: { readonly zone: string; readonly documented: boolean };
  /** The page of the service's web app that shows an item, for Open in Web App. */
  webUrl(apiBase: URL, item: { kind: 'subscriber' | 'campaign'; id: string }): string;
  /** Items per page: what we ask for by default and the most the API serves (equal when it is fixed). */
  readonly pageSize: {
    readonly default: number;
    readonly max: number;
    /** The largest page for a bulk walk (export, import checks). */ readonly bulk: number;
  };
  /** Why a subscriber lookup cannot use this key, or undefined; checked before any request. */
  subscriberKeyProblem(key: string): string | undefined;
  /** The API root for what a user typed (checked: HTTPS except loopback); throws ConfigError. */
  apiBase(raw: string | undefined): URL;
  /** The mapping of this service's paths and shapes over a client. */
  create(client: ApiClient): NewsletterProvider;
}
