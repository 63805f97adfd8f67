import * as assert from 'node:assert/strict';
import { refocus } from '../../../src/webview/cardPage';
import { tipAt } from '../../../src/webview/insightsPage';
import { frameDoc, nextHtml } from '../../../src/webview/previewPage';
import { patchOf } from '../../../src/webview/patch';

describe("the pages' scripts (src/webview): what they decide, without a browser", () => {
  it('a card drawn again keeps the focus on the same action, or on what took its place', () => {
    assert.equal(refocus(['a', 'unsubscribe', 'c'], 1, ['a', 'c', 'unsubscribe']), 2, 'the same action, moved');
    assert.equal(refocus(['a', 'unsubscribe', 'c'], 1, ['a', 'resubscribe', 'c']), 1, 'what took its place');
    assert.equal(refocus(['a', 'b', 'c'], 2, ['a']), 0, 'the last there is');
    assert.equal(refocus(['a', 'b'], -1, ['a', 'b']), -1, 'nothing had the focus');
    assert.equal(refocus(['a'], 0, []), -1, 'nothing to focus');
  });

  it('Dark darkens the email in its head, or before it when it has none; Narrow alone changes nothing of it', () => {
    const mail = '<!DOCTYPE html><html><head lang="en"><title>x</title></head><body>Hi</body></html>';
    assert.equal(frameDoc(mail, { narrow: true, dark: false }), mail);
    const dark = frameDoc(mail, { narrow: false, dark: true });
    assert.match(dark, /^<!DOCTYPE html><html><head lang="en"><style>html\{filter:invert\(1\)[^<]*<\/style><title>x<\/title>/);
    assert.match(frameDoc('<p>Hi</p>', { narrow: false, dark: true }), /^<style>html\{filter:invert\(1\).*<\/style><p>Hi<\/p>$/);
    assert.doesNotMatch(frameDoc('<header>x</header>', { narrow: false, dark: true }), /<header><style>/, 'a <header> is not the head');
  });

  it('a live preview applies a patch to the version it holds, asks for the whole when out of step, and ignores what is not its', () => {
    const v1 = { html: '<p>Hello</p>', version: 1 };
    const v2 = { html: '<p>Hello, world</p>', version: 2 };
    assert.deepEqual(nextHtml(undefined, { type: 'content', html: v1.html, version: 1 }), v1);
    assert.deepEqual(nextHtml(v1, patchOf(v1, v2)), v2);
    assert.equal(nextHtml({ ...v1, version: 7 }, patchOf(v1, v2)), 'resync', 'another version held');
    assert.equal(nextHtml(undefined, patchOf(v1, v2)), 'resync', 'nothing held yet');
    assert.equal(nextHtml(v1, { ...patchOf(v1, v2), end: 99 }), 'resync', 'a patch past the end');
    for (const m of [null, 'x', { type: 'render', body: '<p>' }, { type: 'content', html: 3, version: 1 }, { type: 'content', html: 'x' }]) assert.equal(nextHtml(v1, m), undefined, JSON.stringify(m));
  });

  it("a point's tooltip goes above it and never past the window's right edge", () => {
    assert.deepEqual(tipAt({ left: 100, top: 200 }, { x: 0, y: 50 }, 1000), { left: 100, top: 216 });
    assert.deepEqual(tipAt({ left: 900, top: 200 }, { x: 0, y: 0 }, 1000), { left: 740, top: 166 });
    assert.deepEqual(tipAt({ left: 100, top: 10 }, { x: 30, y: 0 }, 1000), { left: 130, top: -24 });
  });
});
