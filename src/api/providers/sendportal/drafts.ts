/** SendPortal's draft writes: the `PUT` every sending action makes, and a campaign's tags as the index holds them now. */
import { clock } from '../../clock';
import { toApiDateTime } from '../../dates';
import { ConfigError, InvalidResponseError } from '../../errors';
import type { ApiClient } from '../../http/client';
import type { CallOptions, Campaign, NewsletterProvider } from '../../model';
import { isRecord, num, single, str } from '../shapes';
import { mapCampaign } from './mappings';

/**
 * `PUT /campaigns/{id}` (drafts only) with every field the store rules require, as `now` (read fresh, with its
 * tags) has them, and `fields` over them. The update syncs tags to what it is given (none when left out) [src:
 * Api\CampaignsController::update]. `send_to_all` goes as 1 or 0: the rule `required_unless:send_to_all,1` takes a
 * JSON true for "not 1" and then requires tags [src: Api\CampaignStoreRequest; seen]. `save_as_draft` is not sent:
 * it is the web app's "queue draft" (messages saved, not sent, the campaign marked Sent) [src: CreateMessages].
 */
export async function putDraft(http: ApiClient, now: Campaign, fields: Record<string, unknown>, opts: CallOptions): Promise<Campaign> {
  if (now.status !== 'draft') throw new ConfigError(`"${now.title}" is no longer a draft (it is ${now.status}): nothing was changed.`, 'none');
  const r = now.raw;
  const toAll = fields.send_to_all === undefined ? !!now.toAll : fields.send_to_all === 1;
  const tags = fields.tags ?? (toAll ? [] : now.audience.map(Number));
  const res = await http.request(`campaigns/${encodeURIComponent(now.id)}`, {
    method: 'PUT',
    body: {
      name: r.name, subject: r.subject, content: r.content, template_id: r.template_id, email_service_id: r.email_service_id,
      from_name: r.from_name, from_email: r.from_email, is_open_tracking: r.is_open_tracking, is_click_tracking: r.is_click_tracking,
      scheduled_at: str(r.scheduled_at) ?? toApiDateTime(clock.date()), ...fields, send_to_all: toAll ? 1 : 0, tags,
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
export async function campaignTags(p: Pick<NewsletterProvider, 'listCampaigns'>, id: string, title: string, opts: CallOptions): Promise<number[]> {
  const ids = (v: unknown) => (Array.isArray(v) ? v.map((x) => num(isRecord(x) ? x.id : x)).filter((x): x is number => x !== undefined) : undefined);
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
