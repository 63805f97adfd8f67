import { clock } from '../../clock';
import { ConfigError, InvalidResponseError } from '../../errors';
import type { ApiClient } from '../../http/client';
import type {
  CallOptions,
  Campaign,
  CampaignListOptions,
  DeleteOptions,
  FindMissingOptions,
  Health,
  IdMemoryStore,
  ListKind,
  ListOptions,
  NewSubscriber,
  NewsletterProvider,
  NotAdded,
  Page,
  ProviderDescriptor,
  Subscriber,
  SubscriberChanges,
  SubscriberList,
} from '../../model';
import type { DraftInput, Template, TemplateInput } from '../../authoring';
import { measureHealth } from '../health';
import { filterPages, isRecord, pageOf, single, toPage } from '../shapes';
import { draftBody, mapCampaign, mapSubscriber, mapTag, mapTemplate } from './mappings';
import { findMissing, lookupCost } from './recovery';
import { campaignTags, createDraft, dispatchAt, putDraft } from './drafts';

/** SendPortal ignores per_page on these lists. */
const PAGE_SIZE = 25;
/** Tags take per_page (Laravel's paginate, no cap of its own): we ask for this many. */
const TAGS_PER_PAGE = 100;

export class SendPortalProvider implements NewsletterProvider {
  /** The last tag's members, fetched whole (the API does not page them) and paged here. */
  private members?: { tagId: string; all: Subscriber[] };

  constructor(
    private readonly http: ApiClient,
    readonly descriptor: ProviderDescriptor,
  ) {}

  get rateLimit() {
    return this.http.rateLimit;
  }

  async listSubscribers(page: number, opts: CallOptions = {}): Promise<Page<Subscriber>> {
    const res = await this.http.request('subscribers', { query: { page }, signal: opts.signal });
    return toPage(res.body, page, PAGE_SIZE, mapSubscriber);
  }

  async getSubscriber(key: string, opts: CallOptions = {}): Promise<Subscriber> {
    const problem = this.descriptor.subscriberKeyProblem(key);
    if (problem) throw new ConfigError(problem, 'fixInput');
    const id = key.trim();
    const res = await this.http.request(`subscribers/${id}`, { signal: opts.signal, what: `Subscriber ${id}` });
    return mapSubscriber(single(res.body));
  }

  /** SendPortal's POST is an upsert keyed on email: 201 created, 200 updated. */
  async addSubscriber(input: NewSubscriber, opts: CallOptions = {}): Promise<{ subscriber: Subscriber; created?: boolean }> {
    const res = await this.http.request('subscribers', {
      method: 'POST',
      body: { email: input.email, first_name: input.firstName, last_name: input.lastName },
      signal: opts.signal,
    });
    const subscriber = mapSubscriber(single(res.body));
    // The store request takes no tags (older versions: `segments`) [src]: tagged afterwards, one call per tag.
    for (const tagId of input.lists ?? []) {
      await this.addToList({ id: tagId, kind: 'tag', name: tagId, raw: {} }, [subscriber], opts);
    }
    return { subscriber, created: res.status === 201 };
  }

  /** `PUT /subscribers/{id}`: email required, names nullable [src: Api\\SubscriberUpdateRequest]. */
  async updateSubscriber(subscriber: Subscriber, changes: SubscriberChanges, opts: CallOptions = {}): Promise<Subscriber> {
    const res = await this.http.request(`subscribers/${encodeURIComponent(subscriber.id)}`, {
      method: 'PUT',
      body: {
        email: subscriber.email,
        first_name: changes.firstName ?? subscriber.firstName ?? null,
        last_name: changes.lastName ?? subscriber.lastName ?? null,
      },
      signal: opts.signal,
      what: `Subscriber ${subscriber.id}`,
    });
    return mapSubscriber(single(res.body));
  }

  /**
   * The API's store request takes `unsubscribed_at` (nullable date) and upserts by email, so that is how one is
   * unsubscribed or resubscribed (`Http/Requests/Api/SubscriberStoreRequest`, mettle/sendportal-core) [src].
   */
  async setSubscribed(subscriber: Subscriber, subscribed: boolean, opts: CallOptions = {}): Promise<Subscriber> {
    const res = await this.http.request('subscribers', {
      method: 'POST',
      body: { email: subscriber.email, unsubscribed_at: subscribed ? null : clock.date().toISOString().slice(0, 19).replace('T', ' ') },
      signal: opts.signal,
    });
    return mapSubscriber(single(res.body));
  }

  /** `DELETE /subscribers/{id}`, one by one: 204 [src]. */
  async deleteSubscribers(subscribers: readonly Subscriber[], opts: DeleteOptions = {}): Promise<{ later: boolean }> {
    for (const x of subscribers) {
      await this.http.request(`subscribers/${encodeURIComponent(x.id)}`, {
        method: 'DELETE',
        signal: opts.signal,
        what: `Subscriber ${x.id}`,
      });
      opts.onDeleted?.(x);
    }
    return { later: false };
  }

  /** `GET /tags?page=&per_page=`, ordered by name [src: Api\\TagsController::index]. */
  async listLists(_kind: ListKind, page: number, opts: ListOptions = {}): Promise<Page<SubscriberList>> {
    const res = await this.http.request('tags', { query: { page, per_page: TAGS_PER_PAGE }, signal: opts.signal });
    return toPage(res.body, page, TAGS_PER_PAGE, mapTag);
  }

  /**
   * `GET /tags/{id}/subscribers` answers every member at once, not paginated [src: Api\\TagSubscribersController]:
   * fetched for page 1 and paged here, so the tree shows them 25 at a time like every list.
   */
  async listMembers(list: SubscriberList, page: number, opts: ListOptions = {}): Promise<Page<Subscriber>> {
    if (page === 1 || this.members?.tagId !== list.id) {
      const res = await this.http.request(`tags/${encodeURIComponent(list.id)}/subscribers`, {
        signal: opts.signal,
        what: `Tag "${list.name}"`,
      });
      const body = res.body;
      if (!isRecord(body) || !Array.isArray(body.data)) throw new InvalidResponseError('the list has no "data" array');
      const all: Subscriber[] = [];
      for (const r of body.data) if (isRecord(r)) all.push(mapSubscriber(r));
      this.members = { tagId: list.id, all };
    }
    return pageOf(this.members.all, page, PAGE_SIZE);
  }

  /** `POST /tags` with `{name}`: 422 when the name is taken ("The tag name must be unique.") [src: TagStoreRequest]. */
  async createList(_kind: ListKind, name: string, opts: CallOptions = {}): Promise<SubscriberList> {
    const res = await this.http.request('tags', { method: 'POST', body: { name }, signal: opts.signal });
    return mapTag(single(res.body));
  }

  /** `PUT /tags/{id}` with `{name}` [src: Api\\TagsController::update]. */
  async renameList(list: SubscriberList, name: string, opts: CallOptions = {}): Promise<SubscriberList> {
    const res = await this.http.request(`tags/${encodeURIComponent(list.id)}`, {
      method: 'PUT',
      body: { name },
      signal: opts.signal,
      what: `Tag "${list.name}"`,
    });
    return { ...mapTag(single(res.body)), count: list.count };
  }

  /** `DELETE /tags/{id}`: 204; the subscribers stay [src]. */
  async deleteList(list: SubscriberList, opts: CallOptions = {}): Promise<void> {
    await this.http.request(`tags/${encodeURIComponent(list.id)}`, { method: 'DELETE', signal: opts.signal, what: `Tag "${list.name}"` });
  }

  /** `POST /tags/{id}/subscribers` with `{subscribers: [ids]}` [src: TagSubscriberStoreRequest]. */
  async addToList(list: SubscriberList, subscribers: readonly Subscriber[], opts: CallOptions = {}): Promise<NotAdded> {
    await this.membership('POST', list, subscribers, opts);
    return { missing: [], invalid: [] }; // ids of subscribers it holds: the rules refuse the call otherwise (422)
  }

  /** `DELETE /tags/{id}/subscribers` with `{subscribers: [ids]}` [src: TagSubscriberDestroyRequest]. */
  removeFromList(list: SubscriberList, subscribers: readonly Subscriber[], opts: CallOptions = {}): Promise<void> {
    return this.membership('DELETE', list, subscribers, opts);
  }

  private async membership(
    method: 'POST' | 'DELETE',
    list: SubscriberList,
    subscribers: readonly Subscriber[],
    opts: CallOptions,
  ): Promise<void> {
    await this.http.request(`tags/${encodeURIComponent(list.id)}/subscribers`, {
      method,
      body: { subscribers: subscribers.map((x) => Number(x.id)) },
      signal: opts.signal,
      what: `Tag "${list.name}"`,
    });
    if (this.members?.tagId === list.id) this.members = undefined;
  }

  /**
   * The API has no status filter, so a filtered list is filtered here, page by page, and marked so. Pages without a
   * match are skipped (at most SCAN_PAGES per call) so that "Load more" rarely shows nothing; the returned `page`
   * is the last one read.
   */
  async listCampaigns(page: number, opts: CampaignListOptions = {}): Promise<Page<Campaign>> {
    const fetch = async (p: number) =>
      toPage((await this.http.request('campaigns', { query: { page: p }, signal: opts.signal })).body, p, PAGE_SIZE, mapCampaign);
    return opts.status ? filterPages(fetch, page, (c) => c.status === opts.status) : fetch(page);
  }

  /** What a recovery of those a walk missed is likely to cost, and at most (recovery.ts). */
  missingLookupCost(held: ReadonlySet<string>, tags: number, missing: number, memory?: IdMemoryStore): { expected: number; worst: number } {
    return lookupCost(held, tags, missing, memory?.read());
  }

  /** Finds who a walk missed, cheap first (recovery.ts). */
  findMissingSubscribers(held: ReadonlySet<string>, missing: number, opts: FindMissingOptions = {}): Promise<Subscriber[]> {
    return findMissing(this.http, this, held, missing, opts);
  }

  async getCampaign(id: string, opts: CallOptions = {}): Promise<Campaign> {
    const res = await this.http.request(`campaigns/${encodeURIComponent(id)}`, { signal: opts.signal, what: `Campaign ${id}` });
    return mapCampaign(single(res.body));
  }

  /**
   * The campaign as the server holds it now, with its audience: `show` has no tags, the index does [src:
   * Api\CampaignsController], so the index is read until the campaign is found (page 1, then from the last page
   * back: a new draft is among the last). Every sending confirmation starts here.
   */
  async readForSending(id: string, opts: CallOptions = {}): Promise<Campaign> {
    const shown = await this.getCampaign(id, opts);
    if (shown.toAll) return { ...shown, audience: [], raw: { ...shown.raw, tags: [] } };
    const tags = await campaignTags(this, id, shown.title, opts);
    return { ...shown, audience: tags.map(String), raw: { ...shown.raw, tags } };
  }

  /**
   * Send Now. `POST /campaigns/{id}/send` only queues a draft (status 2); SendPortal's dispatcher then sends queued
   * campaigns whose `scheduled_at` has come [src: Api\CampaignDispatchController, Console\Commands\
   * CampaignDispatchCommand]. A draft made in the web app has none, and would stay queued forever: so the draft's
   * `scheduled_at` is set to now first (`PUT`, drafts only), then it is dispatched.
   */
  sendCampaign(campaign: Campaign, opts: CallOptions = {}): Promise<Campaign> {
    return dispatchAt(this.http, this, campaign, clock.date(), opts);
  }

  /** Schedule: the same two steps with a future `scheduled_at`. It cannot be taken back: updates need a draft [src]. */
  scheduleCampaign(campaign: Campaign, at: Date, opts: CallOptions = {}): Promise<Campaign> {
    return dispatchAt(this.http, this, campaign, at, opts);
  }

  /** A new draft (drafts.ts), with the latest campaign's email service when the file names none. */
  createDraft(input: DraftInput, opts: CallOptions = {}): Promise<Campaign> {
    return createDraft(this.http, this, input, opts);
  }

  /** The draft takes the file's fields (`PUT`, drafts only), over the draft as the server holds it now. */
  async updateDraft(campaign: Campaign, changes: Partial<DraftInput>, opts: CallOptions = {}): Promise<Campaign> {
    const body = draftBody(changes);
    const now = body.tags === undefined ? await this.readForSending(campaign.id, opts) : await this.getCampaign(campaign.id, opts);
    return putDraft(this.http, now, body, opts);
  }

  /** `GET /templates?page=`: 25 a page, ordered by name [src: Api\\TemplatesController, Http\\Resources\\Template]. */
  async listTemplates(page: number, opts: CallOptions = {}): Promise<Page<Template>> {
    const res = await this.http.request('templates', { query: { page }, signal: opts.signal });
    return toPage(res.body, page, PAGE_SIZE, mapTemplate);
  }

  async getTemplate(id: string, opts: CallOptions = {}): Promise<Template> {
    const res = await this.http.request(`templates/${encodeURIComponent(id)}`, { signal: opts.signal, what: `Template ${id}` });
    return mapTemplate(single(res.body));
  }

  /** `POST /templates` or `PUT /templates/{id}` with `{name, content}` (a name unique in the workspace) [src: Api\\Template*Request]. */
  async saveTemplate(t: TemplateInput, opts: CallOptions = {}): Promise<Template> {
    const path = t.id === undefined ? 'templates' : `templates/${encodeURIComponent(t.id)}`;
    const res = await this.http.request(path, {
      method: t.id === undefined ? 'POST' : 'PUT',
      body: { name: t.name, content: t.html },
      signal: opts.signal,
      what: `Template "${t.name}"`,
    });
    return mapTemplate(single(res.body));
  }

  /** /ping proves the host is up but not the token; /tags proves the token. Ping only when needed: every call counts. */
  checkHealth(opts: CallOptions = {}): Promise<Health> {
    const ping = async () => {
      const res = await this.http.request<string>('ping', { text: true, anonymous: true, signal: opts.signal });
      return String(res.body).trim() === 'ok';
    };
    return measureHealth(
      this.rateLimit,
      async () => {
        if (!this.http.hasToken) {
          if (!(await ping())) throw new InvalidResponseError('/ping did not answer "ok"');
          return { authenticated: undefined };
        }
        await this.http.request('tags', { query: { per_page: 1 }, signal: opts.signal });
        return { authenticated: true };
      },
      ping,
    );
  }
}
