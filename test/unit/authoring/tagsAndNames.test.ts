/** The merge-tag check of a newsletter's body, and the "did you mean" every check shares, through validate(). */
import * as assert from 'node:assert/strict';
import { mergeTags } from '../../../src/authoring/fields';
import { parseFrontMatter } from '../../../src/authoring/frontMatter';
import { type Known, validate } from '../../../src/authoring/validate';

const known = (service: 'sender' | 'sendportal', more: Partial<Known> = {}): Known => ({
  service,
  serviceName: service === 'sender' ? 'Sender' : 'SendPortal',
  connectionNames: ['C'],
  now: Date.UTC(2026, 11, 7, 12),
  ...more,
});
const file = (service: 'sender' | 'sendportal', body: string, audience = service === 'sender' ? '[News]' : 'everyone') =>
  `---\nconnection: C\nsubject: Hello\nfrom_name: A\nfrom_email: a@example.com\naudience: ${audience}\n---\n${body}`;
const check = (service: 'sender' | 'sendportal', body: string, more: Partial<Known> = {}, audience?: string) => {
  const text = file(service, body, audience);
  return validate(text, parseFrontMatter(text)!, known(service, { lists: [{ name: 'News', kind: 'group' }], ...more }));
};
const tags = (service: 'sender' | 'sendportal', body: string) =>
  check(service, body)
    .filter((p) => p.code === 'unknown-tag' || p.code === 'malformed-tag')
    .map((p) => ({ code: p.code, line: p.span.line, start: p.span.start, end: p.span.end, message: p.message }));

describe('merge tags in the body', () => {
  it("says whose form a tag is in: the other service's", () => {
    const [sp] = tags('sender', 'Hi {{first_name}}');
    assert.match(sp.message, /does not fill \{\{first_name\}\} \(that is how SendPortal writes it\)/);
    const [sender] = tags('sendportal', 'Hi {{ firstname }}');
    assert.match(sender.message, /does not fill \{\{ firstname \}\} \(that is how Sender writes it\)/);
  });

  it('leaves a template\'s {{content}} alone, however it is spaced or cased', () => {
    assert.deepEqual(tags('sendportal', '{{content}} and {{ Content }}'), []);
  });

  it('reads a tag at the very end of a file with no newline whole, where it stands', () => {
    const [t] = tags('sendportal', 'line one\nHi {{ firstname }}');
    assert.deepEqual([t.code, t.line, t.start, t.end], ['unknown-tag', 8, 3, 18]);
  });

  it('tells each malformed form from a well-formed one', () => {
    const body = ['{$firstname$}', '{{ name }', 'Hi }}', '{{ name', '{$firstname}}', '{$a.b}', '{$x}'].join('\n');
    const found = tags('sender', body).map((t) => `${t.code} ${t.line}:${t.start}`);
    assert.deepEqual(found, [
      'malformed-tag 7:0',
      'malformed-tag 8:0',
      'malformed-tag 9:3',
      'malformed-tag 10:0',
      'unknown-tag 11:0',
      'unknown-tag 12:0',
      'unknown-tag 13:0',
    ]);
  });

  it('reads the first 100,000 lines of a body for tags, not one more', () => {
    const body = `${'\n'.repeat(99_999)}{{ nope }}\n{{ also_nope }}`;
    const found = tags('sendportal', body).map((t) => t.message.slice(0, 40));
    assert.equal(found.length, 1, found.join(' / '));
    assert.match(found[0], /nope/);
  });
});

describe('"did you mean", as every check says it', () => {
  const meant = (name: string, lists: string[]) =>
    check('sender', 'Hi', { lists: lists.map((n) => ({ name: n, kind: 'group' })) }, `[${JSON.stringify(name)}]`).find((p) => p.code === 'unknown-list')?.fix?.text;

  it('offers a name up to three edits away, not four, letters counted at the start too', () => {
    assert.equal(meant('Nwes', ['News', 'Other']), 'News');
    assert.equal(meant('abcdNews', ['News']), undefined, 'four letters in front of it: four edits');
    assert.equal(meant('abcNews', ['News']), 'News', 'three letters in front of it: three edits');
    assert.equal(meant('News', ['the News']), undefined, 'four letters in front: four edits');
    assert.equal(meant('News', ['x News']), 'x News');
  });

  it('compares no name longer than 60, and looks among the first 500', () => {
    const long = 'n'.repeat(60);
    assert.equal(meant(long.slice(1), [long]), long, 'a name of 60 is compared');
    assert.equal(meant(long, [`${long}x`]), undefined, 'a name of 61 is not');
    assert.equal(meant(`${long}x`, [`${long}y`]), undefined, 'nor is a word of 61');
    const many = Array.from({ length: 500 }, (_, i) => `List number ${i}`);
    assert.equal(meant('Nwes', [...many, 'News']), undefined, 'the 501st name');
    assert.equal(meant('Nwes', [...many.slice(1), 'News']), 'News', 'the 500th name');
  });
});

describe('the merge tags offered', () => {
  it("Sender: its own, then each custom field's key as a body tag, once, described as a custom field", () => {
    const own = mergeTags('sender').map((t) => t.tag);
    assert.ok(own.includes('{{ firstname }}'));
    const all = mergeTags('sender', ['{$plan}', '{$firstname}', '{$city}']);
    assert.deepEqual(all.slice(0, own.length).map((t) => t.tag), own);
    assert.deepEqual(all.slice(own.length), [
      { tag: '{{ plan }}', description: 'A custom field of this Sender account.' },
      { tag: '{{ city }}', description: 'A custom field of this Sender account.' },
    ]);
    assert.deepEqual(mergeTags('sender', ['{$a$}']).at(-1)?.tag, '{{ a$ }}', 'only the braces around the key are taken off');
    assert.deepEqual(mergeTags('sender', ['x{$b}y']).at(-1)?.tag, '{{ x{$b}y }}');
  });
  it('SendPortal: its own tags, whatever custom fields are given', () => {
    assert.deepEqual(mergeTags('sendportal', ['{$plan}']), mergeTags('sendportal'));
    assert.ok(mergeTags('sendportal').some((t) => t.tag === '{{email}}' || t.tag === '{{ email }}'));
  });
});
