/**
 * SendPortal's draft writes: a new draft, the `PUT` every sending action makes, the send or schedule itself, and a
 * campaign's tags as the index holds them now.
 */
import { clock } from '../../clock';
import { toApiDateTime } from '../../dates';
import { ConfigError, InvalidResponseError } from '../../errors';
import type { ApiClient } from '../../http/client';
import type { CallOptions, Campaign, NewsletterProvider } from '../../model';
import type { DraftInput } from '../../authoring';
import { sendingChanges } from '../../sending';
import { isRecord, num, single, str } from '../shapes';
import { draftBody, mapCampaign } from './mappings';

/**
 * `PUT /campaigns/{id}` (drafts only) with every field the store rules require, as `now` (read fresh, with its
 * tags) has them, and `fields` over them. The update syncs tags to what it is given (none when left out) [src:
 * Api\CampaignsController::update]. `send_to_all` goes as 1 or 0: the rule `required_unless:send_to_all,1` takes a
 * JSON true for "not 1" and then requires tags [src: Api\CampaignStoreRequest; seen]. `save_as_draft` is not sent:
 * it is the web app's "queue draft" (messages saved, not sent, the campaign marked Sent) [src: CreateMessages].
 */
export async function putDraft(http: ApiClient, now: Campaign, fields: Record<string, unknown>, opts: CallOptions): Promise<Campaign> {
  if (now.status !== 'draft')
    throw new ConfigError(`"${now.title}" is no longer a draft (it is ${now.status}): nothing was changed.`, 'none');
  const r = now.raw;
  const toAll = fields.send_to_all === undefined ? !!now.toAll : fields.send_to_all === 1;
  const tags = fields.tags ?? (toAll ? [] : now.audience.map(Number));
  const res = await http.request(`campaigns/${encodeURIComponent(now.id)}`, {
    method: 'PUT',
    body: {
      name: r.name,
      subject: r.subject,
      content: r.content,
      template_id: r.template_id,
      email_service_id: r.email_service_id,
      from_name: r.from_name,
      from_email: r.from_email,
      is_open_tracking: r.is_open_tracking,
      is_click_tracking: r.is_click_tracking,
      scheduled_at: str(r.scheduled_at) ?? toApiDateTime(clock.date()),
      ...fields,
      send_to_all: toAll ? 1 : 0,
      tags,
    },
    signal: opts.signal,
    what: `Campaign "${now.title}"`,
  });
  const after = mapCampaign(single(res.body));
  return { ...after, audience: toAll ? [] : (tags as number[]).map(String), raw: { ...after.raw, tags } };
}

/**
 * A campaign's tag ids, as the index's items carry them, read now (never from a row loaded earlier: the draft's
 * tags may have changed in the web app since). Page 1, then from the last page back.
 */
export async function campaignTags(
  p: Pick<NewsletterProvider, 'listCampaigns'>,
  id: string,
  title: string,
  opts: CallOptions,
): Promise<number[]> {
  const ids = (v: unknown) =>
    Array.isArray(v) ? v.map((x) => num(isRecord(x) ? x.id : x)).filter((x): x is number => x !== undefined) : undefined;
  const look = async (page: number) => {
    const list = await p.listCampaigns(page, opts);
    const found = list.items.find((c) => c.id === id);
    if (found && !ids(found.raw.tags)) throw new InvalidResponseError(`the campaign list does not say which tags "${title}" goes to`);
    return { tags: found && ids(found.raw.tags), last: list.lastPage ?? (list.hasMore ? page + 1 : page) };
  };
  const first = await look(1);
  if (first.tags) return first.tags;
  for (let page = first.last; page > 1; page--) {
    const next = await look(page);
    if (next.tags) return next.tags;
  }
  throw new InvalidResponseError(`"${title}" is not in the campaign list`);
}

/**
 * `POST /campaigns`: a draft, because the column's default status is 1 (not because of `save_as_draft`, which is
 * not sent); `scheduled_at` is required by the rules and means nothing for a draft. The 201 answers the model as
 * saved, not reloaded (`status_id` null [seen]): the draft is read back, so it shows its real status at once.
 * Without an email service named, the one the latest campaign uses (the API lists none of its own).
 */
export async function createDraft(
  http: ApiClient,
  p: Pick<NewsletterProvider, 'listCampaigns' | 'getCampaign'>,
  input: DraftInput,
  opts: CallOptions,
): Promise<Campaign> {
  const emailServiceId =
    input.emailServiceId ?? (await p.listCampaigns(1, opts)).items.map((c) => num(c.raw.email_service_id)).find((x) => x !== undefined);
  if (emailServiceId === undefined)
    throw new ConfigError(
      'SendPortal needs an email service for a campaign and none of its campaigns names one: set email_service in the front matter.',
      'fixInput',
    );
  const body: Record<string, unknown> = {
    ...draftBody(input),
    email_service_id: Number(emailServiceId),
    scheduled_at: toApiDateTime(clock.date()),
  };
  const res = await http.request('campaigns', { method: 'POST', body, signal: opts.signal });
  const made = mapCampaign(single(res.body));
  const back = await p.getCampaign(made.id, opts);
  return { ...back, audience: input.toAll ? [] : input.lists, raw: { ...back.raw, tags: body.tags } };
}

/**
 * `campaign` is what the person confirmed (read by `readForSending`): it is read again, and if its audience, subject
 * or sender changed since, nothing is written. The `PUT` then writes exactly the audience confirmed (the update
 * syncs tags to what it is given), the dispatch follows, and the campaign is read back.
 */
export async function dispatchAt(
  http: ApiClient,
  p: Pick<NewsletterProvider, 'readForSending'>,
  campaign: Campaign,
  at: Date,
  opts: CallOptions,
): Promise<Campaign> {
  const what = `Campaign "${campaign.title}"`;
  const now = await p.readForSending(campaign.id, opts);
  // Dispatching a campaign without an email service fails on the server (500) [seen]: say so before anything is sent.
  if (!num(now.raw.email_service_id))
    throw new ConfigError(`"${now.title}" has no email service. Choose one for it in SendPortal, then send it again.`, 'none');
  if (now.status !== 'draft') throw new ConfigError(`"${now.title}" is no longer a draft (it is ${now.status}): nothing was sent.`, 'none');
  const changed = sendingChanges(campaign, now);
  if (changed.length)
    throw new ConfigError(`"${now.title}" changed in SendPortal since you confirmed it (${changed.join(', ')}): nothing was sent.`, 'none');
  await putDraft(http, now, { scheduled_at: toApiDateTime(at) }, opts);
  await http.request(`campaigns/${encodeURIComponent(campaign.id)}/send`, { method: 'POST', signal: opts.signal, what });
  return p.readForSending(campaign.id, opts);
}
