/**
 * The sandbox's groups, segments (Sender) and tags (SendPortal), and the subscriber edits that go with them. Pure
 * routes: each takes the request and the data and answers a reply, or undefined when the path is not theirs.
 *
 * Where the shapes come from:
 * - Sender groups: `{id, title, recipient_count, active_subscribers, unsubscribed_count, bounced_count, phone_count,
 *   created, modified, opens_rate, click_rate}`, paginated like every list (Sender's WordPress plugin loops on
 *   `meta.last_page`) [API-NOTES; typed clients of the API]. `POST /groups {title}`, `PATCH /groups/{id}`,
 *   `DELETE /groups/{id}`; members join and leave with `POST`/`DELETE /subscribers/groups/{id} {subscribers:[emails]}`,
 *   which fails for an address Sender does not know [community]. Segments are read-only through the API.
 * - SendPortal tags: `Api\TagsController` (index paginated by name with `per_page`; store answers 201 with the tag
 *   and its `subscribers`; destroy 204), `Http\Resources\Tag` (`update_at`, sic), `TagStoreRequest` (name required,
 *   max 255, unique: "The tag name must be unique."), `Api\TagSubscribersController` (index: every member, not
 *   paginated; store/destroy take `{subscribers:[ids]}` and answer the tag's members), `Api\SubscriberUpdateRequest`
 *   (PUT: email required) [src: mettle/sendportal-core].
 */
import { type Rec, plainTime } from './data';

export interface Reply {
  status: number;
  body?: unknown;
}

export interface ListData {
  senderSubs: Rec[];
  senderGroups: Rec[];
  spSubs: Rec[];
  spTags: Rec[];
  /** SendPortal tag id → subscriber ids. */
  spMembers: Map<number, Set<number>>;
  spCamps: Rec[];
}

export interface ListRequest {
  method: string;
  path: string;
  body: unknown;
  page: number;
  limit: number;
  /** Builds a Laravel page of `all`. */
  paginate(all: Rec[], page: number, perPage: number, path: string): Rec;
}

const invalid = (errors: Record<string, string[]>): Reply => ({ status: 422, body: { message: 'The given data was invalid.', errors } });

/** Sender's segments: fixed, read-only; "Has a phone" holds the active subscribers with a phone number. */
const SEGMENTS: Rec[] = [{ id: 'sg1', title: 'Has a phone', created: '2025-03-01 10:00:00' }];

function groupIds(sub: Rec): string[] {
  return Array.isArray(sub.subscriber_tags) ? (sub.subscriber_tags as Rec[]).map((t) => String(t.id)) : [];
}

function groupView(g: Rec, subs: Rec[]): Rec {
  const members = subs.filter((x) => groupIds(x).includes(String(g.id)));
  const status = (x: Rec) => String((x.status as Rec | undefined)?.email ?? '');
  return {
    ...g,
    recipient_count: members.length,
    active_subscribers: members.filter((x) => status(x) === 'active').length,
    unsubscribed_count: members.filter((x) => status(x) === 'unsubscribed').length,
    bounced_count: members.filter((x) => status(x) === 'bounced').length,
    phone_count: members.filter((x) => x.phone).length,
  };
}

export function senderListRoutes(r: ListRequest, d: ListData): Reply | undefined {
  let m: RegExpMatchArray | null;
  const base = 'https://api.sender.net/v2';
  if (r.path === '/groups' && r.method === 'GET') {
    return { status: 200, body: r.paginate(d.senderGroups.map((g) => groupView(g, d.senderSubs)), r.page, r.limit, `${base}/groups`) };
  }
  if (r.path === '/groups' && r.method === 'POST') {
    const title = typeof (r.body as Rec | undefined)?.title === 'string' ? String((r.body as Rec).title).trim() : '';
    if (!title) return invalid({ title: ['The title field is required.'] });
    const g: Rec = { id: `g${Date.now().toString(36).slice(-5)}${d.senderGroups.length}`, title, created: plainTime(), modified: null };
    d.senderGroups.push(g);
    return { status: 200, body: { success: true, message: [], data: groupView(g, d.senderSubs) } };
  }
  if ((m = r.path.match(/^\/groups\/([^/]+)$/))) {
    const g = d.senderGroups.find((x) => x.id === decodeURIComponent(m![1]));
    if (!g) return { status: 404, body: { success: false, message: 'Group not found' } };
    if (r.method === 'PATCH') {
      const title = typeof (r.body as Rec | undefined)?.title === 'string' ? String((r.body as Rec).title).trim() : '';
      if (!title) return invalid({ title: ['The title field is required.'] });
      Object.assign(g, { title, modified: plainTime() });
      return { status: 200, body: { success: true, message: [], data: groupView(g, d.senderSubs) } };
    }
    if (r.method === 'DELETE') {
      d.senderGroups.splice(d.senderGroups.indexOf(g), 1);
      for (const x of d.senderSubs) x.subscriber_tags = (x.subscriber_tags as Rec[] | undefined)?.filter((t) => t.id !== g.id) ?? [];
      return { status: 200, body: { success: true, message: 'Group deleted' } };
    }
    return { status: 200, body: { data: groupView(g, d.senderSubs) } };
  }
  if ((m = r.path.match(/^\/groups\/([^/]+)\/subscribers$/)) && r.method === 'GET') {
    const id = decodeURIComponent(m[1]);
    if (!d.senderGroups.some((x) => x.id === id)) return { status: 404, body: { success: false, message: 'Group not found' } };
    return { status: 200, body: r.paginate(d.senderSubs.filter((x) => groupIds(x).includes(id)), r.page, r.limit, `${base}/groups/${id}/subscribers`) };
  }
  if (r.path === '/segments' && r.method === 'GET') return { status: 200, body: r.paginate(SEGMENTS, r.page, r.limit, `${base}/segments`) };
  if ((m = r.path.match(/^\/segments\/([^/]+)\/subscribers$/)) && r.method === 'GET') {
    if (m[1] !== 'sg1') return { status: 404, body: { success: false, message: 'Segment not found' } };
    const members = d.senderSubs.filter((x) => x.phone && (x.status as Rec | undefined)?.email === 'active');
    return { status: 200, body: r.paginate(members, r.page, r.limit, `${base}/segments/sg1/subscribers`) };
  }
  if ((m = r.path.match(/^\/subscribers\/groups\/([^/]+)$/)) && (r.method === 'POST' || r.method === 'DELETE')) {
    const g = d.senderGroups.find((x) => x.id === decodeURIComponent(m![1]));
    if (!g) return { status: 404, body: { success: false, message: 'Group not found' } };
    const emails = Array.isArray((r.body as Rec | undefined)?.subscribers) ? ((r.body as Rec).subscribers as unknown[]).map((e) => String(e).toLowerCase()) : [];
    if (!emails.length) return invalid({ subscribers: ['The subscribers field is required.'] });
    // A join answers who was added, who is no subscriber, whose address is not one, and who was in already
    // [community: a client's add-to-group action, linking api.sender.net/subscribers/add-group]. Leaving: no source.
    const report = { subscribers_add_tag_group: [] as string[], non_existing_subscribers: [] as string[], invalid_emails: [] as string[], subscribers_with_group_already: [] as string[] };
    for (const e of emails) {
      const x = d.senderSubs.find((s) => String(s.email).toLowerCase() === e);
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e)) report.invalid_emails.push(e);
      else if (!x) report.non_existing_subscribers.push(e);
      else {
        const others = ((x.subscriber_tags as Rec[] | undefined) ?? []).filter((t) => t.id !== g.id);
        const had = others.length !== ((x.subscriber_tags as Rec[] | undefined) ?? []).length;
        x.subscriber_tags = r.method === 'POST' ? [...others, { id: g.id, title: g.title }] : others;
        (had ? report.subscribers_with_group_already : report.subscribers_add_tag_group).push(e);
      }
    }
    if (r.method === 'DELETE') return { status: 200, body: { success: true, message: 'Subscribers removed from group' } };
    return { status: 200, body: { success: true, message: report } };
  }
  return undefined;
}

function tagView(t: Rec, d: ListData, withMembers: boolean): Rec {
  const { updated_at, ...rest } = t;
  return { ...rest, update_at: updated_at, ...(withMembers ? { subscribers: members(t, d) } : {}) };
}

function members(t: Rec, d: ListData): Rec[] {
  const ids = d.spMembers.get(Number(t.id)) ?? new Set<number>();
  return d.spSubs.filter((x) => ids.has(Number(x.id)));
}

/**
 * A tag's name: required, at most 255. Unique when a tag is made; a rename's unique rule names a route parameter the
 * API's routes do not have, so a taken name is accepted there [src: TagStoreRequest, TagUpdateRequest].
 */
function tagName(body: unknown, d: ListData, renaming = false): string | Reply {
  const name = typeof (body as Rec | undefined)?.name === 'string' ? String((body as Rec).name).trim() : '';
  if (!name) return invalid({ name: ['The name field is required.'] });
  if (name.length > 255) return invalid({ name: ['The name may not be greater than 255 characters.'] });
  if (!renaming && d.spTags.some((x) => x.name === name)) return invalid({ name: ['The tag name must be unique.'] });
  return name;
}

/** The tags of one SendPortal subscriber, as its `GET /subscribers/{id}` includes them. */
export function subscriberTags(id: number, d: ListData): Rec[] {
  return d.spTags.filter((t) => d.spMembers.get(Number(t.id))?.has(id)).map((t) => tagView(t, d, false));
}

export function sendPortalListRoutes(r: ListRequest, d: ListData, base: string): Reply | undefined {
  let m: RegExpMatchArray | null;
  if (r.path === '/tags' && r.method === 'GET') {
    const sorted = [...d.spTags].sort((a, b) => String(a.name).localeCompare(String(b.name)));
    return { status: 200, body: r.paginate(sorted.map((t) => tagView(t, d, false)), r.page, r.limit, `${base}/tags`) };
  }
  if (r.path === '/tags' && r.method === 'POST') {
    const name = tagName(r.body, d);
    if (typeof name !== 'string') return name;
    const t: Rec = { id: Math.max(0, ...d.spTags.map((x) => Number(x.id))) + 1, name, created_at: plainTime(), updated_at: plainTime() };
    d.spTags.push(t);
    return { status: 201, body: { data: tagView(t, d, true) } };
  }
  if ((m = r.path.match(/^\/tags\/(\d+)$/))) {
    const t = d.spTags.find((x) => String(x.id) === m![1]);
    if (!t) return { status: 404, body: { message: `No query results for model [Sendportal\\Base\\Models\\Tag] ${m[1]}` } };
    if (r.method === 'PUT') {
      const name = tagName(r.body, d, true);
      if (typeof name !== 'string') return name;
      Object.assign(t, { name, updated_at: plainTime() });
    } else if (r.method === 'DELETE') {
      d.spTags.splice(d.spTags.indexOf(t), 1);
      d.spMembers.delete(Number(t.id));
      // Deleting a tag also detaches it from campaigns [src: Api\TagsController::destroy].
      for (const c of d.spCamps) if (Array.isArray(c.tags)) c.tags = (c.tags as unknown[]).filter((x) => x !== t.id);
      return { status: 204 };
    }
    return { status: 200, body: { data: tagView(t, d, false) } };
  }
  if ((m = r.path.match(/^\/tags\/(\d+)\/subscribers$/))) {
    const t = d.spTags.find((x) => String(x.id) === m![1]);
    if (!t) return { status: 404, body: { message: `No query results for model [Sendportal\\Base\\Models\\Tag] ${m[1]}` } };
    if (r.method !== 'GET') {
      const ids = (r.body as Rec | undefined)?.subscribers;
      if (!Array.isArray(ids) || !ids.length) return invalid({ subscribers: ['The subscribers field is required.'] });
      if (ids.some((id) => !Number.isInteger(id) || !d.spSubs.some((x) => x.id === id))) return invalid({ 'subscribers.0': ['The selected subscribers.0 is invalid.'] });
      const set = d.spMembers.get(Number(t.id)) ?? new Set<number>();
      for (const id of ids as number[]) {
        if (r.method === 'DELETE') set.delete(id);
        else set.add(id);
      }
      d.spMembers.set(Number(t.id), set);
    }
    return { status: 200, body: { data: members(t, d) } };
  }
  if ((m = r.path.match(/^\/subscribers\/(\d+)$/)) && r.method === 'PUT') {
    const sub = d.spSubs.find((x) => String(x.id) === m![1]);
    if (!sub) return { status: 404, body: { message: `No query results for model [Sendportal\\Base\\Models\\Subscriber] ${m[1]}` } };
    const input = (r.body ?? {}) as Rec;
    const email = typeof input.email === 'string' ? input.email : '';
    if (!email) return invalid({ email: ['The email field is required.'] });
    Object.assign(sub, { email, first_name: input.first_name ?? null, last_name: input.last_name ?? null, updated_at: plainTime() });
    return { status: 200, body: { data: sub } };
  }
  return undefined;
}

/** Seeded memberships: Customers holds every third subscriber, Beta every seventh. */
export function seedTagMembers(spSubs: Rec[]): Map<number, Set<number>> {
  return new Map([
    [1, new Set(spSubs.filter((x) => Number(x.id) % 3 === 0).map((x) => Number(x.id)))],
    [2, new Set(spSubs.filter((x) => Number(x.id) % 7 === 0).map((x) => Number(x.id)))],
  ]);
}

export const SENDER_GROUPS: Rec[] = [
  { id: 'g1', title: 'Customers', created: '2025-01-10 09:00:00', modified: null, opens_rate: 41.2, click_rate: 6.1 },
  { id: 'g2', title: 'Beta testers', created: '2025-02-03 12:30:00', modified: null, opens_rate: 55.0, click_rate: 12.4 },
];
