/** SendPortal: finding the subscribers a walk never listed (its order shifts between pages for shared last names). */
import { CancelledError, NotFoundError } from '../../errors';
import type { ApiClient } from '../../http/client';
import type { FindMissingOptions, NewsletterProvider, Subscriber, SubscriberList } from '../../model';
import { type IdMemory, learn, planProbes, probeCost } from '../../idMemory';
import { clock } from '../../clock';
import { single } from '../shapes';
import { mapSubscriber } from './mappings';

/**
 * What a recovery is likely to cost and at most (a page of tags and one request per tag, then the planned ids),
 * with what the connection remembers from earlier recoveries.
 */
export function lookupCost(
  held: ReadonlySet<string>,
  tags: number,
  missing: number,
  memory?: IdMemory,
): { expected: number; worst: number } {
  return probeCost(planProbes(held, memory), tags, missing);
}

/**
 * Cheap first: every tag's members come whole in one request each [src: Api\\TagSubscribersController], so the
 * missing who belong to a tag are found without probing ids. The rest are looked up by id, one request each (404s
 * are deleted ids), in the plan's order (idMemory.ts: remembered ids first, then narrow gaps before wide ones, up to
 * past the highest id known), stopping once `missing` were found. Each request at the caller's priority; what was
 * found is answered when cancelled, each find is told at once (`onFound`), and what was learned is remembered.
 */
export async function findMissing(
  http: ApiClient,
  lists: Pick<NewsletterProvider, 'listLists' | 'listMembers'>,
  held: ReadonlySet<string>,
  missing: number,
  opts: FindMissingOptions,
): Promise<Subscriber[]> {
  const found = new Map<string, Subscriber>();
  const keep = (x: Subscriber) => {
    if (held.has(x.id) || found.has(x.id)) return;
    found.set(x.id, x);
    opts.onFound?.(x);
  };
  let checked = 0;
  const memory = opts.memory?.read();
  let bound = lookupCost(held, 0, missing, memory).worst;
  const step = () => {
    checked++; // counted whether or not anyone listens (an optional call would skip its arguments)
    opts.onProgress?.(checked, found.size, bound);
  };
  const gone: number[] = [];
  try {
    const tags: SubscriberList[] = [];
    for (let page = 1; ; page++) {
      const p = await lists.listLists('tag', page, { signal: opts.signal });
      tags.push(...p.items);
      bound = lookupCost(held, tags.length, missing, memory).worst + page - 1;
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
    const plan = planProbes(new Set([...held, ...found.keys()]), memory);
    bound = checked + plan.order.length;
    for (const id of plan.order) {
      if (found.size >= missing) break;
      try {
        const res = await http.request(`subscribers/${id}`, { signal: opts.signal, what: `Subscriber ${id}` });
        keep(mapSubscriber(single(res.body)));
      } catch (e) {
        if (!(e instanceof NotFoundError)) throw e;
        gone.push(id);
      }
      step();
    }
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
  } finally {
    opts.memory?.write(learn(memory, held, found.keys(), gone, clock.date(), checked));
  }
  return [...found.values()];
}
