/**
 * Every fault the sandbox can inject, for both providers: each ends in a typed error with a clear message or in
 * a bounded retry that succeeds; loaded items are kept; nothing rejects unhandled; waits stay within bounds.
 */
import * as assert from 'node:assert/strict';
import { ApiError, type ApiErrorKind, type NewsletterProvider, type Subscriber } from '../../src/api';
import { PagedList } from '../../src/paging/pagedList';
import { type Fault, type Provider, type Sandbox, TOKENS, startSandbox } from '../sandbox/server';
import { makeProvider, rejection, useSandbox } from '../support/providers';

async function expectKind(p: Promise<unknown>, kind: ApiErrorKind, message: RegExp): Promise<ApiError> {
  const e = await rejection(p);
  assert.ok(e instanceof ApiError, `not a typed error: ${e}`);
  assert.equal(e.kind, kind, e.message);
  assert.match(e.message, message);
  return e;
}

for (const kind of ['sender', 'sendportal'] as Provider[]) {
  describe(`resilience: ${kind}`, function () {
    const sandbox = useSandbox();
    let sb: Sandbox;
    let provider: NewsletterProvider;
    let logs: { status?: number }[];
    const inject = (...faults: Fault[]) => sb.addFaults(...faults.map((f) => ({ provider: kind, ...f })));

    beforeEach(() => {
      sb = sandbox.get();
      sb.reset();
      ({ provider, logs } = makeProvider(sb, kind, { timeoutMs: 300, retry: { baseDelayMs: 20, maxTotalWaitMs: 3000 } }));
    });

    it('a response slower than the timeout: TimeoutError, not retried, on time', async () => {
      inject({ kind: 'latency', ms: 2000 });
      const started = Date.now();
      await expectKind(provider.listSubscribers(1), 'timeout', /did not answer within 0\.3 s/);
      assert.ok(Date.now() - started < 1000);
      assert.equal(logs.length, 1);
    });

    it('a slow response within the timeout succeeds', async () => {
      inject({ kind: 'latency', ms: 100 });
      assert.equal((await provider.listSubscribers(1)).items.length, 25);
    });

    it('connection resets: retried for a GET, then NetworkError after the bound', async () => {
      inject({ kind: 'reset', times: 2 });
      assert.equal((await provider.listCampaigns(1)).items.length, 25);
      inject({ kind: 'reset', times: 10 });
      await expectKind(provider.listCampaigns(1), 'network', /Could not reach 127\.0\.0\.1:\d+/);
      assert.equal(logs.length, 3 + 3);
      sb.clearFaults();
    });

    it('a 502/503 burst is retried and succeeds; a longer one ends in ServerError; 500 is not retried', async () => {
      inject({ kind: 'status', status: 502 }, { kind: 'status', status: 503 });
      assert.equal((await provider.listSubscribers(1)).items.length, 25);
      inject({ kind: 'status', status: 503, times: 5 });
      await expectKind(provider.listSubscribers(1), 'server', /server failed \(503\).*try again later/);
      sb.clearFaults();
      logs.length = 0;
      inject({ kind: 'status', status: 500 });
      await expectKind(provider.listSubscribers(1), 'server', /\(500\)/);
      assert.equal(logs.length, 1);
    });

    it('an HTML error page: ServerError for a 5xx, InvalidResponseError for a 200', async () => {
      inject({ kind: 'html', status: 500 });
      await expectKind(provider.listSubscribers(1), 'server', /\(500\)/);
      inject({ kind: 'html', status: 200 });
      await expectKind(provider.listSubscribers(1), 'invalidResponse', /HTML page/);
    });

    it('malformed JSON and wrong shapes: InvalidResponseError', async () => {
      inject({ kind: 'malformed' });
      await expectKind(provider.listSubscribers(1), 'invalidResponse', /does not parse as JSON/);
      inject({ kind: 'noData' });
      await expectKind(provider.listSubscribers(1), 'invalidResponse', /no "data" array/);
      inject({ kind: 'itemsNotObjects' });
      const unreadable = await provider.listCampaigns(1);
      assert.deepEqual([unreadable.items.length, unreadable.skipped?.count], [0, 3], 'items that are not objects are skipped and counted');
      inject({ kind: 'metaString' });
      const page = await provider.listCampaigns(1);
      assert.deepEqual([page.items.length, page.hasMore], [0, false]);
    });

    it('a 5 MB page is refused before it is parsed: no API page is that large', async () => {
      inject({ kind: 'big' });
      await expectKind(provider.listSubscribers(1), 'invalidResponse', /larger than 4 MB/);
    });

    it('a 429 storm with Retry-After: bounded retries that wait as told, then RateLimitedError', async () => {
      inject({ kind: 'tooMany', retryAfter: 1, times: 2 });
      const started = Date.now();
      assert.equal((await provider.listSubscribers(1)).items.length, 25);
      assert.ok(Date.now() - started >= 2000, 'did not wait for Retry-After');
      inject({ kind: 'tooMany', retryAfter: 1, times: 20 });
      const e = await expectKind(provider.listSubscribers(1), 'rateLimited', /Try again in \d+ s/);
      assert.ok(Date.now() - started < 2000 + 3000 + 1500, 'waited past the total bound');
      assert.ok(e.status === 429);
      sb.clearFaults();
    });

    it('a 429 storm without Retry-After: exponential backoff, bounded in attempts', async () => {
      inject({ kind: 'tooMany', retryAfter: null, times: 20 });
      await expectKind(provider.listSubscribers(1), 'rateLimited', /429/);
      assert.equal(logs.filter((l) => l.status === 429).length, 5, 'one try and four retries');
      sb.clearFaults();
    });

    it('a token that expires halfway through a walk: AuthError, and the pages loaded are kept', async () => {
      const token = sb.mintToken(kind);
      const walker = makeProvider(sb, kind, { token: token }).provider;
      const list = new PagedList<Subscriber>((page, signal) => walker.listSubscribers(page, { signal }), () => {});
      for (let i = 0; i < 3; i++) await list.loadMore();
      const held = list.state.items.length;
      sb.expireToken(token);
      await list.loadMore();
      assert.equal(list.state.items.length, held);
      assert.equal(list.state.pagesLoaded, 3);
      assert.ok(list.state.error instanceof ApiError && list.state.error.kind === 'auth');
      assert.match((list.state.error as Error).message, /missing, wrong or expired/);
      assert.ok(!(list.state.error as Error).message.includes(token));
    });

    it('the server going away and coming back: NetworkError, then the same client works again', async () => {
      await provider.listSubscribers(1); // leaves a keep-alive socket that the restart will break
      const port = sb.port;
      await sb.stop();
      await expectKind(provider.listSubscribers(2), 'network', /ECONNREFUSED|ECONNRESET/);
      await sb.start(port);
      assert.equal((await provider.listSubscribers(2)).page, 2);
    });

    it('a failed load keeps the items and can be retried', async () => {
      const list = new PagedList<Subscriber>((page, signal) => provider.listSubscribers(page, { signal }), () => {});
      await list.loadMore();
      inject({ kind: 'status', status: 500 });
      await list.loadMore();
      assert.equal(list.state.items.length, 25);
      assert.ok(list.state.error instanceof ApiError);
      await list.loadMore();
      assert.equal(list.state.items.length, 50);
      assert.equal(list.state.error, undefined);
    });
  });
}

describe('resilience: expired sandbox tokens', () => {
  it('both fixed expired tokens are refused', async () => {
    const sb = await startSandbox();
    try {
      for (const [kind, token] of [['sender', TOKENS.senderExpired], ['sendportal', TOKENS.sendportalExpired]] as const) {
        const e = await rejection(makeProvider(sb, kind, { token: token }).provider.listSubscribers(1));
        assert.equal((e as ApiError).kind, 'auth');
      }
    } finally {
      await sb.stop();
    }
  });
});
