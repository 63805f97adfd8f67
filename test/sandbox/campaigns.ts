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
import type { Rec } from './data';
import type { Reply } from './lists';

const senderNow = (d = new Date()) => d.toISOString().replace('T', ' ').slice(0, 19);

export function senderCampaignRoutes(method: string, path: string, body: unknown, camps: Rec[]): Reply | undefined {
  const m = path.match(/^\/campaigns\/([^/]+)\/(send|schedule)$/);
  if (!m) return undefined;
  const camp = camps.find((c) => c.id === decodeURIComponent(m[1]));
  if (!camp) return { status: 404, body: { success: false, message: 'Campaign not found' } };
  const refuse = (message: string): Reply => ({ status: 400, body: { success: false, message } });
  if (m[2] === 'send' && method === 'POST') {
    if (camp.status !== 'DRAFT') return refuse('Only draft campaigns can be sent.');
    Object.assign(camp, { status: 'SENDING', sent_time: null, modified: senderNow() });
    return { status: 200, body: { success: true, message: 'Campaign is being sent' } };
  }
  if (m[2] === 'schedule' && method === 'POST') {
    if (camp.status !== 'DRAFT') return refuse('Only draft campaigns can be scheduled.');
    const at = typeof (body as Rec | undefined)?.schedule_time === 'string' ? String((body as Rec).schedule_time) : '';
    if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(at)) return { status: 422, body: { message: 'The given data was invalid.', errors: { schedule_time: ['The schedule time does not match the format Y-m-d H:i:s.'] } } };
    if (Date.parse(`${at.replace(' ', 'T')}Z`) <= Date.now()) return { status: 422, body: { message: 'The given data was invalid.', errors: { schedule_time: ['The schedule time must be a date after now.'] } } };
    Object.assign(camp, { status: 'SCHEDULED', schedule_time: at, modified: senderNow() });
    return { status: 200, body: { success: true, message: 'Campaign scheduled' } };
  }
  if (m[2] === 'schedule' && method === 'DELETE') {
    if (camp.status !== 'SCHEDULED') return refuse('The campaign is not scheduled.');
    Object.assign(camp, { status: 'DRAFT', schedule_time: null, modified: senderNow() });
    return { status: 200, body: { success: true, message: 'Campaign schedule cancelled' } };
  }
  return { status: 405, body: { success: false, message: 'Method not allowed' } };
}

export function sendPortalCampaignRoutes(method: string, path: string, camps: Rec[]): Reply | undefined {
  const m = path.match(/^\/campaigns\/(\d+)\/send$/);
  if (!m || method !== 'POST') return undefined;
  const camp = camps.find((c) => String(c.id) === m[1]);
  if (!camp) return { status: 404, body: { message: `No query results for model [Sendportal\\Base\\Models\\Campaign] ${m[1]}` } };
  if (camp.status_id !== 1) {
    return { status: 422, body: { message: 'The given data was invalid.', errors: { status_id: ['The campaign must have a status of draft to be dispatched'] } } };
  }
  Object.assign(camp, { status_id: 2, save_as_draft: false, updated_at: senderNow() });
  return { status: 200, body: { data: camp } };
}
