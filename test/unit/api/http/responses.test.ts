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

  it('takes a body for JSON by its type or by its first character, and nothing else', () => {
    assert.deepEqual(interpret(res(200, '  [1]', 'text/plain'), expect), [1], 'JSON sent under another type');
    assert.deepEqual(interpret(res(200, '{"a":1}', 'Application/JSON; charset=utf-8'), expect), { a: 1 });
    const noType = { status: 200, text: '{"a":1}', headers: { get: () => null } };
    assert.deepEqual(interpret(noType, expect), { a: 1 });
    // `null` and `5` are JSON, but not under an HTML type without a brace: a page that printed a word.
    for (const text of ['null', '5', 'x{"a":1}']) {
      assert.match(thrown(() => interpret(res(200, text, 'text/html'), expect)).message, /it sent text\/html that does not parse as JSON/, text);
    }
    assert.match(thrown(() => interpret({ ...noType, text: 'hello' }, expect)).message, /it sent no content type that does not parse as JSON/);
    assert.match(thrown(() => interpret(res(200, ' \n '), expect)).message, /: the body is empty\./);
    assert.deepEqual(interpret(res(201, '{"id":7}'), expect), { id: 7 });
  });

  it('a redirect is said as one, from 300 to 399; 400 and 299 are not redirects', () => {
    for (const status of [300, 302, 399]) {
      const e = thrown(() => interpret(res(status, '{}'), expect));
      assert.ok(e instanceof InvalidResponseError);
      assert.equal(e.message, `The server's answer is not the API's JSON: the server redirected (${status}) instead of answering. Check that the base URL points at the API.`);
    }
    assert.ok(thrown(() => interpret(res(400, '{}'), expect)) instanceof BadRequestError);
    assert.deepEqual(interpret(res(299, '{"ok":true}'), expect), { ok: true });
  });

  it('an unexpected status says it, with the server\'s message when there is one', () => {
    assert.match(thrown(() => interpret(res(418, '{"message":"I am a teapot"}'), expect)).message, /: unexpected status 418 \(I am a teapot\)\. Check/);
    assert.match(thrown(() => interpret(res(418, '{"message":"  "}'), expect)).message, /: unexpected status 418\. Check/);
    assert.match(thrown(() => interpret(res(418, ''), expect)).message, /: unexpected status 418\. Check/);
    assert.equal(thrown(() => interpret(res(500, ''), expect)).message, "The API server failed (500). This is on the server's side; try again later.");
  });

  it('a 404 names what was asked for, or the resource; a 401 gives the provider\'s advice', () => {
    assert.match(thrown(() => interpret(res(404, '{}'), { ...expect, what: 'Campaign 7' })).message, /^Campaign 7 was not found \(404\)/);
    assert.match(thrown(() => interpret(res(404, '{}'), expect)).message, /^The resource was not found \(404\)/);
    assert.match(thrown(() => interpret(res(401, '{}'), expect)).message, /expired\. Set a new token\.$/);
  });

  it('422: each field with its messages, a lone message taken as a list; no fields when errors is not an object', () => {
    const body = { message: 'The given data was invalid.', errors: { email: 'taken', tags: ['unknown', 3, 'too many'] } };
    const e = thrown(() => interpret(res(422, JSON.stringify(body)), expect)) as ValidationError;
    assert.deepEqual(e.fields, { email: ['taken'], tags: ['unknown', 'too many'] });
    for (const errors of ['oops', 7, null]) {
      const v = thrown(() => interpret(res(422, JSON.stringify({ message: 'Invalid.', errors })), expect)) as ValidationError;
      assert.deepEqual(v.fields, {}, JSON.stringify(errors));
      assert.equal(v.message, 'The API did not accept the data: Invalid.');
    }
    const page = thrown(() => interpret(res(422, '<html>', 'text/html'), expect)) as ValidationError;
    assert.deepEqual([page.fields, page.message], [{}, 'The API did not accept the data.']);
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, ['no']]));
    assert.equal(Object.keys((thrown(() => interpret(res(422, JSON.stringify({ errors: many })), expect)) as ValidationError).fields).length, 10);
  });
});
