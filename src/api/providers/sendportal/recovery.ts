/** SendPortal: finding the subscribers a walk never listed (its order shifts between pages for shared last names). */
import { CancelledError, NotFoundError } from '../../errors';
import type { ApiClient } from '../../http/client';
import type { FindMissingOptions, NewsletterProvider, Subscriber, SubscriberList } from '../../model';
import { single } from '../shapes';
import { mapSubscriber } from './mappings';

const PAGE_SIZE = 25;

/** The highest numeric id among those held (SendPortal's ids are increasing integers). */
function highestId(held: ReadonlySet<string>): number {
  let highest = 0;
  for (const id of held) highest = Math.max(highest, Number(id) || 0);
  return highest;
}

/**
 * The most look-ups a recovery can take: one page of tags and one request per tag, then every id not held from 1 to
 * a page's worth past the highest held (ids are increasing, not contiguous).
 */
export function lookupBound(held: ReadonlySet<string>, tags: number): number {
  return 1 + tags + Math.max(0, highestId(held) + PAGE_SIZE - held.size);
}

/**
 * Cheap first: every tag's members come whole in one request each [src: Api\\TagSubscribersController], so the
 * missing who belong to a tag are found without probing ids. The rest are looked up by id, one request each (404s
 * are deleted ids), from 1 to past the highest id seen (those added during the walk have higher ids), stopping once
 * `missing` were found. Each request at the caller's priority; what was found is answered when cancelled, and each
 * find is told at once (`onFound`), so nothing found is lost.
 */
export async function findMissing(
  http: ApiClient, lists: Pick<NewsletterProvider, 'listLists' | 'listMembers'>, held: ReadonlySet<string>, missing: number, opts: FindMissingOptions,
): Promise<Subscriber[]> {
  const found = new Map<string, Subscriber>();
  const known = (id: string) => held.has(id) || found.has(id);
  const keep = (x: Subscriber) => {
    if (known(x.id)) return;
    found.set(x.id, x);
    opts.onFound?.(x);
  };
  let checked = 0;
  let bound = lookupBound(held, 0);
  const step = () => opts.onProgress?.(++checked, found.size, bound);
  try {
    const tags: SubscriberList[] = [];
    for (let page = 1; ; page++) {
      const p = await lists.listLists('tag', page, { signal: opts.signal });
      tags.push(...p.items);
      bound = lookupBound(held, tags.length) + page - 1;
      step();
      if (!p.hasMore) break;
    }
    for (const tag of tags) {
      if (found.size >= missing) break;
      // listMembers reads the whole tag for page 1 and pages it itself: every page of it costs nothing more.
      for (let page = 1, more = true; more; page++) {
        const members = await lists.listMembers(tag, page, { signal: opts.signal });
        members.items.forEach(keep);
        more = members.hasMore;
      }
      step();
    }
    const last = Math.max(highestId(held), ...[...found.keys()].map(Number)) + PAGE_SIZE;
    for (let id = 1; id <= last && found.size < missing; id++) {
      if (known(String(id))) continue;
      try {
        const res = await http.request(`subscribers/${id}`, { signal: opts.signal, what: `Subscriber ${id}` });
        keep(mapSubscriber(single(res.body)));
      } catch (e) {
        if (!(e instanceof NotFoundError)) throw e;
      }
      step();
    }
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
  }
  return [...found.values()];
}
