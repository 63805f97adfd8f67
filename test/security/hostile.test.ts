/**
 * Hostile servers over loopback, for both providers: each numbered item of the trust review gets a test that
 * failed before the fix. The token must never leave for a place it was not saved for, server text must stay
 * data, and no single answer may block a connection, flood the host, or make a cancelled write go out.
 */
import * as assert from 'node:assert/strict';
import { logRequests } from '../../src/connections/requestLog';
import { ApiError, type NewsletterProvider, type ProviderKind, RateLimitedError, type Subscriber, createProvider, safeText } from '../../src/api';
import { Session } from '../../src/connections/session';
import { PagedList } from '../../src/paging/pagedList';
import { type Answer, HostileServer, subscribersPage } from '../support/hostile';
import { rejection } from '../support/providers';

const TOKEN = 'hostile-test-token-abcdef123456';

for (const kind of ['sender', 'sendportal'] as ProviderKind[]) {
  describe(`hostile servers: ${kind}`, function () {
    let server: HostileServer;
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    const baseUrl = () => (kind === 'sender' ? `${server.origin}/v2/` : server.origin);
    const make = (over: { tokenInQuery?: boolean; maxTotalWaitMs?: number; timeoutMs?: number } = {}): NewsletterProvider =>
      createProvider({
        kind,
        baseUrl: baseUrl(),
        token: TOKEN,
        tokenInQuery: over.tokenInQuery,
        timeoutMs: over.timeoutMs ?? 3000,
        retry: { baseDelayMs: 10, maxTotalWaitMs: over.maxTotalWaitMs ?? 2000 },
      });
    const answer = (a: Answer | ((n: number) => Answer)) => (server.answer = (_r, n) => (typeof a === 'function' ? a(n) : a));
    const leaks = (text: string | undefined) => !!text && text.toLowerCase().includes(TOKEN.toLowerCase());

    before(async () => {
      server = await new HostileServer().start();
      process.on('unhandledRejection', onUnhandled);
    });
    after(async () => {
      process.off('unhandledRejection', onUnhandled);
      await server.stop();
      assert.deepEqual(unhandled, [], 'unhandled rejections');
    });
    beforeEach(() => {
      server.requests.length = 0;
      answer({ body: subscribersPage(25) });
    });

    describe('1. a token goes only where it was saved for', () => {
      const profile = (over: { baseUrl?: string; tokenInQuery?: boolean } = {}) => ({ id: 'c1', label: 'x', provider: kind, baseUrl: baseUrl(), ...over });

      it('a profile redirected to another host sends no token there', async () => {
        const saved = { token: TOKEN, origin: 'https://newsletter.example.com', tokenInQuery: false };
        const session = new Session(profile(), saved);
        assert.equal(session.tokenState, 'moved');
        await session.provider().listSubscribers(1);
        await session.provider().checkHealth();
        assert.ok(server.requests.length > 0);
        for (const r of server.requests) {
          assert.equal(r.headers.authorization, undefined, 'the token went in a header');
          assert.ok(!leaks(r.url), 'the token went in the URL');
        }
      });

      it('a profile switched to api_token mode sends no token in the URL', async () => {
        const session = new Session(profile({ tokenInQuery: true }), { token: TOKEN, origin: server.origin, tokenInQuery: false });
        assert.equal(session.tokenState, 'moved');
        await session.provider().listSubscribers(1);
        assert.ok(server.requests.every((r) => !leaks(r.url) && !r.headers.authorization));
      });

      it('the same origin and mode it was saved for: the token is sent', async () => {
        const session = new Session(profile(), { token: TOKEN, origin: server.origin, tokenInQuery: false });
        await session.provider().listSubscribers(1);
        assert.equal(server.requests[0].headers.authorization, `Bearer ${TOKEN}`);
      });
    });

    describe('2. server text stays data', () => {
      const evil = '[Open terminal](command:workbench.action.terminal.new) ![px](https://tracker.example/p.png) \u202Emoc.rednes@nimda';

      it('a 400 message, a 422 field, an odd status and a content type cannot carry links, bidi or controls', async () => {
        const provider = make();
        const cases: Answer[] = [
          { status: 400, body: JSON.stringify({ message: evil }) },
          { status: 422, body: JSON.stringify({ message: evil, errors: { [evil]: [evil] } }) },
          { status: 418, body: JSON.stringify({ message: evil }) },
          { status: 200, headers: { 'Content-Type': `text/plain; x="${evil.replace(/[^\x20-\x7e]/g, '')}"` }, body: 'not json' },
        ];
        for (const c of cases) {
          answer(c);
          const e = await rejection(provider.listSubscribers(1));
          assert.ok(e instanceof ApiError, String(e));
          assert.doesNotMatch(e.message, /\]\(|!\[|[\u202a-\u202e\u2066-\u2069\u0000-\u001f]/, `status ${c.status}: ${e.message}`);
          assert.ok(e.message.length <= 1000, `status ${c.status}: ${e.message.length} characters`);
        }
      });

      it('a 20 MB-long 422 message is capped', async () => {
        answer({ status: 422, body: JSON.stringify({ message: 'x', errors: { email: ['m'.repeat(3_000_000)] } }) });
        const e = await rejection(make().addSubscriber({ email: 'a@b.co' }));
        assert.ok(e.message.length < 1000, `${e.message.length} characters`);
      });

      it('an echoed token is redacted before any cut, in any case, from message and stack', async () => {
        for (const message of [`${'x'.repeat(290)}${TOKEN}`, `see ${TOKEN.toUpperCase()}`, `token=${TOKEN}`]) {
          answer({ status: 400, body: JSON.stringify({ message }) });
          const e = await rejection(make().listSubscribers(1));
          assert.ok(!leaks(e.message) && !e.message.includes(TOKEN.slice(0, 10)), e.message);
          assert.ok(!leaks(e.stack), 'the token is in the stack');
        }
      });

      it('safeText: one gate for any server string shown in the UI', () => {
        assert.equal(safeText('[a](command:x)'), '[a] (command:x)');
        assert.equal(safeText('\u202Emoc.rednes@nimda'), 'moc.rednes@nimda');
        assert.equal(safeText(`${'y'.repeat(299)}${TOKEN}`, [TOKEN]).includes(TOKEN.slice(0, 4)), false);
        assert.ok(safeText('z'.repeat(10_000)).length <= 300);
      });

      it('safeText: `$(zap)` stays text (quick picks and notifications render it as an icon), objects show as JSON', () => {
        assert.doesNotMatch(safeText('$(zap) Group'), /\$\(/);
        assert.equal(safeText('$(zap) Group').replace(/\u200b/g, ''), '$(zap) Group');
        assert.equal(safeText('$(zap)', [], 300, 'escaped'), '$(zap)', 'a webview escapes it itself');
        assert.equal(safeText({ plan: 'pro' }), '{"plan":"pro"}');
        assert.equal(safeText(12.5), '12.5');
      });

      it('the log gets one capped line per response, whatever a name or message holds', () => {
        const lines: string[] = [];
        const log = { info: (l: string) => lines.push(l), warn: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
        let emit: ((e: unknown) => void) | undefined;
        const connections = { onDidRespond: (cb: (e: unknown) => void) => ((emit = cb), { dispose() {} }) };
        logRequests(connections as never, log as never);
        const hostile = `Group "a\n[info] forged line \u202Eevil${'y'.repeat(4_000_000)}"`;
        emit!({ profile: { label: 'x' }, event: { method: 'GET', path: 'groups/1', status: 404, durationMs: 3, attempt: 1, rateLimit: {}, error: { message: `${hostile} was not found` } } });
        assert.equal(lines.length, 1);
        assert.doesNotMatch(lines[0], /\n|\u202E/);
        assert.ok(lines[0].length <= 1000, `${lines[0].length} characters`);
      });

      it('a not-found message that names an item by its server title is sanitised', async () => {
        answer({ status: 404, body: '{"message":"nope"}' });
        const list = { id: 'g1', kind: 'group' as const, name: 'Evil\n\u202Egroup $(zap)', raw: {} };
        const e = await rejection(make().listMembers(list, 1));
        assert.doesNotMatch(e.message, /\n|\u202E|\$\(/);
      });
    });

    describe('3. no answer blocks a connection', () => {
      const absurd: Record<string, string>[] = [
        { 'Retry-After': '999999999' },
        { 'Retry-After': 'Fri, 31 Dec 9999 23:59:59 GMT' },
        { 'Retry-After': '9'.repeat(400) },
        { 'X-RateLimit-Reset': '99999999999999', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Limit': '60' },
        { 'X-RateLimit-Reset': '999999999', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Limit': '60' },
      ];
      for (const headers of absurd) {
        it(`${JSON.stringify(headers).slice(0, 60)}: the next call goes out at once`, async () => {
          const provider = make({ maxTotalWaitMs: 5000 });
          answer((n) => (n === 1 ? { status: 429, headers, body: '{"message":"Too Many Attempts."}' } : { body: subscribersPage(25) }));
          await provider.listSubscribers(1).catch((e: unknown) => assert.ok(e instanceof RateLimitedError));
          const started = Date.now();
          assert.equal((await provider.listSubscribers(1)).items.length, 25);
          assert.ok(Date.now() - started < 1500, `blocked for ${Date.now() - started} ms`);
          assert.ok(!String(provider.rateLimit.snapshot.resetAt ?? '').includes('Infinity'));
        });
      }

      it('a call that would wait past its budget fails at once, saying how long', async () => {
        const provider = make({ maxTotalWaitMs: 1000 });
        answer({ status: 429, headers: { 'Retry-After': '60' }, body: '{}' });
        const started = Date.now();
        const e = await rejection(provider.listSubscribers(1));
        assert.ok(e instanceof RateLimitedError);
        assert.match(e.message, /Try again in 6\d s/);
        assert.ok(Date.now() - started < 500);
      });
    });

    describe('4. one page cannot freeze the host', () => {
      it('a page with hundreds of thousands of items is refused, fast', async () => {
        const rows = Array.from({ length: 200_000 }, (_, i) => `{"id":${i},"email":"a${i}@b.co"}`).join(',');
        answer({ body: `{"data":[${rows}],"meta":{"current_page":1}}` });
        const started = Date.now();
        const e = await rejection(make().listSubscribers(1));
        assert.match(e.message, /items when 25 were asked for|larger than/);
        assert.ok(Date.now() - started < 3000);
      });

      it('a body over the cap is refused without being parsed', async () => {
        answer({ body: Buffer.alloc(6 * 1024 * 1024, 0x20) });
        assert.match((await rejection(make().listSubscribers(1))).message, /larger than 4 MB/);
      });

      for (const [name, meta] of [
        ['a constant current_page 1', { current_page: 1 }],
        ['current_page -7', { current_page: -7 }],
        ['per_page 0', { per_page: 0, current_page: undefined }],
        ['a total of 1e12', { total: 1e12, last_page: undefined, current_page: undefined }],
        ['per_page NaN and total -1', { per_page: 'NaN', total: -1, last_page: undefined, current_page: undefined }],
      ] as const) {
        it(`${name}: Load more ends, never loops or shows "Load 0 more"`, async () => {
          const provider = make();
          answer((n) => ({ body: subscribersPage(n <= 3 ? 25 : 0, n, meta as Record<string, unknown>) }));
          const list = new PagedList<Subscriber>((page, signal) => provider.listSubscribers(page, { signal }), () => undefined);
          for (let i = 0; i < 8 && (list.state.hasMore || list.state.error === undefined); i++) {
            await list.loadMore();
            if (list.state.error !== undefined) break;
          }
          const pagesAsked = server.requests.map((r) => Number(new URL(r.url, 'http://x').searchParams.get('page')));
          assert.deepEqual(pagesAsked, pagesAsked.map((_, i) => i + 1).slice(0, pagesAsked.length), `asked ${pagesAsked.join(',')}`);
          assert.ok(pagesAsked.length <= 5, `walked ${pagesAsked.length} pages`);
          const s = list.state;
          if (s.total !== undefined) assert.ok(s.total <= 1e9 && s.total >= 0);
          assert.ok(s.perPage === undefined || s.perPage >= 1);
        });
      }
    });

    describe('5. a cancelled request never goes out', () => {
      it('a write cancelled while waiting for a slot is not sent', async () => {
        const provider = make();
        answer({ body: subscribersPage(25), delayMs: 600 });
        const busy = Array.from({ length: 4 }, () => provider.listSubscribers(1));
        const ac = new AbortController();
        const write = provider.addSubscriber({ email: 'cancelled@example.com' }, { signal: ac.signal });
        setTimeout(() => ac.abort(), 100);
        assert.equal((await rejection(write)).name, 'CancelledError');
        await Promise.all(busy);
        await new Promise((r) => setTimeout(r, 200));
        assert.equal(server.requests.filter((r) => r.method === 'POST').length, 0, 'the cancelled write reached the server');
      });

      it('a write cancelled while waiting for the rate limit is not sent', async () => {
        const provider = make({ maxTotalWaitMs: 10_000 });
        answer({ body: subscribersPage(25), headers: { 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + 5) } });
        await provider.listSubscribers(1);
        const ac = new AbortController();
        const write = provider.addSubscriber({ email: 'cancelled@example.com' }, { signal: ac.signal });
        setTimeout(() => ac.abort(), 100);
        assert.equal((await rejection(write)).name, 'CancelledError');
        assert.equal(server.requests.filter((r) => r.method === 'POST').length, 0);
      });
    });

    describe('6. smaller', () => {
      it('deeply nested JSON in an item is a typed error or a page, never a crash', async () => {
        const deep = '['.repeat(50_000) + ']'.repeat(50_000);
        answer({ body: `{"data":[{"id":1,"email":"a@b.co","x":${deep}}],"meta":{"current_page":1}}` });
        try {
          const page = await make().listSubscribers(1);
          assert.equal(page.items.length + (page.skipped?.count ?? 0), 1);
        } catch (e) {
          assert.ok(e instanceof ApiError, String(e));
        }
      });
    });
  });
}
