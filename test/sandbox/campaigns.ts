/**
 * The sandbox's campaign actions. Pure routes like lists.ts.
 * - Sender: `POST /campaigns/{id}/send` (no body), `POST /campaigns/{id}/schedule {schedule_time: "YYYY-MM-DD
 *   HH:MM:SS"}`, `DELETE /campaigns/{id}/schedule`, each answering `{success, message}` [community: typed clients of
 *   the API]. A campaign that is not a draft (or, to cancel, not scheduled) answers the documented error shape
 *   `400 {success:false, message}` [doc]; the message's words are ours.
 * - SendPortal: `POST /campaigns/{id}/send`: a draft becomes queued (status 2) and the campaign is answered; anything
 *   else is a 422 naming `status_id` ("The campaign must have a status of draft to be dispatched")
 *   [src: Api\CampaignDispatchController, Api\CampaignDispatchRequest].
 */
import { type Rec, plainTime } from './data';
import type { Reply } from './lists';
import { type Workspace, asBoolean, campaignStoreErrors } from './rules';


const ACTIONS = ['opened', 'bounced', 'clicked', 'unsubscribed', 'got'];

/** A number from a string, the same every run: which subscriber opened or clicked what. */
function spread(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}

/**
 * Sender's `GET /subscribers/{email|phone|id}/events?actions=["got"]` [doc: api.sender.net/subscribers/events]:
 * `actions` is required, an array of opened, bounced, clicked, unsubscribed, got; the answer has one list per asked
 * action under `email` (`{campaign_id, subscriber_id, title, created_at}`), and `sms`, `temail`, `sms_campaign`,
 * `email_campaign` sums as documented. The 422s are Laravel's validation shape [doc] with Laravel's default words.
 * Here every subscriber got every SENT campaign; a fixed share opened and clicked.
 */
export function senderEventsRoute(method: string, path: string, query: URLSearchParams, subs: Rec[], camps: Rec[]): Reply | undefined {
  const m = path.match(/^\/subscribers\/([^/]+)\/events$/);
  if (!m || method !== 'GET') return undefined;
  const k = decodeURIComponent(m[1]);
  const sub = subs.find((s) => s.id === k || String(s.email).toLowerCase() === k.toLowerCase() || (s.phone && s.phone === k));
  if (!sub) return { status: 404, body: { success: false, message: 'Subscriber not found' } };
  const raw = query.get('actions');
  if (!raw) return { status: 422, body: { message: 'The given data was invalid.', errors: { actions: ['The actions field is required.'] } } };
  let asked: unknown;
  try {
    asked = JSON.parse(raw);
  } catch {
    asked = undefined;
  }
  if (!Array.isArray(asked) || !asked.length || asked.some((a) => !ACTIONS.includes(String(a)))) {
    return { status: 422, body: { message: 'The given data was invalid.', errors: { actions: ['The selected actions is invalid.'] } } };
  }
  const got = camps.filter((c) => c.status === 'SENT' && c.sent_time);
  const opened = got.filter((c) => spread(`${sub.id}:${c.id}`) % 3 === 0);
  const clicked = opened.filter((c) => spread(`${c.id}:${sub.id}`) % 2 === 0);
  const event = (c: Rec, minutes: number) => ({
    campaign_id: c.id,
    subscriber_id: sub.id,
    title: c.subject,
    created_at: plainTime(new Date(Date.parse(`${String(c.sent_time).replace(' ', 'T')}Z`) + minutes * 60_000)),
  });
  const lists: Record<string, Rec[]> = { got: got.map((c) => event(c, 0)), opened: opened.map((c) => event(c, 42)), clicked: clicked.map((c) => event(c, 45)), unsubscribed: [], bounced: [] };
  return {
    status: 200,
    body: {
      email: Object.fromEntries((asked as string[]).map((a) => [a, lists[a]])),
      sms: [],
      temail: { sent: [] },
      sms_campaign: { sent_count: 0, clicked_count: 0, delivered_count: 0, failed_count: 0, unsubscribed_at: null, unsubscribed: 0 },
      email_campaign: { sent_count: got.length, opened_count: opened.length, clicked_count: clicked.length, unsubscribed: 0, bounced: 0, spam_reported: 0 },
    },
  };
}

/**
 * Sender's campaign reports, `GET /campaigns/{id}/opens|clicks|unsubscribes|hard_bounces|soft_bounces|complaints`:
 * "a list of subscribers who opened this campaign" (and so on), paginated like every list (`data`, `meta.total`,
 * `limit`), each a subscriber; clicks also name the link's `url` [community: two API clients, one reading `email`,
 * `url` and `meta.total` of these lists]. Sender's docs show no example: nothing else is served. Here the openers
 * and clickers are the same share of subscribers as in their events, as many as the campaign's counters say.
 */
const REPORTS = ['opens', 'clicks', 'unsubscribes', 'hard_bounces', 'soft_bounces', 'complaints'];

export function senderReportRoute(method: string, path: string, page: number, limit: number, paginate: (all: Rec[], page: number, perPage: number, path: string) => Rec, subs: Rec[], camps: Rec[]): Reply | undefined {
  const m = path.match(/^\/campaigns\/([^/]+)\/([a-z_]+)$/);
  if (!m || !REPORTS.includes(m[2]) || method !== 'GET') return undefined;
  const camp = camps.find((c) => c.id === decodeURIComponent(m[1]));
  if (!camp) return { status: 404, body: { success: false, message: 'Campaign not found' } };
  const opened = subs.filter((s) => spread(`${String(s.id)}:${String(camp.id)}`) % 3 === 0).slice(0, Number(camp.opens ?? 0));
  const rows: Record<string, Rec[]> = {
    opens: opened,
    // Whoever clicked also opened: the clickers are some of the openers, as many as the campaign's counter says.
    clicks: opened.filter((_, i) => i % 2 === 0).slice(0, Number(camp.clicks ?? 0)).map((s) => ({ ...s, url: 'https://example.com/news' })),
    hard_bounces: subs.filter((s) => (s.status as Rec | undefined)?.email === 'bounced').slice(0, Number(camp.bounces_count ?? 0)),
    unsubscribes: [], soft_bounces: [], complaints: [],
  };
  return { status: 200, body: paginate(rows[m[2]], page, limit, `https://api.sender.net/v2/campaigns/${String(camp.id)}/${m[2]}`) };
}

export function senderCampaignRoutes(method: string, path: string, body: unknown, camps: Rec[]): Reply | undefined {
  const m = path.match(/^\/campaigns\/([^/]+)\/(send|schedule)$/);
  if (!m) return undefined;
  const camp = camps.find((c) => c.id === decodeURIComponent(m[1]));
  if (!camp) return { status: 404, body: { success: false, message: 'Campaign not found' } };
  const refuse = (message: string): Reply => ({ status: 400, body: { success: false, message } });
  if (m[2] === 'send' && method === 'POST') {
    if (camp.status !== 'DRAFT') return refuse('Only draft campaigns can be sent.');
    Object.assign(camp, { status: 'SENDING', sent_time: null, modified: plainTime() });
    return { status: 200, body: { success: true, message: 'Campaign is being sent' } };
  }
  if (m[2] === 'schedule' && method === 'POST') {
    if (camp.status !== 'DRAFT') return refuse('Only draft campaigns can be scheduled.');
    const at = typeof (body as Rec | undefined)?.schedule_time === 'string' ? String((body as Rec).schedule_time) : '';
    if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(at)) return { status: 422, body: { message: 'The given data was invalid.', errors: { schedule_time: ['The schedule time does not match the format Y-m-d H:i:s.'] } } };
    if (Date.parse(`${at.replace(' ', 'T')}Z`) <= Date.now()) return { status: 422, body: { message: 'The given data was invalid.', errors: { schedule_time: ['The schedule time must be a date after now.'] } } };
    Object.assign(camp, { status: 'SCHEDULED', schedule_time: at, modified: plainTime() });
    return { status: 200, body: { success: true, message: 'Campaign scheduled' } };
  }
  if (m[2] === 'schedule' && method === 'DELETE') {
    if (camp.status !== 'SCHEDULED') return refuse('The campaign is not scheduled.');
    Object.assign(camp, { status: 'DRAFT', schedule_time: null, modified: plainTime() });
    return { status: 200, body: { success: true, message: 'Campaign schedule cancelled' } };
  }
  return { status: 405, body: { success: false, message: 'Method not allowed' } };
}

/** A SendPortal campaign as show(), update() and dispatch answer it: tags are not loaded there [src: Api\CampaignsController]. */
export function withoutTags(camp: Rec): Rec {
  return Object.fromEntries(Object.entries(camp).filter(([k]) => k !== 'tags'));
}

/**
 * SendPortal's dispatcher (`sp:campaigns:dispatch`, every minute): queued campaigns whose `scheduled_at` has come are
 * sent [src: Console\Commands\CampaignDispatchCommand::getQueuedCampaigns]. Here at once, on the next request.
 */
export function dispatchDue(camps: Rec[], audience: number): void {
  const now = plainTime();
  for (const c of camps) {
    if (c.status_id === 2 && typeof c.scheduled_at === 'string' && c.scheduled_at <= now) Object.assign(c, { status_id: 4, sent_count: audience, updated_at: now });
  }
}

const invalid = (errors: Record<string, string[]>): Reply => ({ status: 422, body: { message: 'The given data was invalid.', errors } });

/**
 * `PUT /campaigns/{id}` (drafts only; name, subject, from_name, from_email, email_service_id, send_to_all and a
 * `scheduled_at` date required; tags synced to what is given) [src: Api\CampaignStoreRequest, Api\CampaignsController
 * ::update] and `POST /campaigns/{id}/send`: a draft becomes queued (status 2); not a draft: 422 naming `status_id`
 * [src: Api\CampaignDispatchController, Api\CampaignDispatchRequest]; no email service: 500 [seen].
 */
export function sendPortalCampaignRoutes(method: string, path: string, body: unknown, camps: Rec[], ws: Workspace): Reply | undefined {
  const m = path.match(/^\/campaigns\/(\d+)(\/send)?$/);
  if (!m || (m[2] ? method !== 'POST' : method !== 'PUT')) return undefined;
  const camp = camps.find((c) => String(c.id) === m[1]);
  if (!camp) return { status: 404, body: { message: `No query results for model [Sendportal\\Base\\Models\\Campaign] ${m[1]}` } };
  if (!m[2]) {
    const input = (body ?? {}) as Rec;
    const errors = campaignStoreErrors(input, ws);
    if (camp.status_id !== 1) errors.status_id = ['A campaign cannot be updated if its status is not draft'];
    if (Object.keys(errors).length) return invalid(errors);
    const fields = ['name', 'subject', 'content', 'template_id', 'email_service_id', 'from_name', 'from_email', 'scheduled_at'];
    for (const f of fields) if (f in input) camp[f] = input[f];
    for (const f of ['is_open_tracking', 'is_click_tracking']) if (f in input) camp[f] = asBoolean(input[f]);
    // The update syncs the tags to what it is given; `save_as_draft` defaults to 0 [src: Api\CampaignsController::update].
    Object.assign(camp, { send_to_all: asBoolean(input.send_to_all), tags: Array.isArray(input.tags) ? input.tags.map(Number) : [], save_as_draft: asBoolean(input.save_as_draft), updated_at: plainTime() });
    return { status: 200, body: { data: withoutTags(camp) } };
  }
  if (camp.status_id !== 1) return invalid({ status_id: ['The campaign must have a status of draft to be dispatched'] });
  if (!camp.email_service_id) return { status: 500, body: '<!DOCTYPE html><html><body>Server Error</body></html>' };
  Object.assign(camp, { status_id: 2, save_as_draft: false, updated_at: plainTime() });
  return { status: 200, body: { data: withoutTags(camp) } };
}
