import * as assert from 'node:assert/strict';
import { ConfigError } from '../../../src/api/errors';
import { normalizeToken, redact, tokenProblem } from '../../../src/api/token';

describe('a pasted token', () => {
  it('is trimmed; one that cannot be right is refused before it is sent, saying why, with Set API Token as the fix', () => {
    assert.equal(normalizeToken('  abcdefgh\n'), 'abcdefgh');
    for (const [raw, why] of [
      ['   ', 'The API token is empty.'],
      ['abcd efgh', 'The API token contains spaces or line breaks inside it; copy it again in one piece.'],
      ['abcd\u00e9fgh', 'The API token contains characters that cannot be part of a token; copy it again.'],
      ['abcdefg', 'The API token is too short to be valid.'],
    ]) {
      assert.throws(
        () => normalizeToken(raw),
        (e: unknown) => e instanceof ConfigError && e.message === why && e.action === 'setToken',
        raw,
      );
      assert.equal(tokenProblem(raw.trim()), why);
    }
    assert.equal(tokenProblem('abcdefgh'), undefined, 'eight characters is enough');
    assert.equal(tokenProblem('!~' + 'x'.repeat(6)), undefined, 'every printable ASCII character may be in one');
  });

  it('is redacted wherever it appears, in any case, as a query parameter or a bearer header; secrets under 4 characters are not', () => {
    assert.equal(redact('echo s3cr3tToken and S3CR3TTOKEN', 's3cr3tToken'), 'echo ••• and •••');
    assert.equal(redact('a.b*c a.b*c axb*c', 'a.b*c'), '••• ••• axb*c', 'the token is text, not a pattern');
    assert.equal(redact('abcd abc', 'abcd', 'abc', undefined), '••• abc');
    assert.equal(
      redact('GET /x?api_token=zzz&page=2 "Authorization: Bearer  qqq"'),
      'GET /x?api_token=•••&page=2 "Authorization: Bearer  •••"',
    );
  });
});
