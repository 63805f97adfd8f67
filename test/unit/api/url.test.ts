import * as assert from 'node:assert/strict';
import { ConfigError } from '../../../src/api/errors';
import { checkBaseUrl, sendPortalApiBase } from '../../../src/api/url';

/** The message a URL is refused with, or undefined when it is taken. */
const refusal = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e.message;
  }
};

describe('a connection URL', () => {
  it('takes https anywhere and plain http only to this machine, each loopback form', () => {
    for (const u of ['http://localhost:8080', 'http://LOCALHOST', 'http://127.0.0.1', 'http://127.10.200.30:9', 'http://[::1]:3000']) {
      assert.equal(
        refusal(() => checkBaseUrl(u)),
        undefined,
        u,
      );
    }
    assert.equal(checkBaseUrl('https://api.sender.net/v2').href, 'https://api.sender.net/v2/');
    for (const host of ['newsletter.example.com', '127.0.0.1.example.com', '10.0.0.1', '128.0.0.1']) {
      assert.equal(
        refusal(() => checkBaseUrl(`http://${host}/`)),
        `Refusing http:// to ${host}: the token would travel unencrypted. Use https:// (plain http is allowed only for localhost).`,
      );
    }
  });

  it('refuses what is not a URL, another scheme, and a token or password in the URL', () => {
    assert.equal(
      refusal(() => checkBaseUrl('newsletter.example.com')),
      '"newsletter.example.com" is not a URL. Enter one such as https://newsletter.example.com.',
    );
    assert.equal(
      refusal(() => checkBaseUrl('ftp://example.com')),
      'The URL must start with https:// (got ftp:).',
    );
    for (const u of ['https://token@example.com', 'https://:secret@example.com', 'https://user:secret@example.com']) {
      assert.equal(
        refusal(() => checkBaseUrl(u)),
        'Put the token in Set API Token, not in the URL.',
        u,
      );
    }
  });

  it('keeps its path, ending in one slash, and drops a query and a fragment', () => {
    assert.equal(checkBaseUrl('https://h.example/sp?x=1#top').href, 'https://h.example/sp/');
    assert.equal(checkBaseUrl('https://h.example/sp/').href, 'https://h.example/sp/');
    // Spaces a paste brings, the no-break kind included (the URL parser trims only ASCII ones).
    assert.equal(checkBaseUrl('\u00a0 https://h.example \u00a0').href, 'https://h.example/');
  });

  it('SendPortal: the API root from whatever was pasted; an empty one says what to enter', () => {
    assert.equal(sendPortalApiBase('https://h.example/api/v1//').href, 'https://h.example/api/v1/');
    assert.equal(sendPortalApiBase('https://h.example/api/sendportal').href, 'https://h.example/api/sendportal/api/v1/');
    for (const empty of ['', '  \u00a0']) {
      assert.equal(
        refusal(() => sendPortalApiBase(empty)),
        'A SendPortal connection needs the URL of your SendPortal, such as https://newsletter.example.com.',
      );
    }
  });
});
