import * as assert from 'node:assert/strict';
import { Session } from '../../../src/connections/session';
import { TOKENS } from '../../../test/sandbox/server';
import { useSandbox } from '../../../test/support/providers';

describe('a session: token state from responses, and where the token may go', () => {
  const sandbox = useSandbox();
  beforeEach(() => sandbox.get().reset());

  const profile = () => ({ id: 'c1', label: 'SP', provider: 'sendportal' as const, baseUrl: sandbox.get().origin });
  const bound = (token: string, origin = sandbox.get().origin, tokenInQuery = false) => ({ token, origin, tokenInQuery });

  it('is missing without a token, unchecked with one, valid after a 2xx, invalid after a 401', async () => {
    assert.equal(new Session(profile(), undefined).tokenState, 'missing');
    const s = new Session(profile(), bound(TOKENS.sendportal));
    const changes: string[] = [];
    s.onDidChange((c) => changes.push(c));
    assert.equal(s.tokenState, 'unchecked');
    await s.provider().listSubscribers(1);
    assert.equal(s.tokenState, 'valid');
    assert.deepEqual(changes, ['tokenState', 'response']);

    const expired = new Session(profile(), bound(TOKENS.sendportalExpired));
    await assert.rejects(expired.provider().listSubscribers(1));
    assert.equal(expired.tokenState, 'invalid');
  });

  it('learns nothing about its token from an anonymous call or a candidate check', async () => {
    const s = new Session(profile(), bound(TOKENS.sendportal));
    await s.candidate(TOKENS.sendportalExpired).checkHealth();
    assert.equal(s.tokenState, 'unchecked', 'a refused candidate marked the saved token invalid');
    const none = new Session(profile(), undefined);
    await none.provider().checkHealth(); // /ping, anonymous
    assert.equal(none.tokenState, 'missing');
  });

  it('ignores answers to a token that was replaced while they were on their way', async () => {
    const s = new Session(profile(), bound(TOKENS.sendportalExpired));
    sandbox.get().addFaults({ kind: 'latency', ms: 200 });
    const late = s.provider().listSubscribers(1).catch(() => undefined);
    s.setToken(bound(TOKENS.sendportal), true);
    await late;
    assert.equal(s.tokenState, 'valid', 'the old token’s 401 marked the new one invalid');
  });

  it('sends nothing when the profile now points at another origin or token mode than the token was saved for', async () => {
    const sb = sandbox.get();
    for (const stored of [bound(TOKENS.sendportal, 'https://newsletter.example.com'), bound(TOKENS.sendportal, sb.origin, true)]) {
      const s = new Session(profile(), stored);
      assert.equal(s.tokenState, 'moved');
      assert.equal(s.host, `127.0.0.1:${sb.port}`);
      const before = sb.seen.length;
      await assert.rejects(s.provider().listSubscribers(1), /401|refused/);
      const sent = sb.seen.slice(before);
      assert.ok(sent.every((r) => !r.headers.authorization && !r.url.includes('api_token')), 'the token was sent');
    }
  });
});
