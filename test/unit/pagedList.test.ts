import * as assert from 'node:assert/strict';
import type { Subscriber } from '../../src/api';
import { PagedList } from '../../src/views/pagedList';
import { makeProvider, useSandbox } from '../support/providers';

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
    assert.deepEqual([l.items.length, l.items[25].id, l.total, l.hasMore], [50, '26', 2500, true]);
  });

  it('drops a page that arrives after a reset, and starts again from page 1', async () => {
    const { l, logs } = list();
    await l.loadMore();
    sandbox.get().addFaults({ kind: 'latency', ms: 300 });
    const late = l.loadMore();
    l.reset();
    assert.equal(l.items.length, 0);
    await late;
    assert.equal(l.items.length, 0, 'a stale page was appended');
    await l.loadMore();
    assert.equal(l.items[0].id, '1');
    assert.equal(logs.at(-1)!.path, 'subscribers?page=1');
  });

  it('keeps items on a failure, and the retry loads the page that failed', async () => {
    const { l } = list();
    await l.loadMore();
    sandbox.get().addFaults({ kind: 'status', status: 500 });
    await l.loadMore();
    assert.equal(l.items.length, 25);
    assert.equal((l.error as Error).name, 'ServerError');
    await l.loadMore();
    assert.deepEqual([l.items.length, l.error, l.pagesLoaded], [50, undefined, 2]);
  });

  it('adds an item at the top once, replacing it when it comes again', async () => {
    const { l } = list();
    await l.loadMore();
    const first = l.items[0];
    l.add({ ...first, firstName: 'Changed' });
    assert.deepEqual([l.items.length, l.items[0].firstName, l.total], [25, 'Changed', 2500]);
    l.add({ ...first, id: 'new', email: 'new@example.com' });
    assert.deepEqual([l.items.length, l.items[0].id, l.total], [26, 'new', 2501]);
  });

  it('stops at the last page', async () => {
    const { l, logs } = list();
    sandbox.get().addFaults({ kind: 'raw', provider: 'sendportal', body: JSON.stringify({ data: [{ id: 1, email: 'a@b.co' }], meta: { current_page: 1, last_page: 1, total: 1 } }) });
    await l.loadMore();
    await l.loadMore();
    assert.deepEqual([l.items.length, l.hasMore, logs.length], [1, false, 1]);
  });
});
