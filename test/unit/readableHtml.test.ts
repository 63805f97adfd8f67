import * as assert from 'node:assert/strict';
import { LONG_LINE, readableHtml } from '../../src/authoring/readableHtml';

describe('readableHtml: a sent campaign laid out for reading', () => {
  const oneLine = `<html><body><table><tr><td><h1>Hello</h1><p>Some <b>bold</b> text</p></td></tr></table>${'<p>more</p>'.repeat(20)}</body></html>`;

  it('breaks one long line between block tags, and only there', () => {
    const out = readableHtml(oneLine);
    assert.ok(out.split('\n').every((l) => l.length <= LONG_LINE), out);
    assert.match(out, /^<html>\n<body>\n<table>\n<tr>\n<td>\n<h1>Hello<\/h1>\n<p>Some <b>bold<\/b> text<\/p>\n<\/td>/);
    assert.equal(out.replace(/\n/g, ''), oneLine, 'only breaks were added');
  });

  it('leaves HTML with short lines as it is', () => {
    const short = '<p>a</p><p>b</p>\n<div>c</div>';
    assert.equal(readableHtml(short), short);
    const atTheLimit = `<p>${'x'.repeat(LONG_LINE - 15)}</p><p>b</p>\n${'y'.repeat(LONG_LINE + 1)}`.split('\n')[0];
    assert.equal(atTheLimit.length, LONG_LINE);
    assert.equal(readableHtml(atTheLimit), atTheLimit, 'a line exactly as long as the limit is not long');
    const everyLine = `${atTheLimit}\n<p>${'z'.repeat(LONG_LINE)}</p><p>c</p>`;
    assert.notEqual(readableHtml(everyLine), everyLine, 'one long line among short ones is enough');
  });

  it('keeps text between inline tags and a blank between a tag and text', () => {
    const text = `<p>${'word '.repeat(60)}<a href="x">link</a> <span>after</span></p><div>x</div>`;
    const out = readableHtml(text);
    assert.match(out, /<a href="x">link<\/a> <span>after<\/span><\/p>\n<div>/);
  });

  it('a blank between two block tags becomes the break; a comment starts its own line', () => {
    const out = readableHtml(`${'x'.repeat(LONG_LINE)}<p>a</p>  <!-- note --><div>b</div>`);
    assert.match(out, /<p>a<\/p>\n<!-- note -->\n<div>b<\/div>$/);
  });
});
