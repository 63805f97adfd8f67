import * as assert from 'node:assert/strict';
import type { Subscriber } from '../../../src/api';
import { PagedList } from '../../../src/paging/pagedList';
import { makeProvider, useSandbox } from '../../../test/support/providers';

describe('the paged list behind the trees', () => {
  const sandbox = useSandbox();
  beforeEach(() => sandbox.get().reset());

  function list() {
    const { provider, logs } = makeProvider(sandbox.get(), 'sendportal');
    let changes = 0;
    const l = new PagedList<Subscriber>((page, signal) => provider.listSubscribers(page, { signal }), () => changes++);
    return { l, logs, changes: () => changes };
  }

  it('merges concurrent loads into one request and appends pages in order, without duplicates', async () => {
    const { l, logs } = list();
    await Promise.all([l.loadMore(), l.loadMore(), l.loadMore()]);
    assert.equal(logs.length, 1);
    await l.loadMore();
    assert.deepEqual(logs.map((e) => e.path), ['subscribers?page=1', 'subscribers?page=2']);
    const { provider } = makeProvider(sandbox.get(), 'sendportal');
    const [p1, p2] = [(await provider.listSubscribers(1)).items, (await provider.listSubscribers(2)).items].map((p) => p.map((s) => s.id));
    const expected = [...new Set([...p1, ...p2])];
    assert.deepEqual(l.state.items.map((s) => s.id), expected);
    assert.deepEqual([l.state.total, l.state.hasMore], [2500, true]);
  });

  it('drops a page that arrives after a reset, and starts again from page 1', async () => {
    const { l, logs } = list();
    await l.loadMore();
    sandbox.get().addFaults({ kind: 'latency', ms: 300 });
    const late = l.loadMore();
    l.reset();
    assert.equal(l.state.items.length, 0);
    await late;
    assert.equal(l.state.items.length, 0, 'a stale page was appended');
    await l.loadMore();
    const { provider } = makeProvider(sandbox.get(), 'sendportal');
    assert.equal(l.state.items[0].id, (await provider.listSubscribers(1)).items[0].id);
    assert.equal(logs.at(-1)!.path, 'subscribers?page=1');
  });

  it("a page that really arrives after a Refresh or a connection switch is dropped: another account's rows never merge in", async () => {
    const sb = sandbox.get();
    const accounts = { sender: makeProvider(sb, 'sender').provider, sendportal: makeProvider(sb, 'sendportal').provider };
    let account: keyof typeof accounts = 'sender';
    let changes = 0;
    // The fetch ignores the signal, as a request already on the wire does: its answer comes back after the reset.
    const l = new PagedList<Subscriber>((page) => accounts[account].listSubscribers(page), () => changes++);
    await l.loadMore();
    sb.addFaults({ kind: 'latency', ms: 300, provider: 'sender', query: 'page=2' });
    const late = l.loadMore();
    // Switched once the old page's request is on the wire.
    while (!sb.seen.some((r) => r.url.includes('/v2/subscribers?page=2'))) await new Promise((r) => setImmediate(r));
    account = 'sendportal';
    l.reset();
    const fresh = l.loadMore();
    await Promise.all([late, fresh]);
    assert.equal(l.state.items.length, 25);
    assert.ok(l.state.items.every((x) => x.email.endsWith('@sendportal.test')), "the other account's page was merged in");
    assert.equal(l.state.pagesLoaded, 1);
    assert.equal(changes, 3, 'the stale answer changed the state');
  });

  it('keeps items on a failure, and the retry loads the page that failed', async () => {
    const { l } = list();
    await l.loadMore();
    sandbox.get().addFaults({ kind: 'status', status: 500 });
    await l.loadMore();
    assert.equal(l.state.items.length, 25);
    assert.equal((l.state.error as Error).name, 'ServerError');
    await l.loadMore();
    assert.ok(l.state.items.length > 25, 'page 2 was added');
    assert.deepEqual([l.state.error, l.state.pagesLoaded], [undefined, 2]);
  });

  it('adds an item at the top once, replacing it when it comes again', async () => {
    const { l } = list();
    await l.loadMore();
    const first = l.state.items[0];
    l.prepend({ ...first, firstName: 'Changed' });
    assert.deepEqual([l.state.items.length, l.state.items[0].firstName, l.state.total], [25, 'Changed', 2500]);
    l.prepend({ ...first, id: 'new', email: 'new@example.com' });
    assert.deepEqual([l.state.items.length, l.state.items[0].id, l.state.total], [26, 'new', 2501]);
  });

  it('changes once per load, never when a load starts', async () => {
    const { l, changes } = list();
    const loading = l.loadMore();
    assert.equal(changes(), 0, 'a change fired when the load started');
    assert.equal(l.state.loading, true);
    await loading;
    assert.equal(changes(), 1);
    await Promise.all([l.loadMore(), l.loadMore()]);
    assert.equal(changes(), 2);
  });

  it('skips an unreadable item and counts it, instead of failing the page', async () => {
    const { l } = list();
    const good = Array.from({ length: 24 }, (_, i) => ({ id: i + 1, email: `p${i}@example.com` }));
    const body = { data: [...good.slice(0, 5), { id: 99 }, 'junk', ...good.slice(5)], meta: { current_page: 1, last_page: 2, total: 50 } };
    sandbox.get().addFaults({ kind: 'raw', provider: 'sendportal', body: JSON.stringify(body) });
    await l.loadMore();
    assert.equal(l.state.error, undefined);
    assert.equal(l.state.items.length, 24);
    assert.equal(l.state.skipped?.count, 2);
    assert.match(l.state.skipped!.reason, /not an object/);
    await l.loadMore();
    assert.equal(l.state.pagesLoaded, 2, 'the next load asks for page 2, not the same page again');
  });

  it('stops at the last page', async () => {
    const { l, logs } = list();
    sandbox.get().addFaults({ kind: 'raw', provider: 'sendportal', body: JSON.stringify({ data: [{ id: 1, email: 'a@b.co' }], meta: { current_page: 1, last_page: 1, total: 1 } }) });
    await l.loadMore();
    await l.loadMore();
    assert.deepEqual([l.state.items.length, l.state.hasMore, logs.length], [1, false, 1]);
  });
});

describe('a walk over a list whose order shifts between pages (SendPortal sorts by last name only)', () => {
  const sandbox = useSandbox();
  beforeEach(() => sandbox.get().reset());

  it('knows at the end how many were never listed, and finds them by id', async () => {
    const { provider } = makeProvider(sandbox.get(), 'sendportal', { retry: { maxTotalWaitMs: 120_000 } });
    sandbox.get().setRateLimit('sendportal', { limit: 100_000, windowMs: 60_000 });
    const l = new PagedList<Subscriber>((page, signal) => provider.listSubscribers(page, { signal }), () => undefined);
    while (l.state.hasMore) await l.loadMore();
    const { missing, total, items } = l.state;
    assert.equal(total, 2500);
    assert.ok(missing && missing > 0, 'the sandbox repeats and skips people at page boundaries, as the real server does');
    assert.equal(items.length + missing, 2500);
    const found = await provider.findMissingSubscribers!(l.heldIds, missing);
    l.addFound(found);
    assert.equal(l.state.items.length, 2500, 'every subscriber is listed after the search');
    assert.equal(new Set(l.state.items.map((s) => s.id)).size, 2500);
    assert.equal(l.state.missing, undefined);
  });

  it('notices a total that changed between pages', async () => {
    const { provider } = makeProvider(sandbox.get(), 'sendportal');
    const l = new PagedList<Subscriber>((page, signal) => provider.listSubscribers(page, { signal }), () => undefined);
    await l.loadMore();
    await provider.addSubscriber({ email: 'someone.new@example.com' });
    await l.loadMore();
    assert.deepEqual(l.state.totalChanged, { from: 2500, to: 2501 });
  });

  it('does not call our own addition a change on the server', async () => {
    const { provider } = makeProvider(sandbox.get(), 'sendportal');
    const l = new PagedList<Subscriber>((page, signal) => provider.listSubscribers(page, { signal }), () => undefined);
    await l.loadMore();
    l.prepend((await provider.addSubscriber({ email: 'mine@example.com' })).subscriber);
    await l.loadMore();
    assert.equal(l.state.totalChanged, undefined);
  });
});
