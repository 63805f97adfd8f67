import * as assert from 'node:assert/strict';
import { ApiError, AuthError, BadRequestError, InvalidResponseError, NotFoundError, RateLimitedError, ServerError, ValidationError } from '../../../../src/api';
import { interpret } from '../../../../src/api/http/responses';

const TOKEN = 'secret-token-1234567890';
const res = (status: number, text: string, type = 'application/json') => ({
  status,
  text,
  headers: { get: (n: string) => (n.toLowerCase() === 'content-type' ? type : null) },
});
const expect = { authHint: 'Set a new token.', secrets: [TOKEN] };
const thrown = (f: () => unknown): ApiError => {
  try {
    f();
  } catch (e) {
    return e as ApiError;
  }
  assert.fail('expected an error');
};

describe('response interpretation', () => {
  it('returns JSON bodies, text when asked, nothing for 204', () => {
    assert.deepEqual(interpret(res(200, '{"data":[]}'), expect), { data: [] });
    assert.equal(interpret(res(200, 'ok', 'text/html'), { ...expect, text: true }), 'ok');
    assert.equal(interpret(res(204, ''), expect), undefined);
  });

  it('maps each status to its typed error', () => {
    const cases: [number, string, new (...a: never[]) => ApiError][] = [
      [400, '{"message":"bad limit"}', BadRequestError],
      [401, 'Unauthorized.', AuthError],
      [404, '{"message":""}', NotFoundError],
      [422, '{"errors":{"email":["nope"]}}', ValidationError],
      [429, '{"message":"Too Many Attempts."}', RateLimitedError],
      [503, '<html></html>', ServerError],
      [302, '', InvalidResponseError],
      [418, '{}', InvalidResponseError],
    ];
    for (const [status, body, type] of cases) assert.ok(thrown(() => interpret(res(status, body), expect)) instanceof type, String(status));
  });

  it('says what an HTML page or broken JSON was', () => {
    assert.match(thrown(() => interpret(res(200, '<!DOCTYPE html><html>', 'text/html'), expect)).message, /HTML page \(text\/html\)/);
    assert.match(thrown(() => interpret(res(200, '{"data": [', 'application/json'), expect)).message, /does not parse as JSON/);
  });

  it('server text is data: links broken, bidi and controls removed, the token redacted before the cut', () => {
    const link = '[Open](command:workbench.action.terminal.new) ![x](https://t.example/p.png)';
    const e = thrown(() => interpret(res(400, JSON.stringify({ message: link })), expect));
    assert.doesNotMatch(e.message, /\]\(|!\[/);
    const bidi = thrown(() => interpret(res(422, JSON.stringify({ errors: { email: ['\u202Emoc.rednes@nimda\u0007'] } })), expect));
    assert.doesNotMatch(bidi.message, /[\u202a-\u202e\u0000-\u001f]/);
    // The token straddles the 300-character cut: no part of it may survive.
    const straddle = thrown(() => interpret(res(400, JSON.stringify({ message: `${'x'.repeat(290)}${TOKEN}` })), expect));
    assert.ok(!straddle.message.includes(TOKEN.slice(0, 8)), straddle.message);
    const upper = thrown(() => interpret(res(400, JSON.stringify({ message: `echo ${TOKEN.toUpperCase()}` })), expect));
    assert.ok(!upper.message.toLowerCase().includes(TOKEN), 'a case-changed echo of the token survived');
  });

  it('caps 422 field messages however large the body', () => {
    const huge = 'm'.repeat(2_000_000);
    const e = thrown(() => interpret(res(422, JSON.stringify({ errors: { email: [huge, huge, huge, huge] } })), expect)) as ValidationError;
    assert.ok(e.message.length < 1000, `${e.message.length} characters`);
    assert.equal(e.fields.email.length, 3);
  });
});
