import type { ListKind, Page, SubscriberList } from '../api';
/**
 * Whether an export is still true at its end: the lists (tags or groups) and, where the service lists them whole,
 * their members, read at the start and again at the end. What changed, and how many of the rows written it touches.
 */

/** The lists as read once: names by id and, where read, who is in each (subscriber ids). */
interface Membership {
  names: ReadonlyMap<string, string>;
  members?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Members counted by the service, where there are no member lists (Sender's groups). */
  counts?: ReadonlyMap<string, number | undefined>;
}

export interface Drift {
  /** How many rows written carry lists that are no longer so. */
  rows: number;
  /** "Beta" renamed "Beta testers", "+3 in Customers", "−1 in Beta", "Old deleted", "New created". */
  changes: string[];
}

/** The list names each subscriber has in `m` (from its member lists). */
function namesById(m: Membership): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [list, ids] of m.members ?? []) {
    const name = m.names.get(list) ?? list;
    for (const id of ids) out.set(id, [...(out.get(id) ?? []), name]);
  }
  return out;
}

const same = (a: readonly string[] = [], b: readonly string[] = []) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * What changed between `before` and `after`, in words, and how many of `written` (each row's id and the list
 * names it was written with) it touches; undefined when nothing did.
 */
export function membershipDrift(before: Membership, after: Membership, written: ReadonlyMap<string, readonly string[]>): Drift | undefined {
  const changes: string[] = [];
  const renamed = new Set<string>();
  for (const [id, name] of before.names) {
    const now = after.names.get(id);
    if (now === undefined) changes.push(`"${name}" deleted`);
    else if (now !== name) (changes.push(`"${name}" renamed "${now}"`), renamed.add(name));
  }
  for (const [id, name] of after.names) if (!before.names.has(id)) changes.push(`"${name}" created`);
  for (const [id, ids] of after.members ?? []) {
    const was = before.members?.get(id) ?? new Set<string>();
    const added = [...ids].filter((x) => !was.has(x)).length;
    const removed = [...was].filter((x) => !ids.has(x)).length;
    const name = after.names.get(id) ?? id;
    if (added) changes.push(`+${added} in "${name}"`);
    if (removed) changes.push(`−${removed} in "${name}"`);
  }
  for (const [id, n] of after.counts ?? []) {
    const was = before.counts?.get(id);
    if (n !== undefined && was !== undefined && n !== was) changes.push(`"${after.names.get(id) ?? id}" ${was} → ${n}`);
  }
  if (!changes.length) return undefined;
  const now = after.members ? namesById(after) : undefined;
  const current = new Set(after.names.values());
  let rows = 0;
  for (const [id, names] of written) if (now ? !same(names, now.get(id)) : names.some((n) => renamed.has(n) || !current.has(n))) rows++;
  return { rows, changes };
}

/** What `readMembership` needs of a provider. */
interface ListReader {
  listLists(kind: ListKind, page: number, opts?: { signal?: AbortSignal }): Promise<Page<SubscriberList>>;
  listMembers(list: SubscriberList, page: number, opts?: { signal?: AbortSignal }): Promise<Page<{ id: string }>>;
}

/**
 * The lists of `kind` as the server holds them now, every page; with `members`, who is in each (one request per
 * SendPortal tag: it answers a tag whole). `onList` says which list is being read.
 */
export async function readMembership(
  p: ListReader,
  kind: ListKind,
  members: boolean,
  signal: AbortSignal,
  onList?: (n: number, of: number) => void,
): Promise<Membership> {
  const lists: SubscriberList[] = [];
  for (let page = 1; ; page++) {
    const got = await p.listLists(kind, page, { signal });
    lists.push(...got.items);
    if (!got.hasMore) break;
  }
  const names = new Map(lists.map((l) => [l.id, l.name]));
  if (!members) return { names, counts: new Map(lists.map((l) => [l.id, l.count])) };
  const byList = new Map<string, Set<string>>();
  for (const [i, list] of lists.entries()) {
    onList?.(i + 1, lists.length);
    const ids = new Set<string>();
    for (let page = 1; ; page++) {
      const got = await p.listMembers(list, page, { signal });
      for (const x of got.items) ids.add(x.id);
      if (!got.hasMore) break;
    }
    byList.set(list.id, ids);
  }
  return { names, members: byList };
}

/** Each subscriber's list names, from the member lists (undefined where none were read). */
export function listNames(m: Membership): Map<string, string[]> | undefined {
  return m.members ? namesById(m) : undefined;
}
