/**
 * What a newsletter written in the editor calls (test/contract: the entries and their sources):
 * - Sender `POST /campaigns`: a draft with its groups and HTML; subject, from and reply_to required; the answer has
 *   no public source (the extension finds the draft by title), so here `{success, message}` like Sender's other writes.
 * - SendPortal `POST /campaigns` (201, a draft with `save_as_draft`), `GET /templates/{id}`, `POST /templates` (201),
 *   `PUT /templates/{id}` (name required and unique, content required) [src: Api\CampaignsController, Api\Templates*].
 */
import { type Rec, plainTime, senderHtml } from './data';
import { withoutTags } from './campaigns';
import type { Reply } from './lists';

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
  return { status: 200, body: { success: true, message: 'Campaign created' } };
}

export function sendPortalAuthoringRoutes(method: string, path: string, body: unknown, camps: Rec[], templates: Rec[]): Reply | undefined {
  const b = (body ?? {}) as Rec;
  if (method === 'POST' && path === '/campaigns') {
    const errors: Record<string, string[]> = {};
    for (const f of ['name', 'subject', 'from_name', 'from_email', 'email_service_id']) if (blank(b[f])) errors[f] = [`The ${f.replace(/_/g, ' ')} field is required.`];
    if (!errors.from_email && !EMAIL.test(String(b.from_email))) errors.from_email = ['The from email must be a valid email address.'];
    if (typeof b.send_to_all !== 'boolean') errors.send_to_all = ['The send to all field is required.'];
    if (typeof b.scheduled_at !== 'string') errors.scheduled_at = ['The scheduled at field is required.'];
    if (b.template_id !== undefined && b.template_id !== null && !templates.some((t) => t.id === b.template_id)) errors.template_id = ['The selected template id is invalid.'];
    if (Object.keys(errors).length) return invalid(errors);
    const now = plainTime();
    const camp: Rec = {
      id: Math.max(0, ...camps.map((c) => Number(c.id))) + 1, name: b.name, subject: b.subject, content: b.content ?? null, status_id: 1, template_id: b.template_id ?? null,
      email_service_id: b.email_service_id, from_name: b.from_name, from_email: b.from_email, is_open_tracking: true, is_click_tracking: true, sent_count: 0, open_count: 0,
      click_count: 0, send_to_all: b.send_to_all, tags: Array.isArray(b.tags) ? b.tags : [], save_as_draft: b.save_as_draft ?? false, scheduled_at: b.scheduled_at, created_at: now, updated_at: now,
    };
    camps.push(camp);
    return { status: 201, body: { data: withoutTags(camp) } };
  }
  if (method === 'POST' && path === '/templates') {
    if (typeof b.name !== 'string' || typeof b.content !== 'string') return invalid({ name: ['The name must be a string.'] });
    const now = plainTime();
    const t: Rec = { id: Math.max(0, ...templates.map((x) => Number(x.id))) + 1, name: b.name, content: b.content, created_at: now, updated_at: now };
    templates.push(t);
    return { status: 201, body: { data: t } };
  }
  const m = path.match(/^\/templates\/(\d+)$/);
  if (!m || (method !== 'GET' && method !== 'PUT')) return undefined;
  const t = templates.find((x) => String(x.id) === m[1]);
  if (!t) return { status: 404, body: { message: `No query results for model [Sendportal\\Base\\Models\\Template] ${m[1]}` } };
  if (method === 'PUT') {
    if (blank(b.name) || blank(b.content)) return invalid({ ...(blank(b.name) ? { name: ['The name field is required.'] } : {}), ...(blank(b.content) ? { content: ['The content field is required.'] } : {}) });
    if (templates.some((x) => x !== t && x.name === b.name)) return invalid({ name: ['The template name must be unique.'] });
    Object.assign(t, { name: b.name, content: b.content, updated_at: plainTime() });
  }
  return { status: 200, body: { data: t } };
}
