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

  it('merges concurrent loads into one request and appends pages in order', async () => {
    const { l, logs } = list();
    await Promise.all([l.loadMore(), l.loadMore(), l.loadMore()]);
    assert.equal(logs.length, 1);
    await l.loadMore();
    assert.deepEqual(logs.map((e) => e.path), ['subscribers?page=1', 'subscribers?page=2']);
    assert.deepEqual([l.state.items.length, l.state.items[25].id, l.state.total, l.state.hasMore], [50, '26', 2500, true]);
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
    assert.equal(l.state.items[0].id, '1');
    assert.equal(logs.at(-1)!.path, 'subscribers?page=1');
  });

  it('keeps items on a failure, and the retry loads the page that failed', async () => {
    const { l } = list();
    await l.loadMore();
    sandbox.get().addFaults({ kind: 'status', status: 500 });
    await l.loadMore();
    assert.equal(l.state.items.length, 25);
    assert.equal((l.state.error as Error).name, 'ServerError');
    await l.loadMore();
    assert.deepEqual([l.state.items.length, l.state.error, l.state.pagesLoaded], [50, undefined, 2]);
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
