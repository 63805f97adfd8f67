/** The front matter reader at the edges StrykerJS found untested: quotes, comments, limits, line ends. */
import * as assert from 'node:assert/strict';
import { itemsOf, parseFrontMatter, textOf, yamlValue } from '../../../src/authoring/frontMatter';

const fm = (body: string) => parseFrontMatter(`---\n${body}\n---\n`)!;

describe('front matter, the edges of each rule', () => {
  it('a value is unquoted only when the same quote opens and closes it', () => {
    const f = fm(`a: "x'\nb: 'x"\nc: "x\nd: x"\ne: ''\nf: "a\\\\b \\"q\\""\ng: 'it''s'\nh: "'"`);
    assert.deepEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((k) => textOf(f, k)), [`"x'`, `'x"`, '"x', 'x"', '', 'a\\b "q"', "it's", "'"]);
  });

  it('a comment starts at a # after a space or at the start of the value, never inside quotes', () => {
    const f = fm(`a: #all of it\nb: one #two\nc: one#two\nd: 'x # y' # z\ne: "it's # here" # gone\nf: a 'b # c`);
    assert.deepEqual(['a', 'b', 'c', 'd', 'e', 'f'].map((k) => textOf(f, k)), ['', 'one', 'one#two', 'x # y', "it's # here", "a 'b # c"]);
    assert.deepEqual(fm('# a comment line\nsubject: S').problems, [], 'a whole-line comment is no problem');
  });

  it('starts only at a first line of ---, spaces around it allowed; CRLF lines lose their \\r', () => {
    assert.equal(parseFrontMatter('x---\nsubject: S\n---\n'), undefined);
    assert.equal(parseFrontMatter('--- x\nsubject: S\n---\n'), undefined);
    assert.equal(parseFrontMatter('\n---\nsubject: S\n---\n'), undefined, 'a blank line first');
    const crlf = parseFrontMatter('  ---  \r\nsubject: Hello\r\naudience:\r\n  - One\r\n---\r\nBody')!;
    assert.deepEqual([textOf(crlf, 'subject'), itemsOf(crlf, 'audience'), crlf.endLine, crlf.bodyLine], ['Hello', ['One'], 4, 5]);
    assert.equal(crlf.fields.get('audience')!.itemSpans![0].end, 7, 'the item ends before its \\r');
  });

  it('unclosed: said on the first line, with how far it read when it stopped at 500 lines', () => {
    const short = parseFrontMatter('---\nsubject: S\n')!;
    assert.deepEqual(short.problems.map((p) => [p.span, p.message]), [[{ line: 0, start: 0, end: 3 }, 'The front matter has no closing "---" line.']]);
    assert.equal(textOf(short, 'subject'), 'S');
    const long = parseFrontMatter(`---\n${Array.from({ length: 600 }, (_, i) => `k${i}: v`).join('\n')}\n---\n`)!;
    assert.equal(long.problems.at(-1)!.message, 'The front matter has no closing "---" within its first 500 lines: the rest is not read.');
    assert.equal(long.fields.size, 500);
    assert.equal(parseFrontMatter(`---\n${Array.from({ length: 498 }, (_, i) => `k${i}: v`).join('\n')}\n`)!.problems[0].message, 'The front matter has no closing "---" line.');
  });

  it('at most 100 problems; a key given twice keeps its first value', () => {
    const f = fm(Array.from({ length: 150 }, () => 'not a field').join('\n'));
    assert.equal(f.problems.length, 100);
    const twice = fm('subject: first\nsubject: second');
    assert.deepEqual([textOf(twice, 'subject'), twice.problems.map((p) => p.message)], ['first', ['"subject" is given twice: the first one counts.']]);
    const many = fm(Array.from({ length: 120 }, () => 'subject: again').join('\n'));
    assert.equal(many.problems.length, 100);
  });

  it('a list in brackets only when both are there; an empty key starts a block list; textOf takes its first item', () => {
    const f = fm('a: [x, y\nb: x, y]\nc: [x, y]\nd:\n  - first\n  - second');
    assert.deepEqual([textOf(f, 'a'), textOf(f, 'b'), itemsOf(f, 'c'), textOf(f, 'd'), itemsOf(f, 'd')], ['[x, y', 'x, y]', ['x', 'y'], 'first', ['first', 'second']]);
    assert.deepEqual(itemsOf(f, 'b'), ['x', 'y]'], 'a text value splits at its commas');
    assert.deepEqual([textOf(f, 'none'), itemsOf(f, 'none')], ['', []]);
  });

  it('yamlValue quotes what would not read back as itself', () => {
    for (const plain of ['Customers', 'news@example.com', 'a.b-c/d <e>+f']) assert.equal(yamlValue(plain), plain);
    for (const [v, q] of [[' lead', '" lead"'], ['trail ', '"trail "'], ['-dash', '"-dash"'], ['?q', '"?q"'], ['a: b', '"a: b"'], ['say "hi"', '"say \\"hi\\""'], ['#x', '"#x"']]) {
      assert.equal(yamlValue(v), q, v);
    }
  });
});
