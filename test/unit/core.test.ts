/**
 * The core's edge cases one by one, in plain Node with fakes of the network only (a fetch that answers pages): what
 * the sanitiser, the paged list and the export walk do at each boundary. Written against `npm run test:mutation`'s
 * survivors: each assertion names a behaviour some mutant changed and no other test noticed.
 */
import * as assert from 'node:assert/strict';
import { CancelledError, type Page, type Subscriber } from '../../src/api';
import { MAX_SERVER_TEXT, safeText } from '../../src/api/sanitize';
import { PagedList } from '../../src/paging/pagedList';
import { WRITERS, exportPages, exportRecord } from '../../src/transfer/exporter';

const sub = (id: string, extra: Partial<Subscriber> = {}): Subscriber => ({ id, email: `${id}@x.io`, status: 'active', tags: [], raw: {}, ...extra });
const page = (n: number, ids: string[], extra: Partial<Page<Subscriber>> = {}): Page<Subscriber> => ({ items: ids.map((i) => sub(i)), page: n, perPage: ids.length, hasMore: true, ...extra });

describe('safeText at its boundaries', () => {
  it('nothing, numbers, booleans and objects', () => {
    assert.equal(safeText(undefined), '');
    assert.equal(safeText(null), '');
    assert.equal(safeText(0), '0');
    assert.equal(safeText(false), 'false');
    assert.equal(safeText({ a: [1] }), '{"a":[1]}');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    assert.equal(safeText(circular), '');
  });
  it('a control character becomes a space, an invisible one goes', () => {
    assert.equal(safeText('a\nb'), 'a b');
    assert.equal(safeText('a\u200bb'), 'ab');
    assert.equal(safeText('  a \t  b  '), 'a b');
    assert.equal(safeText('a b'), 'a b');
  });
  it('markdown links, images and tags are broken only where they would render', () => {
    assert.equal(safeText('[a](x)'), '[a] (x)');
    assert.equal(safeText('[a]   (x)'), '[a] (x)');
    assert.equal(safeText('![i](x)'), '! [i] (x)');
    assert.equal(safeText('<b>x'), '‹b>x');
    assert.equal(safeText('</b>'), '‹/b>');
    assert.equal(safeText('<!--'), '‹!--');
    assert.equal(safeText('a < b'), 'a < b');
    assert.equal(safeText('1<2'), '1<2');
    assert.equal(safeText('[a](x) <b>', [], 100, 'escaped'), '[a](x) <b>');
  });
  it('is capped at its length, an ellipsis taking the last place', () => {
    assert.equal(safeText('x'.repeat(MAX_SERVER_TEXT)), 'x'.repeat(MAX_SERVER_TEXT));
    const cut = safeText('x'.repeat(MAX_SERVER_TEXT + 1));
    assert.equal(cut.length, MAX_SERVER_TEXT);
    assert.ok(cut.endsWith('…'));
    assert.equal(safeText('abcdef', [], 4), 'abc…');
    assert.equal(safeText('abcd', [], 4), 'abcd');
  });
  it('redacts each secret given', () => {
    assert.equal(safeText('a secret-one b secret-two', ['secret-one', undefined, 'secret-two']), 'a ••• b •••');
  });
});

/** A PagedList over pages handed out by the test: `next` answers the next request. */
function listOf(answer: (page: number) => Promise<Page<Subscriber>>) {
  let changes = 0;
  const asked: number[] = [];
  const l = new PagedList<Subscriber>((p) => (asked.push(p), answer(p)), () => changes++);
  return { l, asked, changes: () => changes };
}

describe('the paged list at its boundaries', () => {
  it('starts empty and not started; a load marks it started', async () => {
    const { l } = listOf(async (p) => page(p, ['a']));
    assert.deepEqual([l.started, l.state.hasMore, l.state.loading, l.state.filteredClientSide, l.state.items.length], [false, true, false, false, 0]);
    const load = l.loadMore();
    assert.equal(l.started, true, 'a load under way is started');
    await load;
    assert.deepEqual([l.started, l.state.loading], [true, false]);
  });

  it('a failed first page counts as started; a cancelled one leaves no error', async () => {
    const failing = listOf(async () => Promise.reject(new Error('down')));
    await failing.l.loadMore();
    assert.equal(failing.l.started, true);
    assert.equal((failing.l.state.error as Error).message, 'down');
    const cancelled = listOf(async () => Promise.reject(new CancelledError()));
    await cancelled.l.loadMore();
    assert.equal(cancelled.l.state.error, undefined);
    assert.equal(cancelled.l.state.loading, false);
  });

  it('does not ask again at the end, but retries after an error', async () => {
    let fail = true;
    const { l, asked } = listOf(async (p) => {
      if (p === 2 && fail) throw new Error('once');
      return page(p, [`i${p}`], { hasMore: p < 2 });
    });
    await l.loadMore();
    await l.loadMore();
    assert.ok(l.state.error);
    fail = false;
    await l.loadMore();
    await l.loadMore();
    assert.deepEqual(asked, [1, 2, 2]);
    assert.equal(l.state.hasMore, false);
  });

  it('an item met again replaces the one held, in place; a filtered walk that read ahead goes on after the last page read', async () => {
    const { l, asked } = listOf(async (p) => (p === 1 ? page(1, ['a', 'b']) : { ...page(4, ['b', 'c']), items: [sub('b', { firstName: 'New' }), sub('c')], filteredClientSide: true }));
    await l.loadMore();
    await l.loadMore();
    assert.deepEqual(l.state.items.map((x) => x.id), ['a', 'b', 'c']);
    assert.equal(l.state.items[1].firstName, 'New');
    assert.equal(l.state.pagesLoaded, 4);
    assert.equal(l.state.filteredClientSide, true);
    await l.loadMore();
    assert.deepEqual(asked, [1, 2, 5]);
  });

  it('notices a total that moved between pages, but not the first total', async () => {
    const totals = [10, 10, 12];
    const { l } = listOf(async (p) => page(p, [`i${p}`], { total: totals[p - 1] }));
    await l.loadMore();
    assert.equal(l.state.totalChanged, undefined);
    await l.loadMore();
    assert.equal(l.state.totalChanged, undefined);
    await l.loadMore();
    assert.deepEqual(l.state.totalChanged, { from: 10, to: 12 });
  });

  it('at the end of an unfiltered walk, counts who was never listed less those unreadable; not while more pages wait', async () => {
    const { l } = listOf(async (p) => page(p, [`i${p}`], { total: 5, hasMore: p < 2, skipped: p === 2 ? { count: 1, reason: 'bad' } : undefined }));
    await l.loadMore();
    assert.equal(l.state.missing, undefined, 'counted before the end');
    await l.loadMore();
    assert.equal(l.state.missing, 2, '5 on the server, 2 held, 1 unreadable');
    l.addFound([sub('i1'), sub('f1')]);
    assert.deepEqual(l.state.items.map((x) => x.id), ['i1', 'i2', 'f1']);
    assert.equal(l.state.missing, 1);
    const filtered = listOf(async (p) => ({ ...page(p, ['a'], { total: 5, hasMore: false }), filteredClientSide: true }));
    await filtered.l.loadMore();
    assert.equal(filtered.l.state.missing, undefined, 'a filtered list holds fewer on purpose');
    const noTotal = listOf(async (p) => page(p, ['a'], { hasMore: false }));
    await noTotal.l.loadMore();
    assert.equal(noTotal.l.state.missing, undefined);
  });

  it('apply: adds new ones at the top, replaces held ones in place, removes, and keeps the total in step; nothing to do changes nothing', async () => {
    const { l, changes } = listOf(async (p) => page(p, ['a', 'b', 'c'], { total: 3 }));
    await l.loadMore();
    const before = changes();
    l.apply({ replace: [sub('z')], remove: ['nope'] });
    assert.equal(changes(), before, 'a change that touched nothing fired');
    l.apply({ add: [sub('n'), sub('b', { firstName: 'B' })], replace: [sub('c', { firstName: 'C' })], remove: ['a'] });
    assert.deepEqual(l.state.items.map((x) => `${x.id}${x.firstName ?? ''}`), ['n', 'bB', 'cC']);
    assert.equal(l.state.total, 3, '+1 added, -1 removed');
    assert.equal(changes(), before + 1);
    l.remove('n');
    assert.deepEqual([l.state.items.map((x) => x.id), l.state.total], [['b', 'c'], 2]);
    l.prepend(sub('p'));
    assert.deepEqual([l.state.items[0].id, l.state.total], ['p', 3]);
    assert.ok(l.heldIds.has('p') && !l.heldIds.has('n'));
  });

  it('a write here moves the total it expects, so the next page does not look like someone else changed the list', async () => {
    const { l } = listOf(async (p) => page(p, [`i${p}`], { total: p === 1 ? 10 : 11 }));
    await l.loadMore();
    l.apply({ add: [sub('new')] });
    await l.loadMore();
    assert.equal(l.state.totalChanged, undefined);
  });

  it('reset keeps the rows shown until page 1 arrives when asked, and only then; it cancels the load in flight', async () => {
    let signal: AbortSignal | undefined;
    const l = new PagedList<Subscriber>(
      (p, s) => ((signal = s), Promise.resolve(page(p, [`r${p}`]))),
      () => undefined,
    );
    await l.loadMore();
    l.reset(true);
    assert.deepEqual(l.state.replaced?.map((x) => x.id), ['r1']);
    assert.equal(l.state.items.length, 0);
    l.reset(true);
    assert.deepEqual(l.state.replaced?.map((x) => x.id), ['r1'], 'a second Refresh before page 1 came still shows the old rows');
    l.reset();
    assert.equal(l.state.replaced, undefined);
    const pending = l.loadMore();
    await Promise.resolve();
    l.reset();
    assert.equal(signal?.aborted, true);
    await pending;
    assert.equal(l.state.items.length, 0, 'the cancelled load landed');
  });
});

describe('the export record and walk at their boundaries', () => {
  it('writes every field, empty where the service has none, and an unknown status as the service spelled it', () => {
    const full = exportRecord(sub('1', { firstName: 'Ada', lastName: 'L', phone: '+1', createdAt: '2025-01-01 00:00:00', tags: ['A', 'B'], raw: { columns: [{ title: 'Plan', value: 'pro' }, { id: 'c2', value: null }, 'junk', null] } }));
    assert.deepEqual(full, { id: '1', email: '1@x.io', first_name: 'Ada', last_name: 'L', phone: '+1', status: 'active', lists: 'A; B', custom_fields: '{"Plan":"pro","c2":null}', created: '2025-01-01 00:00:00' });
    const bare = exportRecord(sub('2', { status: 'unknown', statusText: 'TEMP' }));
    assert.deepEqual(bare, { id: '2', email: '2@x.io', first_name: '', last_name: '', phone: '', status: 'TEMP', lists: '', custom_fields: '', created: '' });
    assert.equal(exportRecord(sub('3', { status: 'unknown' })).status, 'unknown');
    assert.equal(exportRecord(sub('4', { status: 'bounced', statusText: 'ignored' })).status, 'bounced');
    assert.equal(exportRecord(sub('5', { firstName: 'tok' }), (v) => v.replace('tok', '•')).first_name, '•');
    assert.equal(WRITERS.csv.end(), '');
    assert.equal(WRITERS.csv.items([sub('6')], true), '6,6@x.io,,,,active,,,\n');
  });

  const walk = (pages: Record<number, Page<Subscriber> | Error>, extra: Partial<Parameters<typeof exportPages>[0]> = {}) => {
    const written: string[] = [];
    const progress: { rows: number; etaMs?: number }[] = [];
    let t = 0;
    const run = exportPages({
      fetch: async (p) => {
        t += 1000;
        const answer = pages[p];
        if (answer instanceof Error) throw answer;
        return answer;
      },
      write: async (items) => void written.push(...items.map((x) => x.id)),
      signal: new AbortController().signal,
      onProgress: (p) => progress.push(p),
      now: () => t,
      ...extra,
    });
    return { run, written, progress };
  };

  it('skips repeats, goes on after the last page a filtered fetch read, and estimates from this run only', async () => {
    const w = walk({ 1: page(1, ['a', 'b'], { total: 6 }), 2: page(3, ['b', 'c'], { total: 6 }), 4: page(4, ['d', 'e', 'f'], { total: 6, hasMore: false }) });
    const r = await w.run;
    assert.deepEqual(w.written, ['a', 'b', 'c', 'd', 'e', 'f']);
    assert.deepEqual(r, { rows: 6, nextPage: 5, done: true });
    assert.deepEqual(w.progress.map((p) => p.rows), [2, 3, 6]);
    assert.deepEqual(w.progress.map((p) => Math.round(p.etaMs ?? -1)), [2000, 2000, 0], '1 s a page: 2 rows a second, then 1.5');
    const none = walk({ 1: page(1, ['a'], { hasMore: false }) });
    await none.run;
    assert.equal(none.progress[0].etaMs, undefined, 'no total: no estimate');
  });

  it('after a whole walk that listed fewer than the total, finds the missing, once each; not when it resumed mid-way', async () => {
    const findMissing = async (held: ReadonlySet<string>, missing: number) => (assert.deepEqual([[...held], missing], [['a'], 2]), [sub('a'), sub('m1'), sub('m2'), sub('m1')]);
    const w = walk({ 1: page(1, ['a'], { total: 3, hasMore: false }) }, { findMissing });
    assert.deepEqual(await w.run, { rows: 3, nextPage: 2, done: true });
    assert.deepEqual(w.written, ['a', 'm1', 'm2']);
    let asked = false;
    const resumed = walk({ 2: page(2, ['b'], { total: 3, hasMore: false }) }, { startPage: 2, rowsBefore: 1, findMissing: async () => ((asked = true), []) });
    assert.deepEqual(await resumed.run, { rows: 2, nextPage: 3, done: true });
    assert.equal(asked, false, 'a resumed walk did not see page 1: it cannot tell who is missing');
    const complete = walk({ 1: page(1, ['a', 'b', 'c'], { total: 3, hasMore: false }) }, { findMissing: async () => ((asked = true), []) });
    await complete.run;
    assert.equal(asked, false);
    const none = walk({ 1: page(1, ['a'], { total: 3, hasMore: false }) }, { findMissing: () => undefined });
    assert.deepEqual(await none.run, { rows: 1, nextPage: 2, done: true });
  });

  it('a failed look-up of the missing keeps the walk done and says why; a failed page stops where it can continue', async () => {
    const boom = new Error('lookup');
    const w = walk({ 1: page(1, ['a'], { total: 2, hasMore: false }) }, { findMissing: async () => Promise.reject(boom) });
    assert.deepEqual(await w.run, { rows: 1, nextPage: 2, done: true, error: boom });
    const down = new Error('down');
    const stop = walk({ 1: page(1, ['a']), 2: down });
    assert.deepEqual(await stop.run, { rows: 1, nextPage: 2, done: false, error: down });
  });

  it('a cancelled walk stops before the next page, and a failure while cancelled is no error', async () => {
    const abort = new AbortController();
    abort.abort();
    const w = walk({ 1: page(1, ['a']) }, { signal: abort.signal });
    assert.deepEqual(await w.run, { rows: 0, nextPage: 1, done: false });
    const cancelling = new AbortController();
    const later = walk({ 1: page(1, ['a']), 2: new Error('aborted') }, { signal: cancelling.signal, onProgress: () => cancelling.abort() });
    assert.deepEqual(await later.run, { rows: 1, nextPage: 2, done: false });
    const lookup = new AbortController();
    const found = walk({ 1: page(1, ['a'], { total: 2, hasMore: false }) }, { signal: lookup.signal, findMissing: async () => (lookup.abort(), Promise.reject(new Error('x'))) });
    assert.deepEqual(await found.run, { rows: 1, nextPage: 2, done: true, error: undefined });
  });
});
