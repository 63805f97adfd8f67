import { ConfigError, InvalidResponseError } from '../../errors';
import type { ApiClient } from '../../http/client';
import type {
  CallOptions, Campaign, CampaignListOptions, CampaignStatus, Health, ListOptions, NewSubscriber, NewsletterProvider,
  Page, Subscriber, SubscriberStatus,
} from '../../model';
import { measureHealth } from '../health';
import { isRecord, num, single, str, toPage } from '../shapes';
import type { ProviderDescriptor } from '../../model';

export class SenderProvider implements NewsletterProvider {
  constructor(
    private readonly http: ApiClient,
    readonly descriptor: ProviderDescriptor,
  ) {}

  get rateLimit() {
    return this.http.rateLimit;
  }

  private limit(opts: ListOptions): number {
    return Math.min(this.descriptor.pageSize.max, Math.max(1, opts.limit ?? this.descriptor.pageSize.default));
  }

  async listSubscribers(page: number, opts: ListOptions = {}): Promise<Page<Subscriber>> {
    const limit = this.limit(opts);
    const res = await this.http.request('subscribers', { query: { page, limit, ...sortQuery(opts) }, signal: opts.signal });
    return toPage(res.body, page, limit, mapSubscriber);
  }

  async getSubscriber(key: string, opts: CallOptions = {}): Promise<Subscriber> {
    const problem = this.descriptor.subscriberKeyProblem(key);
    if (problem) throw new ConfigError(problem, 'fixInput');
    const res = await this.http.request(`subscribers/${encodeURIComponent(key.trim())}`, { signal: opts.signal, what: `Subscriber "${key.trim()}"` });
    return mapSubscriber(single(res.body));
  }

  async addSubscriber(input: NewSubscriber, opts: CallOptions = {}): Promise<Subscriber> {
    const res = await this.http.request('subscribers', {
      method: 'POST',
      body: { email: input.email, firstname: input.firstName, lastname: input.lastName },
      signal: opts.signal,
    });
    return mapSubscriber(single(res.body));
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

function subscriberStatus(v: unknown): SubscriberStatus {
  const s = (isRecord(v) ? str(v.email) : str(v))?.toLowerCase();
  if (s === 'active' || s === 'subscribed') return 'active';
  if (s === 'unsubscribed') return 'unsubscribed';
  if (s === 'bounced') return 'bounced';
  if (s === 'unconfirmed' || s === 'pending') return 'unconfirmed';
  return 'unknown';
}

export function mapSubscriber(r: Record<string, unknown>): Subscriber {
  const id = str(r.id);
  const email = str(r.email);
  if (!id || email === undefined) throw new InvalidResponseError('a subscriber has no id or email');
  const tags = Array.isArray(r.subscriber_tags) ? r.subscriber_tags.map((t) => (isRecord(t) ? str(t.title) : undefined)).filter((t): t is string => !!t) : [];
  return {
    id,
    email,
    firstName: str(r.firstname) || undefined,
    lastName: str(r.lastname) || undefined,
    phone: str(r.phone) || undefined,
    status: subscriberStatus(r.status),
    createdAt: str(r.created),
    tags,
    raw: r,
  };
}

const CAMPAIGN_STATUSES: Record<string, CampaignStatus> = {
  DRAFT: 'draft', SCHEDULED: 'scheduled', SENDING: 'sending', SENT: 'sent', PENDING: 'queued', PREPARING: 'queued',
};

export function mapCampaign(r: Record<string, unknown>): Campaign {
  const id = str(r.id);
  if (!id) throw new InvalidResponseError('a campaign has no id');
  return {
    id,
    title: str(r.title) ?? str(r.subject) ?? `Campaign ${id}`,
    subject: str(r.subject),
    status: CAMPAIGN_STATUSES[(str(r.status) ?? '').toUpperCase()] ?? 'unknown',
    recipients: num(r.recipient_count),
    sent: num(r.sent_count),
    opens: num(r.opens),
    clicks: num(r.clicks),
    scheduledAt: str(r.schedule_time) ?? undefined,
    sentAt: str(r.sent_time) ?? undefined,
    raw: r,
  };
}
