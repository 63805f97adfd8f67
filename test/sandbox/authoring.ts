/**
 * What a newsletter written in the editor calls (test/contract: the entries and their sources):
 * - Sender `POST /campaigns`: a draft with its groups and HTML; subject, from and reply_to required; the answer has
 *   no public source (the extension finds the draft by title), so here `{success, message}` like Sender's other writes.
 * - SendPortal `POST /campaigns` (201; a draft by the column's default status, answered as saved, not reloaded),
 *   `GET /templates/{id}`, `POST /templates` (201; the name unique), `PUT /templates/{id}` (name and content required;
 *   no uniqueness: its rule names a route parameter v2 lacks) [src: Api\CampaignsController, Api\Templates*; rules.ts].
 */
import { type Rec, plainTime, senderHtml } from './data';
import { withoutTags } from './campaigns';
import type { Reply } from './lists';
import { type Workspace, asBoolean, campaignStoreErrors, templateErrors } from './rules';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const invalid = (errors: Record<string, string[]>): Reply => ({ status: 422, body: { message: 'The given data was invalid.', errors } });
const blank = (v: unknown) => v === undefined || v === null || v === '';

export function senderDraftRoute(method: string, path: string, body: unknown, camps: Rec[]): Reply | undefined {
  if (method !== 'POST' || path !== '/campaigns') return undefined;
  const b = (body ?? {}) as Rec;
  const errors: Record<string, string[]> = {};
  for (const f of ['subject', 'from', 'reply_to']) if (blank(b[f])) errors[f] = [`The ${f.replace('_', ' ')} field is required.`];
  if (!errors.reply_to && !EMAIL.test(String(b.reply_to))) errors.reply_to = ['The reply to must be a valid email address.'];
  if (Object.keys(errors).length) return invalid(errors);
  const n = camps.length;
  const now = plainTime();
  camps.unshift({
    id: `n${String(1000 + n)}`, title: b.title ?? b.subject, subject: b.subject, from: b.from, reply_to: b.reply_to, language: 'en', recipient_count: 0, sent_count: 0,
    bounces_count: 0, schedule_time: null, sent_time: null, status: 'DRAFT', created: now, modified: now, html: senderHtml(n, String(b.content ?? '')), last_action: 'step2',
    auto_followup_active: 0, auto_followup_subject: null, auto_followup_delay: null, editor: 'html', preheader: b.preheader ?? null,
    campaign_groups: Array.isArray(b.groups) ? b.groups : [], opens: 0, clicks: 0, send_to_all: false,
  });
  // A community client reads `data.id` from this answer; nothing else of it is shown anywhere.
  return { status: 200, body: { success: true, message: 'Campaign created', data: { id: camps[0].id } } };
}

export function sendPortalAuthoringRoutes(method: string, path: string, body: unknown, camps: Rec[], ws: Workspace): Reply | undefined {
  const b = (body ?? {}) as Rec;
  if (method === 'POST' && path === '/campaigns') {
    const errors = campaignStoreErrors(b, ws);
    if (Object.keys(errors).length) return invalid(errors);
    const now = plainTime();
    const camp: Rec = {
      id: Math.max(0, ...camps.map((c) => Number(c.id))) + 1, name: b.name, subject: b.subject, content: b.content ?? null, status_id: 1, template_id: b.template_id ?? null,
      email_service_id: b.email_service_id, from_name: b.from_name, from_email: b.from_email, is_open_tracking: true, is_click_tracking: true, sent_count: 0, open_count: 0,
      click_count: 0, send_to_all: asBoolean(b.send_to_all), tags: Array.isArray(b.tags) ? b.tags.map(Number) : [], save_as_draft: asBoolean(b.save_as_draft),
      scheduled_at: b.scheduled_at, created_at: now, updated_at: now,
    };
    camps.push(camp);
    // The model is saved, not read again: the columns left to their defaults (status, counts) answer null [seen].
    return { status: 201, body: { data: { ...withoutTags(camp), status_id: null, sent_count: null, open_count: null, click_count: null } } };
  }
  if (method === 'POST' && path === '/templates') {
    const errors = templateErrors(b, ws.templates, true);
    if (Object.keys(errors).length) return invalid(errors);
    const now = plainTime();
    const t: Rec = { id: Math.max(0, ...ws.templates.map((x) => Number(x.id))) + 1, name: b.name, content: b.content, created_at: now, updated_at: now };
    ws.templates.push(t);
    return { status: 201, body: { data: t } };
  }
  const m = path.match(/^\/templates\/(\d+)$/);
  if (!m || (method !== 'GET' && method !== 'PUT')) return undefined;
  const t = ws.templates.find((x) => String(x.id) === m[1]);
  if (!t) return { status: 404, body: { message: `No query results for model [Sendportal\\Base\\Models\\Template] ${m[1]}` } };
  if (method === 'PUT') {
    const errors = templateErrors(b, ws.templates, false);
    if (Object.keys(errors).length) return invalid(errors);
    Object.assign(t, { name: b.name, content: b.content, updated_at: plainTime() });
  }
  return { status: 200, body: { data: t } };
}
