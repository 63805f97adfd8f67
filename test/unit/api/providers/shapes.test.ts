import * as assert from 'node:assert/strict';
import { InvalidResponseError } from '../../../../src/api';
import { toPage } from '../../../../src/api/providers/shapes';
import { type Sandbox, startSandbox } from '../../../../test/sandbox/server';
import { makeProvider, rejection } from '../../../../test/support/providers';

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
  it('refuses a body without a data array; skips and counts items that are not objects or cannot be mapped', () => {
    assert.throws(() => toPage({ items: [] }, 1, 25, id), InvalidResponseError);
    assert.throws(() => toPage('nope', 1, 25, id), InvalidResponseError);
    const p = toPage({ data: [1, { id: 2 }, 'x'] }, 1, 25, id);
    assert.deepEqual(p.items, [2]);
    assert.deepEqual(p.skipped, { count: 2, reason: 'item 3 of the page is not an object' });
    const strict = (r: Record<string, unknown>) => {
      if (!r.email) throw new InvalidResponseError('a subscriber has no id or email');
      return r.id;
    };
    assert.deepEqual(toPage({ data: [{ id: 1, email: 'a@b.co' }, { id: 2 }] }, 1, 25, strict).skipped, { count: 1, reason: 'a subscriber has no id or email' });
  });
  it('refuses a page with far more items than asked for (one page must not flood the host)', () => {
    const many = { data: Array.from({ length: 543 }, (_, i) => ({ id: i })) };
    assert.throws(() => toPage(many, 1, 25, id), /a page held 543 items when 25 were asked for/);
    assert.equal(toPage({ data: Array.from({ length: 26 }, (_, i) => ({ id: i })) }, 1, 25, id).items.length, 26, 'a small margin is fine');
  });
  it('drives page numbers itself: a current_page other than the one asked for is refused', () => {
    assert.throws(() => toPage({ data: [{ id: 1 }], meta: { current_page: 1, last_page: 5 } }, 2, 25, id), /answered page 1 when page 2 was asked for/);
    assert.throws(() => toPage({ data: [{ id: 1 }], meta: { current_page: -7 } }, 2, 25, id), InvalidResponseError);
  });
  it('ignores counts that make no sense: per_page 0, negative, NaN, a total of 1e12', () => {
    for (const meta of [{ per_page: 0 }, { per_page: -5 }, { per_page: 'NaN' }, { total: 1e12 }, { total: -1, last_page: 0 }]) {
      const p = toPage({ data: [{ id: 1 }], meta }, 1, 25, id);
      assert.equal(p.perPage >= 1, true, JSON.stringify(meta));
      assert.equal(p.total === undefined || p.total <= 1e9, true, JSON.stringify(meta));
      assert.equal(p.hasMore, false, `one item of 25 asked is the end: ${JSON.stringify(meta)}`);
    }
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
      sb.addFaults({ kind: 'noData' });
      assert.ok((await rejection(provider.listCampaigns(1))) instanceof InvalidResponseError);
      sb.addFaults({ kind: 'itemsNotObjects' });
      assert.equal((await provider.listCampaigns(1)).skipped?.count, 3);
      sb.addFaults({ kind: 'metaString' });
      assert.equal((await provider.listCampaigns(1)).hasMore, false);
    });
  });
});
