/** SendPortal's answers mapped to the model: subscribers, tags, campaigns (shapes: test/contract/sendportal.ts). */
import { InvalidResponseError } from '../../errors';
import type { DraftInput, Template } from '../../authoring';
import type { Campaign, CampaignStatus, Subscriber, SubscriberList } from '../../model';
import { idOf, isRecord, num, str } from '../shapes';

const STATUS_BY_ID: Record<number, CampaignStatus> = { 1: 'draft', 2: 'queued', 3: 'sending', 4: 'sent', 5: 'cancelled' };

export function mapSubscriber(r: Record<string, unknown>): Subscriber {
  const id = idOf(r.id);
  const email = str(r.email);
  if (!id || email === undefined) throw new InvalidResponseError('a subscriber has no id (or one that is not an id) or no email');
  const tags = Array.isArray(r.tags) ? r.tags.map((t) => (isRecord(t) ? str(t.name) : undefined)).filter((t): t is string => !!t) : [];
  return {
    id,
    email,
    firstName: str(r.first_name) || undefined,
    lastName: str(r.last_name) || undefined,
    status: r.unsubscribed_at ? 'unsubscribed' : 'active',
    createdAt: str(r.created_at),
    updatedAt: str(r.updated_at),
    tags,
    raw: r,
  };
}

/** A tag: `{id, name, subscribers?, created_at, update_at}` (sic) [src: Http\\Resources\\Tag]. */
export function mapTag(r: Record<string, unknown>): SubscriberList {
  const id = idOf(r.id);
  if (!id) throw new InvalidResponseError('a tag has no id, or one that is not an id');
  return {
    id,
    kind: 'tag',
    name: str(r.name) ?? id,
    count: Array.isArray(r.subscribers) ? r.subscribers.length : num(r.subscribers_count),
    raw: r,
  };
}

export function mapCampaign(r: Record<string, unknown>): Campaign {
  const id = idOf(r.id);
  if (!id) throw new InvalidResponseError('a campaign has no id, or one that is not an id');
  return {
    id,
    title: str(r.name) ?? `Campaign ${id}`,
    subject: str(r.subject),
    status: STATUS_BY_ID[num(r.status_id) ?? 0] ?? 'unknown',
    // open_count and click_count are columns SendPortal does not keep up to date (always 0): not read.
    sent: num(r.sent_count),
    scheduledAt: str(r.scheduled_at) ?? undefined,
    createdAt: str(r.created_at) ?? undefined,
    from: [str(r.from_name), str(r.from_email) && `<${str(r.from_email)}>`].filter(Boolean).join(' ') || undefined,
    // `segments` (older) or `tags`: ids, present when loaded [src: Http\\Resources\\Campaign].
    audience: (Array.isArray(r.tags) ? r.tags : Array.isArray(r.segments) ? r.segments : [])
      .map((x) => (isRecord(x) ? (str(x.name) ?? str(x.id)) : str(x)))
      .filter((x): x is string => !!x),
    toAll: r.send_to_all === true || r.send_to_all === 1,
    html: str(r.content),
    raw: r,
  };
}

/** A template: `{id, name, content, created_at, updated_at}` [src: Http\\Resources\\Template]. */
export function mapTemplate(r: Record<string, unknown>): Template {
  const id = idOf(r.id);
  if (!id) throw new InvalidResponseError('a template has no id, or one that is not an id');
  return { id, name: str(r.name) ?? `Template ${id}`, html: str(r.content), updatedAt: str(r.updated_at), raw: r };
}

/**
 * A draft's fields as the store and update rules name them [src: Http\\Requests\\CampaignStoreRequest,
 * Api\\CampaignStoreRequest]; only those given (an update keeps the rest). SendPortal has no preheader or reply-to.
 */
export function draftBody(d: Partial<DraftInput>): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: d.title,
    subject: d.subject,
    content: d.html,
    from_name: d.fromName,
    from_email: d.fromEmail,
    template_id: d.templateId === undefined ? undefined : d.templateId === null ? null : Number(d.templateId),
    email_service_id: d.emailServiceId === undefined ? undefined : Number(d.emailServiceId),
    // 1 or 0: `required_unless:send_to_all,1` compares a JSON true strictly with "1" [src: Api\\CampaignStoreRequest; seen].
    send_to_all: d.toAll === undefined ? undefined : d.toAll ? 1 : 0,
    tags: d.toAll === undefined ? undefined : d.toAll ? [] : (d.lists ?? []).map(Number),
  };
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}
