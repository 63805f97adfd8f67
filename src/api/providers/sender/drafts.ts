/** Sender's new drafts: `POST /campaigns`, and which campaign it made. */
import { clock } from '../../clock';
import { parseApiDate } from '../../dates';
import { InvalidResponseError } from '../../errors';
import type { DraftInput } from '../../authoring';
import type { ApiClient } from '../../http/client';
import type { CallOptions, Campaign, NewsletterProvider } from '../../model';
import { idOf, isRecord } from '../shapes';

/** How far Sender's clock may stand behind ours when a new draft is told from older ones of the same title. */
const CLOCK_SLACK_MS = 120_000;

/**
 * `POST /campaigns` with `title, subject, from` (the name), `reply_to` (the sending address, on a verified domain),
 * `preheader`, `content_type: "html"`, `content`, `groups`, `segments` [community: a client's create action; the
 * fields as Sender's transactional create page documents them]. A community client reads `data.id` from the answer:
 * where it is there (and is an id), that campaign is read. Otherwise the new draft is the newest draft of this title
 * created since the request was sent (never an older one of the same title, someone else's perhaps).
 */
export async function createDraft(
  http: ApiClient,
  p: Pick<NewsletterProvider, 'getCampaign' | 'listCampaigns' | 'descriptor'>,
  input: DraftInput,
  opts: CallOptions,
): Promise<Campaign> {
  const sentAt = clock.now();
  const res = await http.request('campaigns', {
    method: 'POST',
    body: {
      title: input.title,
      subject: input.subject,
      from: input.fromName,
      reply_to: input.replyTo || input.fromEmail,
      preheader: input.preheader,
      content_type: 'html',
      content: input.html,
      groups: input.lists,
      segments: input.segments ?? [],
    },
    signal: opts.signal,
  });
  const id = isRecord(res.body) && isRecord(res.body.data) ? idOf(res.body.data.id) : undefined;
  if (id) return p.getCampaign(id, opts);
  let found: Campaign | undefined;
  const since = (c: Campaign) => parseApiDate(c.createdAt)?.date.getTime() ?? -Infinity;
  for (let page = 1; ; page++) {
    const drafts = await p.listCampaigns(page, { status: 'draft', limit: p.descriptor.pageSize.max, signal: opts.signal });
    for (const c of drafts.items) {
      if (c.title === input.title && since(c) >= sentAt - CLOCK_SLACK_MS && (!found || since(c) >= since(found))) found = c;
    }
    if (!drafts.hasMore) break;
  }
  if (!found) throw new InvalidResponseError(`the new draft "${input.title}" is not among the drafts made since it was sent`);
  return found;
}
