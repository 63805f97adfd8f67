import { toApiDateTime } from '../../dates';
import { ConfigError } from '../../errors';
import type { DraftInput } from '../../authoring';
import type { ApiClient } from '../../http/client';
import type {
  CallOptions,
  Campaign,
  CustomField,
  CampaignListOptions,
  DeleteOptions,
  Health,
  ListKind,
  ListOptions,
  NewSubscriber,
  NewsletterProvider,
  NotAdded,
  Page,
  ProviderDescriptor,
  ReportEntry,
  ReportKind,
  Subscriber,
  SubscriberChanges,
  SubscriberActivity,
  SubscriberList,
} from '../../model';
import { measureHealth } from '../health';
import { single, toPage } from '../shapes';
import { createDraft } from './drafts';
import * as groups from './groups';
import {
  ACTIVITY_ACTIONS,
  mapActivity,
  mapCampaign,
  mapFields,
  mapList,
  mapReportEntry,
  mapSubscriber,
  withChanges,
  withStatus,
} from './mappings';

export class SenderProvider implements NewsletterProvider {
  constructor(
    private readonly http: ApiClient,
    readonly descriptor: ProviderDescriptor,
  ) {}

  get rateLimit() {
    return this.http.rateLimit;
  }

  private limit(opts: ListOptions): number {
    return Math.min(this.descriptor.pageSize.bulk, Math.max(1, opts.limit ?? this.descriptor.pageSize.default));
  }

  async listSubscribers(page: number, opts: ListOptions = {}): Promise<Page<Subscriber>> {
    const limit = this.limit(opts);
    const res = await this.http.request('subscribers', { query: { page, limit, ...sortQuery(opts) }, signal: opts.signal });
    return toPage(res.body, page, limit, mapSubscriber);
  }

  async getSubscriber(key: string, opts: CallOptions = {}): Promise<Subscriber> {
    const problem = this.descriptor.subscriberKeyProblem(key);
    if (problem) throw new ConfigError(problem, 'fixInput');
    // Sender stores addresses as given at sign-up, lower case in practice; a lookup with capitals finds nothing.
    const k = key.includes('@') ? key.trim().toLowerCase() : key.trim();
    const res = await this.http.request(`subscribers/${encodeURIComponent(k)}`, {
      signal: opts.signal,
      what: `Subscriber "${key.trim()}"`,
    });
    return mapSubscriber(single(res.body));
  }

  /**
   * A new address: `POST /subscribers`, documented as "creates a new subscriber" and answering it in `data`. An
   * address known to exist (`input.exists`): what POST does to it has no public source, so it is updated with the
   * documented `PATCH`, joins its groups with `POST /subscribers/groups/{id}` (adding, never replacing), and is read
   * again. `trigger_automation` defaults to true on both writes, which can start real automations: we send false
   * unless the user asks [doc: api.sender.net/subscribers/add-subscriber, update-subscriber].
   */
  async addSubscriber(input: NewSubscriber, opts: CallOptions = {}): Promise<{ subscriber: Subscriber; created?: boolean }> {
    const automations = input.startAutomations === true;
    if (input.exists) {
      await this.patch(
        input.email,
        { firstname: input.firstName, lastname: input.lastName, ...(input.phone ? { phone: input.phone } : {}) },
        opts,
        automations,
      );
      for (const id of input.lists ?? [])
        await groups.membership(this.http, 'POST', { id, kind: 'group', name: id, raw: {} }, [{ email: input.email }], opts);
      return { subscriber: await this.getSubscriber(input.email, opts), created: false };
    }
    const res = await this.http.request('subscribers', {
      method: 'POST',
      body: {
        email: input.email,
        firstname: input.firstName,
        lastname: input.lastName,
        ...(input.phone ? { phone: input.phone } : {}),
        ...(input.lists?.length ? { groups: input.lists } : {}),
        trigger_automation: automations,
      },
      signal: opts.signal,
    });
    return { subscriber: mapSubscriber(single(res.body)), created: true };
  }

  /**
   * `PATCH /subscribers/{email|phone|id}`: answers `{success, message, data: []}`, no subscriber [doc:
   * api.sender.net/subscribers/update-subscriber], so callers apply what they sent. `trigger_automation` is false
   * unless asked (its default is true here too).
   */
  private async patch(key: string, body: Record<string, unknown>, opts: CallOptions, automations = false): Promise<void> {
    await this.http.request(`subscribers/${encodeURIComponent(key)}`, {
      method: 'PATCH',
      body: { ...body, trigger_automation: automations },
      signal: opts.signal,
      what: `Subscriber ${key}`,
    });
  }

  /** `subscriber_status` ACTIVE or UNSUBSCRIBED; the subscriber as it is now, from what was sent. */
  async setSubscribed(subscriber: Subscriber, subscribed: boolean, opts: CallOptions = {}): Promise<Subscriber> {
    const status = subscribed ? 'ACTIVE' : 'UNSUBSCRIBED';
    await this.patch(subscriber.email || subscriber.id, { subscriber_status: status }, opts);
    return withStatus(subscriber, subscribed);
  }

  /**
   * `firstname`, `lastname`, `phone` and custom `fields` (keyed by the field's `{$name}` tag) [doc]; the subscriber as
   * it is now, from what was sent.
   */
  async updateSubscriber(subscriber: Subscriber, changes: SubscriberChanges, opts: CallOptions = {}): Promise<Subscriber> {
    const body: Record<string, unknown> = {};
    if (changes.firstName !== undefined) body.firstname = changes.firstName;
    if (changes.lastName !== undefined) body.lastname = changes.lastName;
    if (changes.phone !== undefined) body.phone = changes.phone;
    if (changes.fields && Object.keys(changes.fields).length)
      body.fields = Object.fromEntries(Object.values(changes.fields).map((f) => [f.tag, f.value]));
    await this.patch(subscriber.email || subscriber.id, body, opts);
    return withChanges(subscriber, body, changes);
  }

  /** `GET /fields`: the account's custom fields, each with its `{$name}` tag [doc: api.sender.net/fields]. */
  async listFields(opts: CallOptions = {}): Promise<CustomField[]> {
    const res = await this.http.request('fields', { signal: opts.signal });
    return mapFields(res.body);
  }

  /** `DELETE /subscribers` with `{subscribers: [emails]}`, all in one call: Sender deletes them shortly after [doc]. */
  async deleteSubscribers(subscribers: readonly Subscriber[], opts: DeleteOptions = {}): Promise<{ later: boolean }> {
    await this.http.request('subscribers', {
      method: 'DELETE',
      body: { subscribers: subscribers.map((x) => x.email) },
      signal: opts.signal,
    });
    for (const x of subscribers) opts.onDeleted?.(x);
    return { later: true };
  }

  /** `GET /groups` and `GET /segments`, paginated like every list (Sender's plugin loops on `meta.last_page`) [src]. */
  async listLists(kind: ListKind, page: number, opts: ListOptions = {}): Promise<Page<SubscriberList>> {
    const limit = this.limit(opts);
    const res = await this.http.request(kind === 'segment' ? 'segments' : 'groups', { query: { page, limit }, signal: opts.signal });
    return toPage(res.body, page, limit, (r) => mapList(r, kind === 'segment' ? 'segment' : 'group'));
  }

  /** `GET /groups/{id}/subscribers`, `GET /segments/{id}/subscribers`: paged like `/subscribers` [doc]. */
  async listMembers(list: SubscriberList, page: number, opts: ListOptions = {}): Promise<Page<Subscriber>> {
    const limit = this.limit(opts);
    const path = `${list.kind === 'segment' ? 'segments' : 'groups'}/${encodeURIComponent(list.id)}/subscribers`;
    const res = await this.http.request(path, { query: { page, limit }, signal: opts.signal, what: `Group "${list.name}"` });
    return toPage(res.body, page, limit, mapSubscriber);
  }

  /** The group writes are groups.ts's: a new group found by its title, who was not added told. */
  createList(_kind: ListKind, name: string, opts: CallOptions = {}): Promise<SubscriberList> {
    return groups.create(this.http, this, name, opts);
  }

  renameList(list: SubscriberList, name: string, opts: CallOptions = {}): Promise<SubscriberList> {
    return groups.rename(this.http, list, name, opts);
  }

  deleteList(list: SubscriberList, opts: CallOptions = {}): Promise<void> {
    return groups.remove(this.http, list, opts);
  }

  addToList(list: SubscriberList, subscribers: readonly Subscriber[], opts: CallOptions = {}): Promise<NotAdded> {
    return groups.addMembers(this.http, list, subscribers, opts);
  }

  async removeFromList(list: SubscriberList, subscribers: readonly Subscriber[], opts: CallOptions = {}): Promise<void> {
    await groups.membership(this.http, 'DELETE', list, subscribers, opts);
  }

  async listCampaigns(page: number, opts: CampaignListOptions = {}): Promise<Page<Campaign>> {
    const limit = this.limit(opts);
    const status = opts.status && opts.status !== 'unknown' ? opts.status.toUpperCase() : undefined;
    const res = await this.http.request('campaigns', { query: { page, limit, status, ...sortQuery(opts) }, signal: opts.signal });
    return toPage(res.body, page, limit, mapCampaign);
  }

  async getCampaign(id: string, opts: CallOptions = {}): Promise<Campaign> {
    const res = await this.http.request(`campaigns/${encodeURIComponent(id)}`, { signal: opts.signal, what: `Campaign ${id}` });
    return mapCampaign(single(res.body));
  }

  /** A new draft (drafts.ts: the id from the answer where it carries one, else the draft made since it was sent). */
  createDraft(input: DraftInput, opts: CallOptions = {}): Promise<Campaign> {
    return createDraft(this.http, this, input, opts);
  }

  /** The single campaign carries its groups (`campaign_groups`): read now, for a sending confirmation. */
  readForSending(id: string, opts: CallOptions = {}): Promise<Campaign> {
    return this.getCampaign(id, opts);
  }

  /** `POST /campaigns/{id}/send` [community]. */
  sendCampaign(campaign: Campaign, opts: CallOptions = {}): Promise<Campaign> {
    return this.campaignWrite(campaign, 'POST', 'send', undefined, opts);
  }

  /** `POST /campaigns/{id}/schedule` with `schedule_time` as "YYYY-MM-DD HH:MM:SS" [community]. */
  scheduleCampaign(campaign: Campaign, at: Date, opts: CallOptions = {}): Promise<Campaign> {
    return this.campaignWrite(campaign, 'POST', 'schedule', { schedule_time: toApiDateTime(at) }, opts);
  }

  /** `DELETE /campaigns/{id}/schedule`: back to draft [community]. */
  cancelSchedule(campaign: Campaign, opts: CallOptions = {}): Promise<Campaign> {
    return this.campaignWrite(campaign, 'DELETE', 'schedule', undefined, opts);
  }

  /** A sending write: its answer is `{success, message}`, so the campaign is read again [community]. */
  private async campaignWrite(campaign: Campaign, method: 'POST' | 'DELETE', what: 'send' | 'schedule', body: unknown, opts: CallOptions) {
    const path = `campaigns/${encodeURIComponent(campaign.id)}/${what}`;
    await this.http.request(path, { method, body, signal: opts.signal, what: `Campaign "${campaign.title}"` });
    return this.getCampaign(campaign.id, opts);
  }

  /**
   * `GET /subscribers/{email|phone|id}/events?actions=["got",…]`: `actions` is a required JSON array of opened,
   * bounced, clicked, unsubscribed, got; the answer keeps one list per action under `email`, and sums under
   * `email_campaign` [doc: api.sender.net/subscribers/events].
   */
  async subscriberActivity(subscriber: Subscriber, opts: CallOptions = {}): Promise<SubscriberActivity> {
    const res = await this.http.request(`subscribers/${encodeURIComponent(subscriber.id)}/events`, {
      query: { actions: JSON.stringify(ACTIVITY_ACTIONS) },
      signal: opts.signal,
      what: `Subscriber ${subscriber.email}`,
    });
    return mapActivity(res.body);
  }

  /**
   * `GET /campaigns/{id}/opens|clicks|unsubscribes|hard_bounces|soft_bounces|complaints`: paginated lists of the
   * subscribers concerned; clicks carry the link's `url` [community: API clients reading `email`, `url`, `meta.total`].
   */
  async campaignReport(campaign: Campaign, kind: ReportKind, page: number, opts: ListOptions = {}): Promise<Page<ReportEntry>> {
    const limit = this.limit(opts);
    const res = await this.http.request(`campaigns/${encodeURIComponent(campaign.id)}/${kind}`, {
      query: { page, limit },
      signal: opts.signal,
      what: `Campaign "${campaign.title}"`,
    });
    return toPage(res.body, page, limit, mapReportEntry);
  }

  checkHealth(opts: CallOptions = {}): Promise<Health> {
    return measureHealth(
      this.rateLimit,
      async () => {
        await this.http.request('subscribers', { query: { limit: 1 }, signal: opts.signal });
        return { authenticated: true };
      },
      undefined,
    );
  }
}

function sortQuery(opts: ListOptions): { order?: string; direction?: string } {
  return opts.sort ? { order: opts.sort.field, direction: opts.sort.direction } : {};
}
