/** Sender's answers mapped to the model: subscribers, groups, campaigns, activity and report rows (shapes: test/contract/sender.ts). */
import { InvalidResponseError } from '../../errors';
import type {
  ActivityAction,
  ActivityEvent,
  Campaign,
  CampaignStatus,
  CustomField,
  ListKind,
  ReportEntry,
  Subscriber,
  SubscriberActivity,
  SubscriberChanges,
  SubscriberList,
  SubscriberStatus,
} from '../../model';
import { idOf, isRecord, num, str } from '../shapes';

export const ACTIVITY_ACTIONS: ActivityAction[] = ['got', 'opened', 'clicked', 'unsubscribed', 'bounced'];

export function mapActivity(body: unknown): SubscriberActivity {
  if (!isRecord(body)) throw new InvalidResponseError('the activity is not an object');
  const email = isRecord(body.email) ? body.email : {};
  const sums = isRecord(body.email_campaign) ? body.email_campaign : {};
  const events: ActivityEvent[] = [];
  for (const action of ACTIVITY_ACTIONS) {
    const list = email[action];
    if (!Array.isArray(list)) continue;
    for (const e of list) {
      if (!isRecord(e)) continue;
      events.push({ action, campaignId: str(e.campaign_id), title: str(e.title) ?? str(e.campaign_id) ?? '—', at: str(e.created_at) });
    }
  }
  // "YYYY-MM-DD HH:MM:SS" sorts as text; undated last.
  events.sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''));
  return {
    totals: {
      got: num(sums.sent_count),
      opened: num(sums.opened_count),
      clicked: num(sums.clicked_count),
      unsubscribed: num(sums.unsubscribed),
      bounced: num(sums.bounced),
      spamReported: num(sums.spam_reported),
    },
    events,
  };
}

export function mapReportEntry(r: Record<string, unknown>): ReportEntry {
  const email = str(r.email);
  if (!email) throw new InvalidResponseError('a report row has no email');
  const name = [str(r.firstname), str(r.lastname)].filter(Boolean).join(' ');
  return { email, name: name || undefined, url: str(r.url), raw: r };
}

/** Sender's email status, in any case: ACTIVE, UNSUBSCRIBED, BOUNCED, SPAM_REPORTED, NON-SUBSCRIBED [doc; Sender's plugin]. */
const STATUSES: Record<string, SubscriberStatus> = {
  active: 'active',
  subscribed: 'active',
  unsubscribed: 'unsubscribed',
  bounced: 'bounced',
  spam_reported: 'spamReported',
  'non-subscribed': 'nonSubscribed',
  non_subscribed: 'nonSubscribed',
  unconfirmed: 'unconfirmed',
  pending: 'unconfirmed',
};

function subscriberStatus(v: unknown): { status: SubscriberStatus; statusText?: string } {
  const raw = isRecord(v) ? str(v.email) : str(v);
  const status = STATUSES[(raw ?? '').toLowerCase()] ?? 'unknown';
  return { status, statusText: status === 'unknown' ? raw : undefined };
}

export function mapSubscriber(r: Record<string, unknown>): Subscriber {
  const id = idOf(r.id);
  const email = str(r.email);
  if (!id || email === undefined) throw new InvalidResponseError('a subscriber has no id (or one that is not an id) or no email');
  const tags = Array.isArray(r.subscriber_tags)
    ? r.subscriber_tags.map((t) => (isRecord(t) ? str(t.title) : undefined)).filter((t): t is string => !!t)
    : [];
  return {
    id,
    email,
    firstName: str(r.firstname) || undefined,
    lastName: str(r.lastname) || undefined,
    phone: str(r.phone) || undefined,
    ...subscriberStatus(r.status),
    createdAt: str(r.created),
    tags,
    raw: r,
  };
}

/** A group: `{id, title, recipient_count, active_subscribers, …}`; a segment: `{id, title, …}` [doc/community]. */
export function mapList(r: Record<string, unknown>, kind: ListKind): SubscriberList {
  const id = idOf(r.id);
  if (!id) throw new InvalidResponseError(`a ${kind} has no id, or one that is not an id`);
  return {
    id,
    kind,
    name: str(r.title) ?? str(r.name) ?? id,
    count: num(r.recipient_count) ?? num(r.subscribers_count),
    active: num(r.active_subscribers),
    raw: r,
  };
}

/** Names from a list of strings or of `{title|name}` objects, as campaign audiences come. */
function names(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.map((x) => (isRecord(x) ? (str(x.title) ?? str(x.name) ?? str(x.id)) : str(x))).filter((x): x is string => !!x);
}

const CAMPAIGN_STATUSES: Record<string, CampaignStatus> = {
  DRAFT: 'draft',
  SCHEDULED: 'scheduled',
  SENDING: 'sending',
  SENT: 'sent',
  // [community]: typed clients of the API list these beside the documented four.
  PENDING: 'queued',
  PREPARING: 'queued',
  QUEUED: 'queued',
  PROCESSING: 'sending',
};

/** `html` is an object `{id, thumbnail_url, has_preview, html_content, html_body}` [doc: api.sender.net, campaigns]. */
function campaignHtml(v: unknown): string | undefined {
  if (typeof v === 'string') return v || undefined;
  if (!isRecord(v)) return undefined;
  return str(v.html_content) || str(v.html_body) || undefined;
}

export function mapCampaign(r: Record<string, unknown>): Campaign {
  const id = idOf(r.id);
  if (!id) throw new InvalidResponseError('a campaign has no id, or one that is not an id');
  return {
    id,
    title: str(r.title) ?? str(r.subject) ?? `Campaign ${id}`,
    subject: str(r.subject),
    status: CAMPAIGN_STATUSES[(str(r.status) ?? '').toUpperCase()] ?? 'unknown',
    recipients: num(r.recipient_count),
    sent: num(r.sent_count),
    opens: num(r.opens),
    clicks: num(r.clicks),
    bounces: num(r.bounces_count),
    scheduledAt: str(r.schedule_time) ?? undefined,
    sentAt: str(r.sent_time) ?? undefined,
    createdAt: str(r.created) ?? undefined,
    from: [str(r.from), str(r.reply_to) && `<${str(r.reply_to)}>`].filter(Boolean).join(' ') || undefined,
    audience: names(r.campaign_groups),
    toAll: r.send_to_all === true || r.send_to_all === 1,
    html: campaignHtml(r.html),
    raw: r,
  };
}

/** `GET /fields`' answer: each custom field with its `{$name}` tag. */
export function mapFields(body: unknown): CustomField[] {
  if (!isRecord(body) || !Array.isArray(body.data)) throw new InvalidResponseError('the fields have no "data" array');
  const out: CustomField[] = [];
  for (const f of body.data) {
    const id = isRecord(f) ? str(f.id) : undefined;
    const tag = isRecord(f) ? str(f.field_name) : undefined;
    if (id && tag) out.push({ id, tag, title: str(f.title) ?? tag, type: str(f.type) ?? 'text' });
  }
  return out;
}

/** A subscriber as it is after a status write (Sender's answer carries none): what was sent, applied. */
export function withStatus(subscriber: Subscriber, subscribed: boolean): Subscriber {
  const status = subscribed ? 'active' : 'unsubscribed';
  const raw = { ...subscriber.raw, status: { ...(isRecord(subscriber.raw.status) ? subscriber.raw.status : {}), email: status } };
  return { ...subscriber, status, statusText: undefined, raw };
}

/** A subscriber as it is after an update (`body` as sent; Sender's answer carries none): names, phone, custom fields. */
export function withChanges(subscriber: Subscriber, body: Record<string, unknown>, changes: SubscriberChanges): Subscriber {
  const changed = (c: unknown) => (isRecord(c) ? changes.fields?.[str(c.id) ?? ''] : undefined);
  const columns = Array.isArray(subscriber.raw.columns)
    ? subscriber.raw.columns.map((c) => (isRecord(c) && changed(c) ? { ...c, value: changed(c)?.value } : c))
    : subscriber.raw.columns;
  const raw = subscriber.raw;
  return mapSubscriber({
    ...raw,
    firstname: body.firstname ?? raw.firstname,
    lastname: body.lastname ?? raw.lastname,
    phone: body.phone ?? raw.phone,
    columns,
  });
}
