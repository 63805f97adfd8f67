/** Sender's group writes: create, rename, delete, and membership (who joins or leaves a group). */
import { InvalidResponseError } from '../../errors';
import type { ApiClient } from '../../http/client';
import type { CallOptions, NewsletterProvider, NotAdded, Subscriber, SubscriberList } from '../../model';
import { isRecord, str } from '../shapes';

/**
 * `POST /groups` with `{title}` [community]. No public source shows the answer, so the group is found afterwards
 * among the groups by its title (the newest of that name), not read from the answer.
 */
export async function create(
  http: ApiClient,
  p: Pick<NewsletterProvider, 'listLists' | 'descriptor'>,
  name: string,
  opts: CallOptions,
): Promise<SubscriberList> {
  await http.request('groups', { method: 'POST', body: { title: name }, signal: opts.signal });
  let found: SubscriberList | undefined;
  for (let page = 1; ; page++) {
    const groups = await p.listLists('group', page, { limit: p.descriptor.pageSize.max, signal: opts.signal });
    found = groups.items.filter((g) => g.name === name).at(-1) ?? found;
    if (!groups.hasMore) break;
  }
  if (!found) throw new InvalidResponseError(`the new group "${name}" is not among the groups`);
  return found;
}

/** `PATCH /groups/{id}` with `{title}` [community]; the answer has no public source: the group is the one renamed. */
export async function rename(http: ApiClient, list: SubscriberList, name: string, opts: CallOptions): Promise<SubscriberList> {
  await http.request(`groups/${encodeURIComponent(list.id)}`, {
    method: 'PATCH',
    body: { title: name },
    signal: opts.signal,
    what: `Group "${list.name}"`,
  });
  return { ...list, name, raw: { ...list.raw, title: name } };
}

/** `DELETE /groups/{id}`: the group goes, its subscribers stay [community]. */
export async function remove(http: ApiClient, list: SubscriberList, opts: CallOptions): Promise<void> {
  await http.request(`groups/${encodeURIComponent(list.id)}`, { method: 'DELETE', signal: opts.signal, what: `Group "${list.name}"` });
}

/**
 * `POST /subscribers/groups/{groupId}`: the answer's `message` lists `subscribers_add_tag_group`,
 * `non_existing_subscribers`, `invalid_emails` and `subscribers_with_group_already` (a community client's action,
 * linking api.sender.net/subscribers/add-group): who was not added is told, never silently dropped.
 */
export async function addMembers(
  http: ApiClient,
  list: SubscriberList,
  subscribers: readonly Subscriber[],
  opts: CallOptions,
): Promise<NotAdded> {
  const body = await membership(http, 'POST', list, subscribers, opts);
  const message = isRecord(body) && isRecord(body.message) ? body.message : {};
  const emails = (v: unknown) => (Array.isArray(v) ? v.map((x) => str(x)).filter((x): x is string => !!x) : []);
  return { missing: emails(message.non_existing_subscribers), invalid: emails(message.invalid_emails) };
}

/** `POST` or `DELETE /subscribers/groups/{groupId}` with `{subscribers: [emails]}` [community]; the answer's body. */
export async function membership(
  http: ApiClient,
  method: 'POST' | 'DELETE',
  list: SubscriberList,
  subscribers: readonly Pick<Subscriber, 'email'>[],
  opts: CallOptions,
): Promise<unknown> {
  const res = await http.request(`subscribers/groups/${encodeURIComponent(list.id)}`, {
    method,
    body: { subscribers: subscribers.map((x) => x.email), ...(method === 'POST' ? { trigger_automation: false } : {}) },
    signal: opts.signal,
    what: `Group "${list.name}"`,
  });
  return res.body;
}
