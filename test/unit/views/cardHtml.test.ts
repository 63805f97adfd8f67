import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CARD_ICONS, cardHtml, escapeHtml, previewHtml } from '../../../src/views/cardHtml';

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</script><script>alert(1)</script>',
  '`${alert(1)}`',
  '<iframe src="javascript:alert(1)">',
];
const o = { nonce: 'n0nce-abc', cspSource: 'https://webview.example' };

/** Every <script> element of a page, with its attributes. */
const scripts = (html: string) => [...html.matchAll(/<script\b([^>]*)>/gi)].map((m) => m[1]);

describe('webview pages', () => {
  it('a card escapes every server string and runs only its own script, with the nonce', () => {
    for (const evil of HOSTILE) {
      const html = cardHtml(
        { title: evil, subtitle: evil, badge: evil, sections: [{ title: evil, fields: [{ label: evil, value: evil }] }], actions: [{ id: `button:${evil}`, label: evil }] },
        o,
      );
      assert.deepEqual(scripts(html), [' nonce="n0nce-abc"'], evil);
      assert.ok(!html.includes(evil), `unescaped: ${evil}`);
      assert.ok(!/<(img|svg|iframe)\b/i.test(html), evil);
    }
  });
  it("a field's small bar: its own share and the reference tick, scaled together, hidden from screen readers", () => {
    const html = cardHtml({ title: 't', sections: [{ title: 'Figures', fields: [{ label: 'Open rate', value: '40%', bar: { value: 0.4, reference: 0.2 } }, { label: 'Sent', value: '3' }] }], actions: [] }, o);
    const bars = [...html.matchAll(/<svg class="bar"[^>]*aria-hidden="true">(.*?)<\/svg>/g)];
    assert.equal(bars.length, 1, 'a bar only where the field has one');
    assert.match(bars[0][1], /class="bar-own"/);
    assert.match(bars[0][1], /<rect x="0" y="2" width="80\.0" height="6" class="bar-own"\/><rect x="40\.0" y="0"/, 'own 0.4 and the median 0.2 on one scale (max × 1.25)');
  });
  it("a card's report table escapes every server string, and its tabs, people and next page carry only ids", () => {
    for (const evil of HOSTILE) {
      const table = {
        title: 'Report',
        tabs: [{ label: 'Opened (2)', selected: true, action: 'tab:Opened (2)' }, { label: 'Clicked', selected: false, action: 'tab:Clicked' }],
        columns: ['Email', 'Name', 'Link'],
        rows: [{ cells: [evil, evil, evil], action: `row:${evil}` }, { cells: ['b@example.com', '', ''] }],
        note: evil,
        more: { label: 'Load More (1 of 2)', action: 'more' },
      };
      const html = cardHtml({ title: 't', sections: [], actions: [{ id: 'button:Preview', label: 'Preview' }], table }, o);
      assert.deepEqual(scripts(html), [' nonce="n0nce-abc"'], evil);
      assert.ok(!html.includes(evil), `unescaped: ${evil}`);
      assert.ok(!/<(img|svg|iframe)\b/i.test(html), evil);
      assert.ok(html.includes('<button aria-pressed="true" data-action="tab:Opened (2)">Opened (2)</button>'));
      assert.ok(html.includes(`<td><a href="#" data-action="${escapeHtml(`row:${evil}`)}">${escapeHtml(evil)}</a></td>`), 'a person is their link');
      assert.ok(html.includes('<td>b@example.com</td>'), 'a row without an action is no link');
      assert.ok(html.includes('<button data-action="more">Load More (1 of 2)</button>'));
      assert.deepEqual([...html.matchAll(/data-action="([^"]*)"/g)].map((m) => m[1]), ['button:Preview', 'tab:Opened (2)', 'tab:Clicked', escapeHtml(`row:${evil}`), 'more']);
    }
  });
  it("buttons carry the build's codicons inline, and nothing for a name it did not copy", () => {
    const icons = JSON.parse(readFileSync('dist/codicons.json', 'utf8')) as Record<string, string>;
    for (const name of CARD_ICONS) assert.match(icons[name] ?? '', /^<svg viewBox="[\d .]+" aria-hidden="true"><path [^<]*\/>(<path [^<]*\/>)*<\/svg>$/, name);
    const html = cardHtml({ title: 't', sections: [], actions: [{ id: 'button:Edit', label: 'Edit', icon: 'edit' }, { id: 'button:Other', label: 'Other' }] }, { ...o, icons });
    assert.ok(html.includes(`<button data-action="button:Edit" class="primary">${icons.edit}Edit</button>`));
    assert.ok(html.includes('<button data-action="button:Other">Other</button>'));
    assert.equal(scripts(html).length, 1, 'an icon brought a script');
  });
  it('a card has a strict policy: nothing by default, scripts by nonce only', () => {
    const html = cardHtml({ title: 't', sections: [], actions: [] }, o);
    const policy = html.match(/Content-Security-Policy" content="([^"]+)"/)![1].replace(/&#39;/g, "'");
    assert.match(policy, /default-src 'none'/);
    assert.match(policy, /script-src 'nonce-n0nce-abc'/);
    assert.doesNotMatch(policy, /unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  });
  it('a preview page holds no campaign HTML: a sandboxed frame that may not run scripts, filled by the page by message', () => {
    const evil = '<b>T</b>"><script>alert(1)</script>';
    const html = previewHtml({ title: evil, blocked: evil, loadImages: evil, plainText: evil, html: evil }, o, false, { narrow: evil, dark: evil, pickPerson: evil, filledFor: evil });
    assert.deepEqual(scripts(html), [' nonce="n0nce-abc"'], 'a script other than the page\'s own');
    const frame = html.match(/<iframe ([^>]+)>/)![1];
    assert.match(frame, /sandbox="allow-same-origin"/);
    assert.doesNotMatch(frame, /allow-scripts|allow-forms|allow-top-navigation|allow-popups/);
    assert.doesNotMatch(frame, /srcdoc/);
    assert.ok(!html.includes(evil), 'a label unescaped');
    assert.ok(html.includes(`data-html="${escapeHtml(evil)}"`), "the toggle's other label, escaped in an attribute");
  });
  it("a page's script is its bundle from src/webview, and nothing in it can end its element", () => {
    const page = (html: string) => html.match(/<script nonce="[^"]+">([\s\S]*)<\/script><\/body>/)![1];
    const card = page(cardHtml({ title: 't', sections: [], actions: [] }, o));
    const preview = page(previewHtml({ title: 't', blocked: 'b', loadImages: 'L', plainText: 'P', html: 'H' }, o, false));
    for (const [name, code] of [['card', card], ['preview', preview]]) {
      assert.match(code, /acquireVsCodeApi\(\)/, `${name}: not the page's bundle`);
      assert.doesNotMatch(code, /<\/script|<!--/i, name);
    }
    assert.match(preview, /resync/, "the preview's script asks for the whole when out of step");
    assert.notEqual(card, preview);
  });
  it('remote images wait for the user: no remote source in the policy until Load Images', () => {
    const img = (load: boolean) => previewHtml({ title: 't', blocked: 'b', loadImages: 'L', plainText: 'P', html: 'H' }, o, load).match(/img-src ([^;]+);/)![1];
    assert.equal(img(false), 'data:');
    assert.match(img(true), /https: http:/);
  });
  it("the preview's policy names not even the webview's own origin (code-server's port proxy lives there)", () => {
    const html = previewHtml({ title: 't', blocked: 'b', loadImages: 'L', plainText: 'P', html: 'H' }, o, true);
    const policy = html.match(/Content-Security-Policy" content="([^"]+)"/)![1];
    assert.doesNotMatch(policy, /webview\.example|'self'/);
  });
});
