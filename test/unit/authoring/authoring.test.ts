import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cleanBody, emailHtml, fillTags, inlineStyles, intoTemplate } from '../../../src/authoring/emailHtml';
import { FIELDS } from '../../../src/authoring/fields';
import { itemsOf, parseFrontMatter, setField, textOf } from '../../../src/authoring/frontMatter';
import { type Known, parseSendAt, validate } from '../../../src/authoring/validate';

const FILE = `---
connection: Sandbox Sender
title: December digest   # shown in lists
subject: "What's new: December"
from_name: 'The Team'
from_email: news@example.com
audience: [Customers, "Beta, early"]
---
# Hello {{ firstname }}

Body text.
`;

const known = (over: Partial<Known> = {}): Known => ({
  service: 'sender', serviceName: 'Sender', connectionNames: ['Sandbox Sender'], lists: [{ name: 'Customers', kind: 'group' }, { name: 'Beta, early', kind: 'group' }],
  now: Date.parse('2026-12-01T00:00:00Z'), ...over,
});

const codes = (text: string, k = known()) => validate(text, parseFrontMatter(text)!, k).map((p) => p.code);

describe('newsletter files', () => {
  describe('front matter', () => {
    it('reads keys, quoted values, comments and inline lists, each where it stands', () => {
      const fm = parseFrontMatter(FILE)!;
      assert.equal(textOf(fm, 'title'), 'December digest');
      assert.equal(textOf(fm, 'subject'), "What's new: December");
      assert.equal(textOf(fm, 'from_name'), 'The Team');
      assert.deepEqual(itemsOf(fm, 'audience'), ['Customers', 'Beta, early']);
      const audience = fm.fields.get('audience')!;
      assert.equal(FILE.split('\n')[audience.keySpan.line].slice(audience.itemSpans![1].start, audience.itemSpans![1].end), '"Beta, early"');
      assert.equal(fm.endLine, 7);
      assert.equal(FILE.slice(fm.bodyOffset).split('\n')[0], '# Hello {{ firstname }}');
      assert.deepEqual(fm.problems, []);
    });

    it('reads block lists and a text value with commas as items', () => {
      const fm = parseFrontMatter('---\naudience:\n  - Customers\n  - "Beta"\nother: a, b\n---\n')!;
      assert.deepEqual(itemsOf(fm, 'audience'), ['Customers', 'Beta']);
      assert.deepEqual(itemsOf(fm, 'other'), ['a', 'b']);
      assert.equal(fm.fields.get('audience')!.itemSpans![1].line, 3);
    });

    it('is undefined without a leading ---, and says what is wrong with lines it cannot read', () => {
      assert.equal(parseFrontMatter('# Just Markdown\n'), undefined);
      const fm = parseFrontMatter('---\nsubject: A\nnot a field line\nsubject: B\n')!;
      assert.equal(textOf(fm, 'subject'), 'A');
      assert.deepEqual(fm.problems.map((p) => p.message), ['Not a "key: value" line.', '"subject" is given twice: the first one counts.', 'The front matter has no closing "---" line.']);
    });

    it('writes a value back: replaces its line, or adds one before the closing ---, keeping CRLF', () => {
      const text = '---\r\nsubject: A\r\n---\r\nBody\r\n';
      const fm = parseFrontMatter(text)!;
      const add = setField(text, fm, 'campaign', 'c1042');
      const added = text.slice(0, add.start) + add.text + text.slice(add.end);
      assert.equal(added, '---\r\nsubject: A\r\ncampaign: c1042\r\n---\r\nBody\r\n');
      const again = parseFrontMatter(added)!;
      const change = setField(added, again, 'campaign', 'needs: "quotes"');
      const changed = added.slice(0, change.start) + change.text + added.slice(change.end);
      assert.equal(textOf(parseFrontMatter(changed)!, 'campaign'), 'needs: "quotes"');
      assert.equal(changed.split('\r\n').length, added.split('\r\n').length);
    });
  });

  describe('diagnostics', () => {
    it('a complete file for Sender has none', () => {
      assert.deepEqual(validate(FILE, parseFrontMatter(FILE)!, known()), []);
    });

    it('names a missing required field, an unknown one with a guess, and one the service does not read', () => {
      const text = FILE.replace("from_name: 'The Team'\n", 'subjct: x\ntemplate: Default\n');
      const problems = validate(text, parseFrontMatter(text)!, known());
      assert.deepEqual(problems.map((p) => p.code).sort(), ['missing', 'other-service', 'unknown-field']);
      assert.match(problems.find((p) => p.code === 'unknown-field')!.message, /did you mean "subject"/);
      assert.match(problems.find((p) => p.code === 'missing')!.message, /"from_name" is missing/);
    });

    it('an unknown list name is marked on that item, only once the lists are known', () => {
      const text = FILE.replace('[Customers, "Beta, early"]', '[Customers, Nobody]');
      const fm = parseFrontMatter(text)!;
      const [p] = validate(text, fm, known());
      assert.equal(p.code, 'unknown-list');
      assert.equal(text.split('\n')[p.span.line].slice(p.span.start, p.span.end), 'Nobody');
      assert.deepEqual(codes(text, known({ lists: undefined })), []);
    });

    it('"everyone" is refused on Sender and taken on SendPortal', () => {
      const text = FILE.replace('[Customers, "Beta, early"]', 'everyone').replace('{{ firstname }}', '{{first_name}}');
      assert.deepEqual(codes(text), ['everyone', 'unknown-tag']);
      assert.deepEqual(codes(text, known({ service: 'sendportal', lists: [] })), []);
    });

    it('addresses: not an address is an error; a free mail domain on Sender a warning', () => {
      assert.deepEqual(codes(FILE.replace('news@example.com', 'news at example')), ['bad-address']);
      const problems = validate(FILE.replace('news@example.com', 'me@gmail.com'), parseFrontMatter(FILE.replace('news@example.com', 'me@gmail.com'))!, known());
      assert.deepEqual(problems.map((p) => [p.code, p.severity]), [['unverifiable', 'warning']]);
      assert.deepEqual(codes(FILE.replace('news@example.com', 'me@gmail.com').replace('{{ firstname }}', '{{first_name}}'), known({ service: 'sendportal', lists: undefined })), []);
    });

    it('a subject longer than mail apps show is a warning; longer than the services take an error', () => {
      const at = (n: number) => validate(FILE.replace(`"What's new: December"`, 'x'.repeat(n)), parseFrontMatter(FILE.replace(`"What's new: December"`, 'x'.repeat(n)))!, known()).map((p) => p.severity);
      assert.deepEqual(at(60), []);
      assert.deepEqual(at(61), ['warning']);
      assert.deepEqual(at(256), ['error']);
    });

    it('a SendPortal template must be known and contain {{content}}', () => {
      const sp = (template: string) =>
        codes(FILE.replace('connection: Sandbox Sender\n', `template: ${template}\n`).replace('{{ firstname }}', '{{ first_name }}'), known({ service: 'sendportal', lists: [{ name: 'Customers', kind: 'tag' }, { name: 'Beta, early', kind: 'tag' }], templates: [{ name: 'Default', html: '<p>{{ content }}</p>' }, { name: 'Bare', html: '<p>no slot</p>' }] }));
      assert.deepEqual(sp('Default'), []);
      assert.deepEqual(sp('Bare'), ['template-content']);
      assert.deepEqual(sp('Missing'), ['unknown-template']);
    });

    it('send_at is a local time in the future', () => {
      const at = (v: string) => codes(FILE.replace('audience:', `send_at: ${v}\naudience:`));
      assert.deepEqual(at('2026-12-10 09:00'), []);
      assert.deepEqual(at('2026-11-30 09:00'), ['send-at']);
      assert.deepEqual(at('2026-02-30 09:00'), ['send-at']);
      assert.deepEqual(at('tomorrow'), ['send-at']);
      assert.equal(parseSendAt('2026-12-10 09:30')!.getHours(), 9);
    });

    it('send_at a minute ahead is too soon to confirm; two minutes ahead is taken (by the clock of the check)', () => {
      const now = new Date(2026, 11, 1, 12, 0).getTime(); // local noon
      const at = (v: string) => codes(FILE.replace('audience:', `send_at: ${v}\naudience:`), known({ now }));
      assert.deepEqual(at('2026-12-01 11:59'), ['send-at'], 'a minute in the past');
      assert.deepEqual(at('2026-12-01 12:01'), ['send-at'], 'within the minute the confirmation takes');
      assert.deepEqual(at('2026-12-01 12:02'), []);
    });

    it('reply_to is checked like from_email: not an address is an error; a free mail domain on Sender a warning', () => {
      const reply = (v: string) => codes(FILE.replace('audience:', `reply_to: ${v}\naudience:`));
      assert.deepEqual(reply('answers@example.com'), []);
      assert.deepEqual(reply('not an address'), ['bad-address']);
      assert.deepEqual(reply('someone@gmail.com'), ['unverifiable']);
    });

    it("merge tags: the service's own pass; the other service's are named as such", () => {
      const text = FILE.replace('Body text.', 'Hi {{first_name}} and {{ plan }}');
      const problems = validate(text, parseFrontMatter(text)!, known());
      assert.deepEqual(problems.map((p) => p.code), ['unknown-tag', 'unknown-tag']);
      assert.match(problems[0].message, /\{\{first_name\}\}.*how SendPortal writes it/);
      assert.deepEqual(codes(text.replace('{{first_name}}', ''), known({ customTags: ['{$plan}'] })), []);
    });

    it("merge tags as each service fills them: Sender's {{ name }} form, the API's {$key} told apart, malformed ones caught, each with its fix", () => {
      const tagsIn = (body: string, k = known()) => {
        const text = FILE.replace('# Hello {{ firstname }}', '# Hello').replace('Body text.', body);
        return validate(text, parseFrontMatter(text)!, k).filter((p) => p.code.endsWith('-tag')).map((p) => [p.code, p.fix?.text, text.split('\n')[p.span.line].slice(p.span.start, p.span.end)]);
      };
      assert.deepEqual(tagsIn('Hi {{ firstname }}, {{lastname}} {{ unsubscribe_link }} {{ browser_preview }} {{ plan }}', known({ customTags: ['{$plan}'] })), []);
      assert.deepEqual(tagsIn('Hi {$firstname}'), [['unknown-tag', '{{ firstname }}', '{$firstname}']]);
      assert.match(validate(FILE.replace('Body text.', '{$firstname}'), parseFrontMatter(FILE)!, known()).find((p) => p.code === 'unknown-tag')!.message, /API's key for a custom field/);
      assert.deepEqual(tagsIn('Hi {$firstname$}'), [['malformed-tag', '{{ firstname }}', '{$firstname$}']]);
      assert.deepEqual(tagsIn('Hi {{ firstname } and'), [['malformed-tag', '{{ firstname }}', '{{ firstname }']]);
      assert.deepEqual(tagsIn('a stray }} here'), [['malformed-tag', undefined, '}}']]);
      assert.deepEqual(tagsIn('Hi {{ firstname }}', known({ service: 'sendportal', serviceName: 'SendPortal' })), [['unknown-tag', '{{first_name}}', '{{ firstname }}']]);
    });

    it('quick fixes: the nearest list or template, a future send_at, a field name meant; each fixes its problem', () => {
      const fixed = (text: string, k: Known, code: string) => {
        const p = validate(text, parseFrontMatter(text)!, k).find((x) => x.code === code)!;
        assert.ok(p.fix, `${code} has no fix`);
        const lines = text.split('\n');
        lines[p.span.line] = lines[p.span.line].slice(0, p.span.start) + p.fix.text + lines[p.span.line].slice(p.span.end);
        const after = lines.join('\n');
        assert.deepEqual(validate(after, parseFrontMatter(after)!, k).filter((x) => x.code === code), [], `${code} remains in:\n${after}`);
        return after;
      };
      assert.match(fixed(FILE.replace('[Customers, "Beta, early"]', '[Custmers, "Beta, early"]'), known(), 'unknown-list'), /audience: \[Customers, "Beta, early"\]/);
      assert.match(fixed(FILE.replace('"Beta, early"', '"Beta, erly"'), known(), 'unknown-list'), /audience: \[Customers, "Beta, early"\]/);
      const sp = known({ service: 'sendportal', serviceName: 'SendPortal', lists: [{ name: 'Customers', kind: 'tag' }, { name: 'Beta, early', kind: 'tag' }], templates: [{ name: 'Default', html: '{{content}}' }] });
      const spFile = FILE.replace('{{ firstname }}', '{{first_name}}').replace('preheader: Three things\n', '');
      assert.match(fixed(spFile.replace('connection: Sandbox Sender\n', 'template: Defualt\n'), sp, 'unknown-template'), /template: Default/);
      // Noon UTC is 1 December in every zone from UTC-11 to UTC+11: the fix is the next day at 09:00, local time.
      assert.match(fixed(FILE.replace('subject:', 'send_at: 2026-11-30 09:00\nsubject:'), known({ now: Date.parse('2026-12-01T12:00:00Z') }), 'send-at'), /send_at: 2026-12-02 09:00/);
      assert.match(fixed(FILE.replace('subject:', 'subjet: x\nsubject:'), known(), 'unknown-field'), /^subject: x$/m);
    });

    it('an unknown connection name lists the known ones', () => {
      const [p] = validate(FILE.replace('Sandbox Sender', 'Nope'), parseFrontMatter(FILE.replace('Sandbox Sender', 'Nope'))!, known());
      assert.equal(p.code, 'unknown-connection');
      assert.match(p.message, /"Sandbox Sender"/);
    });

    it("every field has a description and an example for the hovers, and the README's table says the same", () => {
      for (const f of FIELDS) assert.ok(f.description.length > 20 && f.example, f.key);
      const mark = (f: (typeof FIELDS)[number], s: 'sender' | 'sendportal') => (f.required?.includes(s) ? 'required' : f.services.includes(s) ? 'yes' : '—');
      const table = [
        '| field | Sender | SendPortal | what it does | example |',
        '| --- | --- | --- | --- | --- |',
        ...FIELDS.map((f) => `| \`${f.key}\` | ${mark(f, 'sender')} | ${mark(f, 'sendportal')} | ${f.description.replace(/\|/g, '\\|')} | \`${f.example}\` |`),
      ].join('\n');
      assert.ok(readFileSync('README.md', 'utf8').includes(table), `README.md's front-matter table should read:\n${table}`);
    });
  });

  describe('email HTML', () => {
    const rendered = '<h1 data-line="0" class="code-line" dir="auto" id="hello">Hello</h1>\n<p data-line="2" class="code-line">Hi <a href="https://example.com" onclick="x()">there</a></p><script>alert(1)</script><img src="javascript:alert(1)"><link rel="preconnect" href="https://t.example">';

    it("takes out scripts, handlers, script links, fetching elements and the renderer's marks", () => {
      const clean = cleanBody(rendered);
      assert.doesNotMatch(clean, /script|onclick|javascript|data-line|code-line|dir=|<link/i);
      assert.match(clean, /<h1 id="hello">Hello<\/h1>/);
      assert.match(clean, /<a href="https:\/\/example.com">there<\/a>/);
    });

    it('styles each element inline, keeping a style of its own', () => {
      const out = inlineStyles('<p>a</p><p style="color:red">b</p><img src="x.png"/>');
      assert.match(out, /<p style="font-family:[^"]+">a<\/p>/);
      assert.match(out, /<p style="color:red">b<\/p>/);
      assert.match(out, /<img src="x.png" style="max-width:100%;height:auto;border:0"\/>/);
    });

    it('a page of its own with the preheader hidden, none inside a template or around a whole page', () => {
      const page = emailHtml('<p>Hi</p>', { title: 'T <1>', preheader: 'Soon & now' });
      assert.match(page, /^<!DOCTYPE html>/);
      assert.match(page, /<title>T &lt;1&gt;<\/title>/);
      assert.match(page, /display:none[^>]*>Soon &amp; now<\/div>/);
      assert.match(page, /max-width:600px/);
      assert.equal(emailHtml('<p>Hi</p>', { title: 'T', bare: true }), inlineStyles('<p>Hi</p>'));
      assert.doesNotMatch(emailHtml('<html><body><p>x</p></body></html>', { title: 'T' }), /DOCTYPE/);
    });

    it('the body goes into the template where {{content}} is, and merge tags are filled for one person', () => {
      assert.equal(intoTemplate('<div>{{ content }}</div><i>{{CONTENT}}</i>', '<p>$1 x</p>'), '<div><p>$1 x</p></div><i><p>$1 x</p></i>');
      assert.equal(fillTags('Hi {{first_name}} {{ email }} <a href="{{unsubscribe_url}}">', 'sendportal', { email: 'a@b.c', firstName: '<Ada>' }), 'Hi &lt;Ada&gt; a@b.c <a href="#unsubscribe">');
      assert.equal(fillTags('Hi {{ firstname }}, {{plan}} {{ other }}', 'sender', { email: 'a@b.c', firstName: 'Ada', fields: { '{$plan}': 'pro' } }), 'Hi Ada, pro {{ other }}');
    });
  });
});
