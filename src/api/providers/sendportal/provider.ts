import { ConfigError, InvalidResponseError, NotFoundError } from '../../errors';
import type { ApiClient } from '../../http/client';
import type {
  CallOptions, Campaign, CampaignListOptions, CampaignStatus, FindMissingOptions, Health, NewSubscriber, NewsletterProvider, Page, Subscriber,
} from '../../model';
import { measureHealth } from '../health';
import { isRecord, num, single, str, toPage } from '../shapes';
import type { ProviderDescriptor } from '../../model';

/** SendPortal ignores per_page on these lists. */
const PAGE_SIZE = 25;
/** The most pages one filtered campaign call reads looking for a match. */
const SCAN_PAGES = 5;

const STATUS_BY_ID: Record<number, CampaignStatus> = { 1: 'draft', 2: 'queued', 3: 'sending', 4: 'sent', 5: 'cancelled' };

export class SendPortalProvider implements NewsletterProvider {
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
    return { subscriber: mapSubscriber(single(res.body)), created: res.status === 201 };
  }

  /**
   * The API's store request takes `unsubscribed_at` (nullable date) and upserts by email, so that is how one is
   * unsubscribed or resubscribed (`Http/Requests/Api/SubscriberStoreRequest`, mettle/sendportal-core) [src].
   */
  async setSubscribed(subscriber: Subscriber, subscribed: boolean, opts: CallOptions = {}): Promise<Subscriber> {
    const res = await this.http.request('subscribers', {
      method: 'POST',
      body: { email: subscriber.email, unsubscribed_at: subscribed ? null : new Date().toISOString().slice(0, 19).replace('T', ' ') },
      signal: opts.signal,
    });
    return mapSubscriber(single(res.body));
  }

  /** `DELETE /subscribers/{id}`: 204 [src]. */
  async deleteSubscriber(subscriber: Subscriber, opts: CallOptions = {}): Promise<{ later: boolean }> {
    await this.http.request(`subscribers/${encodeURIComponent(subscriber.id)}`, { method: 'DELETE', signal: opts.signal, what: `Subscriber ${subscriber.id}` });
    return { later: false };
  }

  /**
   * The API has no status filter, so a filtered list is filtered here, page by page, and marked so. Pages without a
   * match are skipped (at most SCAN_PAGES per call) so that "Load more" rarely shows nothing; the returned `page`
   * is the last one read.
   */
  async listCampaigns(page: number, opts: CampaignListOptions = {}): Promise<Page<Campaign>> {
    for (let scanned = 1; ; scanned++, page++) {
      const res = await this.http.request('campaigns', { query: { page }, signal: opts.signal });
      const result = toPage(res.body, page, PAGE_SIZE, mapCampaign);
      if (!opts.status) return result;
      const items = result.items.filter((c) => c.status === opts.status);
      if (items.length || !result.hasMore || scanned >= SCAN_PAGES) return { ...result, items, filteredClientSide: true };
    }
  }

  /**
   * SendPortal's ids are increasing integers, so the ones a walk missed are among the ids it did not see: looked up
   * one by one (404s are deleted ids), from 1 to past the highest held id, paced by the rate limit like any call,
   * stopping once `missing` were found.
   */
  async findMissingSubscribers(held: ReadonlySet<string>, missing: number, opts: FindMissingOptions = {}): Promise<Subscriber[]> {
    let highest = 0;
    for (const id of held) highest = Math.max(highest, Number(id) || 0);
    // Those added during the walk have ids above the highest seen: look a page's worth beyond it.
    const bound = highest + PAGE_SIZE;
    const found: Subscriber[] = [];
    let checked = 0;
    for (let id = 1; id <= bound && found.length < missing; id++) {
      if (held.has(String(id))) continue;
      try {
        const res = await this.http.request(`subscribers/${id}`, { signal: opts.signal, what: `Subscriber ${id}` });
        found.push(mapSubscriber(single(res.body)));
      } catch (e) {
        if (!(e instanceof NotFoundError)) throw e;
      }
      opts.onProgress?.(++checked, found.length, bound - held.size);
    }
    return found;
  }

  async getCampaign(id: string, opts: CallOptions = {}): Promise<Campaign> {
    const res = await this.http.request(`campaigns/${encodeURIComponent(id)}`, { signal: opts.signal, what: `Campaign ${id}` });
    return mapCampaign(single(res.body));
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

export function mapSubscriber(r: Record<string, unknown>): Subscriber {
  const id = str(r.id);
  const email = str(r.email);
  if (!id || email === undefined) throw new InvalidResponseError('a subscriber has no id or email');
  const tags = Array.isArray(r.tags) ? r.tags.map((t) => (isRecord(t) ? str(t.name) : undefined)).filter((t): t is string => !!t) : [];
  return {
    id,
    email,
    firstName: str(r.first_name) || undefined,
    lastName: str(r.last_name) || undefined,
    status: r.unsubscribed_at ? 'unsubscribed' : 'active',
    createdAt: str(r.created_at),
    tags,
    raw: r,
  };
}

export function mapCampaign(r: Record<string, unknown>): Campaign {
  const id = str(r.id);
  if (!id) throw new InvalidResponseError('a campaign has no id');
  return {
    id,
    title: str(r.name) ?? `Campaign ${id}`,
    subject: str(r.subject),
    status: STATUS_BY_ID[num(r.status_id) ?? 0] ?? 'unknown',
    // open_count and click_count are columns SendPortal does not keep up to date (always 0): not read.
    sent: num(r.sent_count),
    scheduledAt: str(r.scheduled_at) ?? undefined,
    raw: r,
  };
}
