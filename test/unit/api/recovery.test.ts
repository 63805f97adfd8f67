import * as assert from 'node:assert/strict';
import { AuthError, type IdMemory, ServerError, type Subscriber } from '../../../src/api';
import { MAX_RANGES, MAX_SPAN, learn, planProbes, probeCost, toRanges } from '../../../src/api/idMemory';
import { PagedList } from '../../../src/paging/pagedList';
import { makeProvider, useSandbox } from '../../support/providers';

const ids = (...n: number[]) => new Set(n.map(String));
const memory = (exists: number[], gone: number[] = []): IdMemory => ({ at: '2026-12-07T00:00:00.000Z', exists: toRanges(exists), gone: toRanges(gone) });

describe('what a SendPortal recovery remembers of ids, and the order it probes them', () => {
  it('probes the ids remembered to exist first, then those next to held ids (lone gaps first), the middle of long runs last', () => {
    // Held: 1–5, 7–20, 40; 6 a lone gap; 21–39 a run of 19; remembered: 30 exists.
    const held = ids(1, 2, 3, 4, 5, ...Array.from({ length: 14 }, (_, i) => i + 7), 40);
    const plan = planProbes(held, memory([30]));
    assert.deepEqual(plan.order.slice(0, 5), [30, 6, 21, 39, 41], 'remembered, the lone gap, the ends of the run, the first past the highest');
    assert.equal(plan.remembered, 1);
    assert.equal(plan.near, 4);
    assert.ok(plan.order.indexOf(42) < plan.order.indexOf(25), 'two from a held id before five');
    assert.equal(Math.max(...plan.order), 65, 'up to 25 past the highest known id');
    assert.equal(new Set(plan.order).size, plan.order.length, 'no id twice');
  });

  it('never probes an id known gone, nor one held, and goes 25 past the highest id it has ever known', () => {
    const plan = planProbes(ids(1, 3), memory([1, 3, 100], [2, 4, 5]));
    assert.ok(![2, 4, 5, 1, 3].some((id) => plan.order.includes(id)));
    assert.equal(plan.order[0], 100);
    assert.equal(Math.max(...plan.order), 125);
  });

  it('says the likely cost (tags, remembered, lone gaps) apart from the most it can cost', () => {
    const plan = planProbes(ids(1, 2, 4, 5, 7), memory([10]));
    // Candidates: 10 (remembered), 3 and 6 (lone gaps), 8 (next to 7), then 9 and 11–32 (one run past the highest held).
    assert.deepEqual(probeCost(plan, 2, 1), { expected: 1 + 2 + 1, worst: 1 + 2 + plan.order.length });
    // More missing than remembered: the 3 next to held ids, and of the other 23 the share (3 of 26) the near ones make.
    assert.equal(probeCost(plan, 2, 3).expected, 1 + 2 + 1 + 3 + Math.round(23 * (3 / 26)));
  });

  it('learns what exists and what is gone; an id that answered 404 is no longer said to exist', () => {
    const m = learn(memory([1, 2, 9]), ids(1, 2, 3), ['7'], [9, 8], new Date('2026-12-07T10:00:00Z'));
    assert.deepEqual(m, { at: '2026-12-07T10:00:00.000Z', exists: [[1, 3], [7, 7]], gone: [[8, 9]] });
  });

  it('stays small: ids kept as ranges, too many ranges not kept, a huge id never walked id by id', () => {
    const scattered = Array.from({ length: MAX_RANGES + 1 }, (_, i) => 2 * i + 1);
    assert.deepEqual(learn(undefined, new Set(scattered.map(String)), [], [], new Date()).exists, [], 'more ranges than the bound');
    const plan = planProbes(ids(1, 1e12), undefined);
    assert.ok(plan.order.length <= MAX_SPAN, `${plan.order.length} planned`);
  });
});

describe('ids as ranges, and what a plan makes of odd ones', () => {
  it('keeps only whole positive ids, once each, in order, as ranges', () => {
    assert.deepEqual(toRanges([5, 3, 4, 4, 0, -2, 1.5, Number.NaN, 2 ** 60, 9, 10]), [[3, 5], [9, 10]]);
    assert.deepEqual(toRanges([]), []);
  });

  it('a held id that is no number, zero or negative takes no part in a plan', () => {
    const plan = planProbes(new Set(['x', '0', '-3', '2']), undefined);
    assert.deepEqual(plan.order.slice(0, 2), [1, 3], 'ids 1 and 3 are next to the held 2');
    assert.ok(plan.order.every((id) => id >= 1) && !plan.order.includes(2));
    assert.equal(Math.max(...plan.order), 27);
  });

  it('remembered ids are looked up in id order, and never one past what the plan reaches', () => {
    const plan = planProbes(ids(1, 2, 3), memory([60, 9, 7]));
    assert.deepEqual(plan.order.slice(0, 3), [7, 9, 60]);
    assert.equal(plan.remembered, 3);
    assert.equal(Math.max(...plan.order), 85, '25 past the highest remembered');
    assert.deepEqual(planProbes(ids(1), { at: '', exists: [], gone: [] }).order.length, 25);
  });

  it('the likely cost counts the share of the far ids by the near ones, and never passes the worst', () => {
    const plan = { order: Array.from({ length: 100 }, (_, i) => i + 1), remembered: 10, near: 30 };
    // 10 remembered, 30 near, 60 far × 30/90 of them.
    assert.deepEqual(probeCost(plan, 2, 20), { expected: 3 + 10 + 30 + 20, worst: 103 });
    assert.deepEqual(probeCost(plan, 2, 10), { expected: 3 + 10, worst: 103 }, 'as many missing as remembered');
    assert.deepEqual(probeCost({ order: [], remembered: 0, near: 0 }, 0, 5), { expected: 1, worst: 1 });
  });

  it('the memory keeps exactly MAX_RANGES ranges, and the gone ones however many', () => {
    const at = new Date('2026-12-07T00:00:00Z');
    const exactly = Array.from({ length: MAX_RANGES }, (_, i) => String(2 * i + 1));
    assert.equal(learn(undefined, new Set(exactly), [], [], at).exists.length, MAX_RANGES);
    const gone = Array.from({ length: 10 }, (_, i) => 2 * i + 1);
    assert.deepEqual(learn(undefined, new Set(), [], gone, at).gone.length, 10);
  });
});

describe('a SendPortal recovery in a new session, from what the last one learned', () => {
  const sandbox = useSandbox({ sparseIds: true });
  beforeEach(() => sandbox.get().reset());

  async function walk(): Promise<{ held: ReadonlySet<string>; missing: number; provider: ReturnType<typeof makeProvider>['provider'] }> {
    const { provider } = makeProvider(sandbox.get(), 'sendportal', { retry: { maxTotalWaitMs: 120_000 } });
    const l = new PagedList<Subscriber>((page, signal) => provider.listSubscribers(page, { signal }), () => undefined);
    while (l.state.hasMore) await l.loadMore();
    assert.ok(l.state.missing, 'the sandbox hides some from a walk, as a real server does');
    return { held: l.heldIds, missing: l.state.missing, provider };
  }

  it('looks up the same ids again directly: the second recovery costs the tags and the missing, not a rescan', async () => {
    sandbox.get().setRateLimit('sendportal', { limit: 100_000, windowMs: 60_000 });
    let kept: IdMemory | undefined;
    const store = { read: () => kept, write: (m: IdMemory) => void (kept = m) };
    const first = await walk();
    let before = sandbox.get().stats.requests.sendportal;
    const found = await first.provider.findMissingSubscribers!(first.held, first.missing, { memory: store });
    const firstCost = sandbox.get().stats.requests.sendportal - before;
    assert.equal(found.length, first.missing);
    assert.ok(kept && kept.gone.length > 0, 'the 404s are remembered');
    assert.equal(kept.requests, firstCost, 'what it cost is remembered (the next export counts as much in its time left)');

    const second = await walk();
    const expected = second.provider.missingLookupCost!(second.held, 2, second.missing, store);
    before = sandbox.get().stats.requests.sendportal;
    const again = await second.provider.findMissingSubscribers!(second.held, second.missing, { memory: store });
    const secondCost = sandbox.get().stats.requests.sendportal - before;
    assert.equal(again.length, second.missing);
    // A page of tags, one request per tag, then (at most) one look-up per missing row: the same rows are hidden again.
    assert.ok(secondCost <= 1 + 2 + second.missing, `the second recovery used ${secondCost} requests for ${second.missing} missing (the first ${firstCost})`);
    assert.ok(secondCost < firstCost, `${secondCost} is not cheaper than ${firstCost}`);
    assert.ok(expected.expected <= 1 + 2 + second.missing && expected.worst > expected.expected, JSON.stringify(expected));
  });

  it('a recovery stopped half-way keeps what it learned: the next one never asks for an id that answered 404', async () => {
    sandbox.get().setRateLimit('sendportal', { limit: 100_000, windowMs: 60_000 });
    let kept: IdMemory | undefined;
    const store = { read: () => kept, write: (m: IdMemory) => void (kept = m) };
    const { held, missing, provider } = await walk();
    const stop = new AbortController();
    const found = await provider.findMissingSubscribers!(held, missing, { memory: store, signal: stop.signal, onProgress: (n) => n >= 40 && stop.abort() });
    const lookups = () => Object.entries(sandbox.get().stats.byPath).filter(([k]) => /^GET sendportal\/subscribers\/\d+$/.test(k));
    // Every id asked before the stop that was neither held nor found answered 404.
    const gone = lookups().map(([k]) => k).filter((k) => !found.some((x) => k.endsWith(`/${x.id}`)));
    assert.ok(gone.length > 0 && lookups().length < 60, `${lookups().length} look-ups before the stop`);
    await provider.findMissingSubscribers!(held, missing, { memory: store });
    assert.deepEqual(lookups().filter(([k, n]) => gone.includes(k) && n > 1).map(([k]) => k), [], 'an id that answered 404 before the stop was asked again');
  });

  for (const [what, fault, error] of [
    ['a refused token', { kind: 'status', status: 401 }, AuthError],
    ['an outage', { kind: 'status', status: 500 }, ServerError],
  ] as const) {
    it(`${what} during the look-ups by id stops the recovery with it: only a 404 means an id is gone`, async () => {
      sandbox.get().setRateLimit('sendportal', { limit: 100_000, windowMs: 60_000 });
      let kept: IdMemory | undefined;
      const store = { read: () => kept, write: (m: IdMemory) => void (kept = m) };
      const { held, missing, provider } = await walk();
      sandbox.get().addFaults({ ...fault, provider: 'sendportal', method: 'GET', pattern: '^/subscribers/\\d+$', after: 3, times: 1000 });
      await assert.rejects(provider.findMissingSubscribers!(held, missing, { memory: store }), error);
      sandbox.get().clearFaults();
      const failed = new Set(Object.keys(sandbox.get().stats.byPath).filter((k) => /^GET sendportal\/subscribers\/\d+$/.test(k)).map((k) => Number(k.split('/').pop())));
      const gone = new Set(kept?.gone.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i)));
      assert.ok(failed.size >= 4, `${failed.size} look-ups`);
      assert.ok(gone.size <= 3, `${gone.size} ids remembered as gone, of which at most the 3 before the ${what} can be`);
    });
  }

  it('with nothing remembered it probes the ids next to held ones first: cheaper than probing every unseen id upwards', async () => {
    sandbox.get().setRateLimit('sendportal', { limit: 100_000, windowMs: 60_000 });
    const { held, missing, provider } = await walk();
    const before = sandbox.get().stats.requests.sendportal;
    const found = await provider.findMissingSubscribers!(held, missing);
    const used = sandbox.get().stats.requests.sendportal - before;
    const highestFound = Math.max(...found.map((x) => Number(x.id)));
    let upward = 0;
    for (let id = 1; id <= highestFound; id++) if (!held.has(String(id))) upward++;
    assert.equal(found.length, missing);
    assert.ok(used < upward, `${used} requests, against ${upward} probing upward`);
  });
});
