import * as assert from 'node:assert/strict';
import { describeRemoved, sanitizeHtml } from '../../../src/authoring/sanitizeHtml';
import { emailHtml } from '../../../src/authoring/emailHtml';
import { HOSTILE_HTML } from '../../support/hostileHtml';

describe('the one HTML cleaner (what is previewed and what is sent)', () => {
  for (const h of HOSTILE_HTML) {
    it(`takes out ${h.name}, and says so`, () => {
      const { html, removed } = sanitizeHtml(`<p>before</p>${h.html}<p>after</p>`);
      assert.doesNotMatch(html, h.marker, html);
      assert.match(html, /<p>before<\/p>[\s\S]*<p>after<\/p>/, 'the rest stays');
      if (!h.inert) assert.ok(describeRemoved(removed).length > 0, 'the person is told what went');
    });
  }

  it('every classic form is gone from the email a draft sends, too (emailHtml runs it)', () => {
    // Together (the inert one holds the others' words as text: checked on its own above).
    const forms = HOSTILE_HTML.filter((h) => !h.inert);
    const sent = emailHtml(forms.map((h) => h.html).join('\n'), { title: 't' });
    for (const h of forms) assert.doesNotMatch(sent.replace(/<meta charset="utf-8"><meta name="viewport"[^>]*>/, ''), h.marker, h.name);
  });

  it('keeps what an email is made of: tables, styles, images, links, merge tags in links', () => {
    const mail = [
      '<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>T &amp; C</title>',
      '<style>p { color: #333 }</style></head><body style="margin:0">',
      '<table role="presentation" width="600" cellpadding="0"><tr><td align="center" bgcolor="#fff">',
      '<img src="https://cdn.example/logo.png" alt="Logo" width="120"><img src="data:image/png;base64,iVBORw0KGgo=" alt="">',
      '<a href="{{unsubscribe_url}}">Unsubscribe</a> <a href="{{ unsubscribe_link }}">Leave</a> <a href="mailto:a@b.c">Mail</a>',
      '<p>5 &lt; 6 &amp; 7 &gt; 3</p></td></tr></table></body></html>',
    ].join('');
    const { html, removed } = sanitizeHtml(mail);
    assert.equal(html, mail.replace('<p>5 &lt; 6 &amp; 7 &gt; 3</p>', '<p>5 &lt; 6 &amp; 7 &gt; 3</p>'));
    assert.deepEqual(describeRemoved(removed), []);
  });

  it("leaves VS Code's renderer's marks in the editor, silently", () => {
    const rendered = '<span id="markdown-mermaid" aria-hidden="true" data-config="{&quot;theme&quot;:&quot;dark&quot;}"></span>'
      + '<h1 data-line="0" class="code-line" dir="auto" id="hello">Hello</h1><p data-line="2" class="code-line note" dir="auto"><a href="https://x.example" data-href="https://x.example">x</a></p>';
    const { html, removed } = sanitizeHtml(rendered);
    assert.equal(html, '<h1 id="hello">Hello</h1><p class="note"><a href="https://x.example">x</a></p>');
    assert.deepEqual(describeRemoved(removed), []);
  });

  it('writes attributes out again escaped, so a value cannot end its quote', () => {
    const { html } = sanitizeHtml(`<p title='a"b<c>'>x</p><img alt=x"y src=https://a.example/i.png>`);
    assert.equal(html, '<p title="a&quot;b&lt;c&gt;">x</p><img alt="x&quot;y" src="https://a.example/i.png">');
  });

  it('a merge tag followed by a script URL is not a safe link (an empty tag would leave the script)', () => {
    assert.doesNotMatch(sanitizeHtml('<a href="{{x}}javascript:alert(1)">x</a>').html, /javascript/);
    assert.doesNotMatch(sanitizeHtml('<a href="{{x}}java&#x0A;script:alert(1)">x</a>').html, /script:/);
  });

  it('text that only looks like a tag stays text', () => {
    assert.equal(sanitizeHtml('a < b and 1<2 <3').html, 'a &lt; b and 1&lt;2 &lt;3');
  });

  it('an unclosed script or comment takes the rest with it rather than letting it through', () => {
    assert.equal(sanitizeHtml('<p>x</p><script>alert(1)').html, '<p>x</p>');
    assert.equal(sanitizeHtml('<p>x</p><!-- <script>alert(1)</script>').html, '<p>x</p>');
  });
});
