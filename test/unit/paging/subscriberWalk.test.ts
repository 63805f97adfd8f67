/** The walk a search, the import check and an export share: against the sandbox over loopback. */
import * as assert from 'node:assert/strict';
import type { Subscriber } from '../../../src/api';
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
});
