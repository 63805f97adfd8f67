/**
 * What a connection's recoveries learned of SendPortal's ids, kept across sessions so that the next recovery looks
 * up the same ids first and never probes a deleted one again. Ids only, as ranges: no names, no addresses.
 */

/** Ids as sorted, disjoint `[first, last]` ranges. */
type IdRanges = [number, number][];

export interface IdMemory {
  /** When it was written (ISO). */
  at: string;
  /** Ids known to exist: held by a walk or found by a recovery. */
  exists: IdRanges;
  /** Ids known to be gone (a 404): SendPortal never gives an id out twice, so they are never probed again. */
  gone: IdRanges;
  /** The requests the last recovery used (an export's time left counts about as many from its start). */
  requests?: number;
}

/** More ranges than this and the ids that exist are not kept (the gone ones still are): the store stays small. */
export const MAX_RANGES = 20_000;
/** No plan walks more ids than this (a hostile server's id of 10⁹ must not stall the host). */
export const MAX_SPAN = 2_000_000;
/** Ids past the highest known that are probed too: those added while the walk ran. */
const PAST_HIGHEST = 25;
const NEAR_ENOUGH = 50;

export function toRanges(ids: Iterable<number>): IdRanges {
  const sorted = [...new Set(ids)].filter((n) => Number.isSafeInteger(n) && n > 0).sort((a, b) => a - b);
  const out: IdRanges = [];
  for (const id of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] === id - 1) last[1] = id;
    else out.push([id, id]);
  }
  return out;
}

function* idsOf(ranges: IdRanges | undefined): Generator<number> {
  for (const [first, last] of ranges ?? []) for (let id = first; id <= Math.min(last, first + MAX_SPAN); id++) yield id;
}

const numeric = (ids: Iterable<string>) => [...ids].map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);

interface ProbePlan {
  /** The ids to look up, most likely first: those remembered to exist, then the unseen ones nearest held ids. */
  order: number[];
  /** How many of `order` are remembered to exist. */
  remembered: number;
  /** How many are next to a held id (a skipped row is; most of a long run of deleted ids is not). */
  near: number;
}

/**
 * The look-ups for the rows a walk did not list. Ids remembered to exist come first (typically the same rows are
 * missed again); then every id neither held nor known gone, from 1 to past the highest known, nearest a held id
 * first and, as near, in the narrowest gap first: a lone gap among held ids is more often a skipped row than a
 * deletion, a row skipped beside a deleted stretch sits at its edge, and the middle of a long run of unheld ids
 * is mostly deleted ones. Ids just past the highest held (added while the walk ran) count as near it.
 */
export function planProbes(held: ReadonlySet<string>, memory: IdMemory | undefined): ProbePlan {
  const have = new Set(numeric(held));
  const exists = new Set(idsOf(memory?.exists));
  const gone = new Set(idsOf(memory?.gone));
  let highest = 0;
  for (const id of have) highest = Math.max(highest, id);
  for (const r of [...(memory?.exists ?? []), ...(memory?.gone ?? [])]) highest = Math.max(highest, r[1]);
  const upper = Math.min(highest + PAST_HIGHEST, MAX_SPAN);
  const remembered = [...exists].filter((id) => !have.has(id) && !gone.has(id) && id <= upper).sort((a, b) => a - b);
  // By distance to the nearest held id, then by the width of the gap: buckets, so a huge span costs no sort.
  const buckets = new Map<number, Map<number, number[]>>();
  for (let id = 1; id <= upper;) {
    if (have.has(id)) {
      id++;
      continue;
    }
    let end = id;
    while (end + 1 <= upper && !have.has(end + 1)) end++;
    const width = end - id + 1;
    const heldLeft = id > 1;
    const heldRight = end < upper;
    for (let x = id; x <= end; x++) {
      if (gone.has(x) || exists.has(x)) continue;
      // Farther than NEAR_ENOUGH from any held id, the distance no longer orders (and a huge run makes few buckets).
      const d = Math.min(heldLeft ? x - id + 1 : Infinity, heldRight ? end - x + 1 : Infinity, width, NEAR_ENOUGH);
      const byWidth = buckets.get(d) ?? new Map<number, number[]>();
      const bucket = byWidth.get(width) ?? [];
      bucket.push(x);
      byWidth.set(width, bucket);
      buckets.set(d, byWidth);
    }
    id = end + 1;
  }
  const rest: number[] = [];
  const ascending = <V>(m: Map<number, V>) => [...m.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
  for (const byWidth of ascending(buckets)) for (const bucket of ascending(byWidth)) for (const x of bucket) rest.push(x);
  const near = [...(buckets.get(1)?.values() ?? [])].reduce((n, xs) => n + xs.length, 0);
  return { order: [...remembered, ...rest], remembered: remembered.length, near };
}

/**
 * What a recovery is likely to cost and what it can cost at most, before it starts: the tags (a page of them and one
 * request each), then the remembered ids when they can be all the missing; else those and the ids next to held ones,
 * and of the rest the share the near ones make of the plan (where deletions are scattered, nearness tells little and
 * most of the plan is likely; where they come in stretches, the near ones are nearly all). At most every id planned.
 */
export function probeCost(plan: ProbePlan, tags: number, missing: number): { expected: number; worst: number } {
  const fixed = 1 + tags;
  const worst = fixed + plan.order.length;
  if (plan.remembered >= missing) return { expected: fixed + missing, worst };
  const rest = plan.order.length - plan.remembered - plan.near;
  const share = plan.order.length ? plan.near / (plan.order.length - plan.remembered || 1) : 0;
  return { expected: Math.min(worst, Math.round(fixed + plan.remembered + plan.near + rest * share)), worst };
}

/** The memory after a recovery: what the walk held and the recovery found exist, what answered 404 is gone. */
export function learn(
  prior: IdMemory | undefined,
  held: ReadonlySet<string>,
  found: Iterable<string>,
  gone: Iterable<number>,
  now: Date,
  requests?: number,
): IdMemory {
  const goneNow = new Set([...idsOf(prior?.gone), ...gone]);
  const exists = toRanges([...idsOf(prior?.exists), ...numeric(held), ...numeric(found)].filter((id) => !goneNow.has(id)));
  const kept = { at: now.toISOString(), exists: exists.length <= MAX_RANGES ? exists : [], gone: toRanges(goneNow).slice(0, MAX_RANGES) };
  return requests === undefined ? kept : { ...kept, requests };
}
