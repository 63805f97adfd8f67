/** The walk a search, the import check and an export share: against the sandbox over loopback. */
import * as assert from 'node:assert/strict';
import { CancelledError, type Page, type Subscriber, currentPriority } from '../../../src/api';
import { SubscriberWalk } from '../../../src/paging/subscriberWalk';
import { type Sandbox, startSandbox } from '../../../test/sandbox/server';
import { makeProvider } from '../../../test/support/providers';

describe('the walk a session keeps', () => {
  let sb: Sandbox;
  before(async () => (sb = await startSandbox()));
  after(() => sb.stop());
  beforeEach(() => sb.reset());

  const senderWalk = () => {
    const { provider } = makeProvider(sb, 'sender');
    return new SubscriberWalk((page, signal) => provider.listSubscribers(page, { limit: 1000, signal }));
  };
  const pages = () => sb.seen.filter((r) => r.url.includes('/v2/subscribers?')).length;

  it("reads 2,500 Sender subscribers in 3 requests (its largest page), and a second walk asks for nothing", async () => {
    const walk = senderWalk();
    await walk.walk(new AbortController().signal);
    assert.deepEqual([walk.items.length, walk.complete, walk.serverTotal, pages()], [2500, true, 2500, 3]);
    await walk.walk(new AbortController().signal);
    assert.equal(pages(), 3, 'the second walk asked again');
  });

  it('a stopped walk keeps what it read and goes on from there; two walkers share each page', async () => {
    const walk = senderWalk();
    const stop = new AbortController();
    await walk.walk(stop.signal, () => stop.abort());
    assert.deepEqual([walk.items.length, walk.complete, pages()], [1000, false, 1], 'stopped after its first page');
    await Promise.all([walk.walk(new AbortController().signal), walk.walk(new AbortController().signal)]);
    assert.deepEqual([walk.items.length, pages()], [2500, 3], 'pages read twice');
  });

  it("takes the pages an export read with its own page size, so a search after an export reads only the rest", async () => {
    const { provider } = makeProvider(sb, 'sender');
    const walk = new SubscriberWalk((page, signal) => provider.listSubscribers(page, { limit: 1000, signal }));
    walk.offer(2, await provider.listSubscribers(2, { limit: 1000 }));
    assert.equal(walk.items.length, 0, 'a page out of turn was taken');
    walk.offer(1, await provider.listSubscribers(1, { limit: 1000 }));
    await walk.walk(new AbortController().signal);
    assert.deepEqual([walk.items.length, pages()], [2500, 4], 'the walk read again what it was offered');
  });

  it('follows the writes made here, and reads afresh after reset', async () => {
    const walk = senderWalk();
    await walk.walk(new AbortController().signal);
    const [first, second] = walk.items;
    const made: Subscriber = { id: 'new1', email: 'new@example.com', status: 'active', tags: [], raw: {} };
    walk.apply({ replace: [{ ...first, firstName: 'Changed' }], remove: [second.id], add: [made] });
    assert.equal(walk.items.find((x) => x.id === first.id)?.firstName, 'Changed');
    assert.equal(walk.items.find((x) => x.id === second.id), undefined);
    assert.ok(walk.items.some((x) => x.id === 'new1'));
    assert.equal(walk.serverTotal, 2500, 'one added, one removed');
    walk.apply({ replace: [made, { ...made, id: 'never-held' }] });
    assert.equal(walk.items.some((x) => x.id === 'never-held'), false, 'a replace added someone the walk never held');
    walk.reset();
    assert.deepEqual([walk.items.length, walk.complete, walk.readAt], [0, false, undefined]);
    await walk.walk(new AbortController().signal);
    assert.equal(pages(), 6);
  });

  it('at the end of a SendPortal walk, says how many its shifting order never listed; found ones are held', async () => {
    const { provider } = makeProvider(sb, 'sendportal');
    sb.setRateLimit('sendportal', { limit: 100_000, windowMs: 60_000 });
    const walk = new SubscriberWalk((page, signal) => provider.listSubscribers(page, { signal }));
    await walk.walk(new AbortController().signal);
    assert.ok(walk.complete && walk.missing > 0, `missing: ${walk.missing}`);
    const before = walk.missing;
    walk.addFound([{ id: '999999', email: 'found@example.com', status: 'active', tags: [], raw: {} }]);
    assert.equal(walk.missing, before - 1);
  });

  describe('what it decides, page by page', () => {
    const person = (id: string): Subscriber => ({ id, email: `${id}@example.com`, status: 'active', tags: [], raw: {} });
    const page = (n: number, ids: string[], more: boolean, total?: number): Page<Subscriber> => ({ items: ids.map(person), page: n, total, perPage: 2, hasMore: more });
    const go = () => new AbortController().signal;

    it('says none are missing until it has ended, and when it began reading, from its clock', async () => {
      let t = 1000;
      const asked: number[] = [];
      const answers = [page(1, ['a', 'b'], true, 5), page(2, ['c'], false, 5)];
      const walk = new SubscriberWalk((n) => (asked.push(n), Promise.resolve(answers[n - 1])), () => t);
      assert.equal(walk.readAt, undefined);
      const stop = new AbortController();
      await walk.walk(stop.signal, () => stop.abort());
      assert.deepEqual([walk.missing, walk.readAt, walk.complete], [0, 1000, false], 'missing before the end');
      t = 9000;
      await walk.walk(go());
      assert.deepEqual([walk.missing, walk.readAt, walk.complete, asked], [2, 1000, true, [1, 2]], 'the oldest row read says how fresh it is');
    });

    it('reads at background priority, and goes on after the page the server answered (it may read ahead)', async () => {
      const asked: [number, string][] = [];
      const answers: Record<number, Page<Subscriber>> = { 1: page(3, ['a'], true), 4: page(4, ['b'], false) };
      const walk = new SubscriberWalk((n) => (asked.push([n, currentPriority()]), Promise.resolve(answers[n])));
      await walk.walk(go());
      assert.deepEqual(asked, [[1, 'background'], [4, 'background']]);
    });

    it('a failed page rejects the walk and is asked again next time; a cancelled one ends it quietly', async () => {
      const asked: number[] = [];
      let fail: Error | undefined = new Error('no network');
      const walk = new SubscriberWalk((n) => {
        asked.push(n);
        const e = fail;
        fail = undefined;
        return e ? Promise.reject(e) : Promise.resolve(page(n, [`p${n}`], n < 2));
      });
      await assert.rejects(walk.walk(go()), /no network/);
      fail = new CancelledError();
      await walk.walk(go());
      assert.deepEqual([walk.complete, asked], [false, [1, 1]], 'cancelled: ended without an error, nothing read');
      await walk.walk(go());
      assert.deepEqual([walk.complete, walk.items.map((x) => x.id), asked], [true, ['p1', 'p2'], [1, 1, 1, 2]]);
    });

    it('counts what a write adds or removes in the total, once, and only for rows it did not or did hold', async () => {
      const walk = new SubscriberWalk((n) => Promise.resolve(page(n, ['a', 'b'], false, 2)));
      walk.apply({ add: [person('x')] });
      assert.equal(walk.serverTotal, undefined, 'a total before any page');
      await walk.walk(go());
      walk.apply({ add: [person('a')] });
      assert.equal(walk.serverTotal, 2, 'added someone held already');
      walk.apply({ add: [person('c')], replace: [person('d')] });
      assert.equal(walk.serverTotal, 3, 'one added; a replace of someone never held adds no one');
      walk.apply({ remove: ['zzz'] });
      assert.equal(walk.serverTotal, 3, 'removed someone never held');
      walk.apply({ remove: ['a', 'c'] });
      assert.deepEqual([walk.serverTotal, walk.items.map((x) => x.id)], [1, ['x', 'b']], 'x, added before the first page, is held');
    });
  });
});
