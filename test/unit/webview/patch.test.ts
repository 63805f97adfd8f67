import * as assert from 'node:assert/strict';
import { applyPatch, patchOf } from '../../../src/webview/patch';

const apply = (html: string, p: ReturnType<typeof patchOf>) => applyPatch({ html, version: p.base }, p)?.html;

describe("the live preview's patches: only what changed goes to the page", () => {
  it('a keystroke in a long email is a patch of that keystroke', () => {
    const before = `<html><body>${'<p style="margin:0 0 16px;font:16px/1.5 sans-serif">A paragraph.</p>'.repeat(3000)}</body></html>`;
    const at = before.indexOf('A paragraph.', 100_000);
    const after = `${before.slice(0, at)}X${before.slice(at)}`;
    const p = patchOf({ html: before, version: 4 }, { html: after, version: 5 });
    assert.deepEqual([p.base, p.version, p.text], [4, 5, 'X']);
    assert.equal(apply(before, p), after);
    assert.ok(JSON.stringify(p).length < 120, `${JSON.stringify(p).length} bytes`);
  });

  it('applied to what the page holds, every patch gives the new HTML, whatever repeats at the seam', () => {
    const pairs: [string, string][] = [['aaa', 'aa'], ['aa', 'aaa'], ['', 'abc'], ['abc', ''], ['abcabc', 'abc'], ['x<p>a</p>', 'x<p>a</p><p>a</p>'], ['same', 'same'], ['ab', 'ba']];
    for (const [a, b] of pairs) {
      const p = patchOf({ html: a, version: 1 }, { html: b, version: 2 });
      assert.equal(apply(a, p), b, `${a} → ${b}`);
      assert.ok(p.start <= p.end && p.end <= a.length, `${a} → ${b}: ${p.start}..${p.end}`);
    }
    assert.equal(patchOf({ html: 'same', version: 1 }, { html: 'same', version: 2 }).text, '');
  });
});
