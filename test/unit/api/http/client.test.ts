import * as assert from 'node:assert/strict';
import {
  AuthError, BadRequestError, CancelledError, ConfigError, InvalidResponseError, NetworkError, NotFoundError,
  ServerError, TimeoutError, ValidationError, createProvider,
} from '../../../../src/api';
import { type Sandbox, TOKENS, startSandbox } from '../../../../test/sandbox/server';
import { makeProvider, rejection } from '../../../../test/support/providers';

describe('request path', () => {
  let sb: Sandbox;
  before(async () => (sb = await startSandbox()));
  after(() => sb.stop());
  beforeEach(() => sb.reset());

  it('sends the three headers of the reference texts on every request', async () => {
    for (const kind of ['sender', 'sendportal'] as const) {
      await makeProvider(sb, kind).provider.listSubscribers(1);
      const h = sb.seen.at(-1)!.headers;
      assert.equal(h.accept, 'application/json');
      assert.equal(h['content-type'], 'application/json');
      assert.equal(h.authorization, `Bearer ${kind === 'sender' ? TOKENS.sender : TOKENS.sendportal}`);
    }
  });

  it('keeps the token out of the URL unless api_token mode is on, and redacts it in logs', async () => {
    const { provider, logs } = makeProvider(sb, 'sendportal', { tokenInQuery: true });
    await provider.listSubscribers(2);
    const seen = sb.seen.at(-1)!;
    assert.match(seen.url, /api_token=/);
    assert.equal(seen.headers.authorization, undefined);
    assert.ok(!JSON.stringify(logs).includes(TOKENS.sendportal), 'token leaked into a log line');
    assert.match(logs[0].path, /api_token=•••/);

    const header = makeProvider(sb, 'sendportal');
    await header.provider.listSubscribers(1);
    assert.doesNotMatch(sb.seen.at(-1)!.url, /api_token/);
  });

  it('refuses http:// to a remote host, and accepts loopback hosts', () => {
    let err: unknown;
    try {
      createProvider({ kind: 'sendportal', baseUrl: 'http://newsletter.example.com', token: 'x' });
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof ConfigError);
    assert.match(err.message, /unencrypted.*https:\/\//);
    for (const u of ['http://localhost:8080', 'http://127.0.0.1', 'http://[::1]:9000', 'https://news.example.com']) {
      assert.doesNotThrow(() => createProvider({ kind: 'sendportal', baseUrl: u, token: 'x' }), u);
    }
    assert.throws(() => createProvider({ kind: 'sendportal', baseUrl: 'not a url', token: 'x' }), /is not a URL/);
    assert.throws(() => createProvider({ kind: 'sendportal', baseUrl: 'ftp://host', token: 'x' }), /https/);
  });

  it('maps 401 to AuthError with the advice to set a new token, for both providers', async () => {
    for (const [kind, bad] of [['sender', TOKENS.senderExpired], ['sendportal', TOKENS.sendportalExpired]] as const) {
      const e = await rejection(makeProvider(sb, kind, { token: bad }).provider.listSubscribers(1));
      assert.ok(e instanceof AuthError, kind);
      assert.equal((e as AuthError).action, 'setToken');
      assert.match(e.message, /missing, wrong or expired.*Set API Token/);
      assert.ok(!e.message.includes(bad));
    }
  });

  it('maps a text/html 401 body ("Unauthorized.") to AuthError too', async () => {
    sb.addFaults({ kind: 'unauthorizedHtml', provider: 'sendportal' });
    const e = await rejection(makeProvider(sb, 'sendportal').provider.listCampaigns(1));
    assert.ok(e instanceof AuthError);
  });

  it('maps 404 to NotFoundError naming the resource', async () => {
    const e = await rejection(makeProvider(sb, 'sendportal').provider.getSubscriber('999999'));
    assert.ok(e instanceof NotFoundError);
    assert.match(e.message, /Subscriber 999999 was not found/);
  });

  it('maps 422 to ValidationError with the field messages', async () => {
    for (const kind of ['sender', 'sendportal'] as const) {
      const e = await rejection(makeProvider(sb, kind).provider.addSubscriber({ email: 'not-an-email' }));
      assert.ok(e instanceof ValidationError, kind);
      assert.deepEqual((e as ValidationError).fields, { email: ['The email must be a valid email address.'] });
      assert.match(e.message, /The email must be a valid email address/);
    }
  });

  it('maps 400 to BadRequestError with the server message', async () => {
    const { provider } = makeProvider(sb, 'sender');
    const e = await rejection(provider.listSubscribers(1, { limit: 'many' as unknown as number }));
    assert.ok(e instanceof BadRequestError);
    assert.match(e.message, /The limit must be a number/);
  });

  it('maps 500 to ServerError without retrying it, and retries a GET after 502/503 up to the bound', async () => {
    const { provider, logs } = makeProvider(sb, 'sender');
    sb.addFaults({ kind: 'status', status: 500 });
    const e = await rejection(provider.listSubscribers(1));
    assert.ok(e instanceof ServerError);
    assert.equal(logs.length, 1);

    logs.length = 0;
    sb.addFaults({ kind: 'status', status: 503, times: 2 });
    const page = await provider.listSubscribers(1);
    assert.equal(page.items.length, 25);
    assert.deepEqual(logs.map((l) => l.status), [503, 503, 200]);

    logs.length = 0;
    sb.addFaults({ kind: 'html', status: 502, times: 10 });
    const e2 = await rejection(provider.listSubscribers(1));
    assert.ok(e2 instanceof ServerError);
    assert.equal(logs.length, 3, 'one try and two retries');
    sb.clearFaults();
  });

  it('does not retry a POST after a 503', async () => {
    const { provider, logs } = makeProvider(sb, 'sender');
    sb.addFaults({ kind: 'status', status: 503, times: 3 });
    assert.ok((await rejection(provider.addSubscriber({ email: 'a@b.co' }))) instanceof ServerError);
    assert.equal(logs.length, 1);
  });

  it('sends a write refused with 429 once more after the wait (the server read none of it), and no more', async () => {
    const { provider } = makeProvider(sb, 'sender');
    sb.addFaults({ kind: 'tooMany', provider: 'sender', method: 'POST', pattern: '^/subscribers$', retryAfter: 0 });
    const before = sb.stats.byPath['POST sender/subscribers'] ?? 0;
    const added = await provider.addSubscriber({ email: 'refused.once@example.com' });
    assert.equal(added.subscriber.email, 'refused.once@example.com');
    assert.equal((sb.stats.byPath['POST sender/subscribers'] ?? 0) - before, 2, 'the 429, then the write');
    assert.equal(sb.stats.tooMany.sender, 1);
  });

  it('turns an HTML page or malformed JSON with status 200 into InvalidResponseError', async () => {
    const { provider } = makeProvider(sb, 'sendportal');
    sb.addFaults({ kind: 'html', status: 200 });
    const e = await rejection(provider.listSubscribers(1));
    assert.ok(e instanceof InvalidResponseError);
    assert.match(e.message, /HTML page.*base URL/);
    sb.addFaults({ kind: 'malformed' });
    assert.ok((await rejection(provider.listSubscribers(1))) instanceof InvalidResponseError);
  });

  it('points a wrong SendPortal path at the base URL (unknown route answers {"message":""})', async () => {
    const { provider } = createWrongPath(sb);
    const e = await rejection(provider.listSubscribers(1));
    assert.ok(e instanceof NotFoundError);
    assert.match(e.message, /base URL/);
  });

  it('times out a slow response with TimeoutError, within the timeout', async () => {
    const { provider } = makeProvider(sb, 'sender', { timeoutMs: 200, retry: { transientRetries: 0 } });
    sb.addFaults({ kind: 'latency', ms: 1500 });
    const started = Date.now();
    const e = await rejection(provider.listSubscribers(1));
    assert.ok(e instanceof TimeoutError, String(e));
    assert.ok(Date.now() - started < 1200, 'gave up late');
    assert.match(e.message, /did not answer within 0\.2 s/);
  });

  it('cancels a request in flight through an AbortSignal', async () => {
    const { provider } = makeProvider(sb, 'sender');
    sb.addFaults({ kind: 'latency', ms: 1500 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const e = await rejection(provider.listSubscribers(1, { signal: ac.signal }));
    assert.ok(e instanceof CancelledError, String(e));
  });

  it('maps a connection reset and a closed port to NetworkError, retried for GETs', async () => {
    const { provider, logs } = makeProvider(sb, 'sender');
    sb.addFaults({ kind: 'reset', times: 1 });
    assert.equal((await provider.listSubscribers(1)).items.length, 25);
    assert.equal(logs.length, 2);

    const dead = createProvider({ kind: 'sender', baseUrl: 'http://127.0.0.1:9/v2/', token: TOKENS.sender, retry: { baseDelayMs: 5 } });
    const e = await rejection(dead.listSubscribers(1));
    assert.ok(e instanceof NetworkError);
    assert.match(e.message, /Could not reach 127\.0\.0\.1:9 \(ECONNREFUSED\)/);
    assert.equal((e as NetworkError).neverSent, true, 'refused at connect: nothing was sent');
  });

  it('a reset after the request went out may have been applied: not "never sent"', async () => {
    const { provider } = makeProvider(sb, 'sendportal');
    sb.addFaults({ kind: 'reset', times: 1, method: 'POST' });
    const e = await rejection(provider.addSubscriber({ email: 'reset@example.com' }));
    assert.ok(e instanceof NetworkError, String(e));
    assert.equal((e as NetworkError).neverSent, false);
  });

  it('never puts the token in an error message, even when the server echoes it', async () => {
    const token = TOKENS.sender;
    const { provider } = makeProvider(sb, 'sender');
    const e = await rejection(provider.getSubscriber(token));
    assert.ok(e instanceof NotFoundError);
    assert.ok(!e.message.includes(token), e.message);
  });
});

function createWrongPath(sb: Sandbox) {
  return makeProvider(sb, 'sendportal', { baseUrl: `${sb.origin}/wrong` });
}
