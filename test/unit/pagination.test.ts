import * as assert from 'node:assert/strict';
import { InvalidResponseError } from '../../src/api';
import { toPage } from '../../src/api/pagination';
import { type Sandbox, startSandbox } from '../sandbox/server';
import { makeProvider, rejection } from '../support/providers';

const id = (r: Record<string, unknown>) => r.id;

describe('pagination', () => {
  it('reads meta with numbers sent as strings', () => {
    const p = toPage({ data: [{ id: 1 }, { id: 2 }], meta: { current_page: '2', last_page: '5', per_page: '2', total: '10' } }, 2, 25, id);
    assert.deepEqual({ page: p.page, lastPage: p.lastPage, perPage: p.perPage, total: p.total, hasMore: p.hasMore }, { page: 2, lastPage: 5, perPage: 2, total: 10, hasMore: true });
  });
  it('treats an empty page (past the end, from/to null) as the last', () => {
    const p = toPage({ data: [], meta: { current_page: 9, from: null, to: null, last_page: 4, total: 100 } }, 9, 25, id);
    assert.equal(p.items.length, 0);
    assert.equal(p.hasMore, false);
  });
  it('copes with missing or non-object meta', () => {
    assert.equal(toPage({ data: [{ id: 1 }] }, 3, 25, id).page, 3);
    assert.equal(toPage({ data: Array.from({ length: 25 }, (_, i) => ({ id: i })) }, 1, 25, id).hasMore, true);
    assert.equal(toPage({ data: [{ id: 1 }], meta: 'x' }, 1, 25, id).hasMore, false);
    assert.equal(toPage({ data: [{ id: 1 }], has_more_resources: true }, 1, 25, id).hasMore, true);
  });
  it('refuses a body without a data array, and items that are not objects', () => {
    assert.throws(() => toPage({ items: [] }, 1, 25, id), InvalidResponseError);
    assert.throws(() => toPage('nope', 1, 25, id), InvalidResponseError);
    assert.throws(() => toPage({ data: [1, 2] }, 1, 25, id), /item 1 of the list is not an object/);
  });

  describe('against the sandbox', () => {
    let sb: Sandbox;
    before(async () => (sb = await startSandbox()));
    after(() => sb.stop());
    beforeEach(() => sb.reset());

    it('builds page URLs itself, never from links (which drop api_token on SendPortal)', async () => {
      const { provider } = makeProvider(sb, 'sendportal', { tokenInQuery: true });
      const p1 = await provider.listSubscribers(1);
      const p2 = await provider.listSubscribers(p1.page + 1);
      assert.equal(p2.page, 2);
      assert.match(sb.seen.at(-1)!.url, /^\/api\/v1\/subscribers\?page=2&api_token=/);
    });
    it('SendPortal: fixed 25 per page over 2,500 subscribers, 100 pages', async () => {
      const { provider } = makeProvider(sb, 'sendportal');
      const p = await provider.listSubscribers(100);
      assert.equal(p.items.length, 25);
      assert.equal(p.total, 2500);
      assert.equal(p.hasMore, false);
      assert.equal((await provider.listSubscribers(101)).items.length, 0);
    });
    it('Sender: honours limit, and reads per_page sent as a string', async () => {
      const { provider } = makeProvider(sb, 'sender');
      const p = await provider.listSubscribers(3, { limit: 50 });
      assert.equal(p.items.length, 50);
      assert.equal(p.perPage, 50);
      assert.equal(p.lastPage, 50);
      assert.match(sb.seen.at(-1)!.url, /page=3&limit=50/);
    });
    it('a wrong shape from the server is a typed error, not a crash', async () => {
      const { provider } = makeProvider(sb, 'sender');
      for (const kind of ['noData', 'itemsNotObjects'] as const) {
        sb.addFaults({ kind });
        assert.ok((await rejection(provider.listCampaigns(1))) instanceof InvalidResponseError, kind);
      }
      sb.addFaults({ kind: 'metaString' });
      assert.equal((await provider.listCampaigns(1)).hasMore, false);
    });
  });
});
