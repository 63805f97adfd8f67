import * as assert from 'node:assert/strict';
import { cleanBody, emailHtml, fillTags, inlineStyles } from '../../../src/authoring/emailHtml';
import { itemsOf, parseFrontMatter, setField, textOf, yamlValue } from '../../../src/authoring/frontMatter';
import { type Known, parseSendAt, validate } from '../../../src/authoring/validate';

const fm = (body: string) => parseFrontMatter(`---\n${body}\n---\n`)!;
const slice = (text: string, s: { line: number; start: number; end: number }) => text.split(/\r?\n/)[s.line].slice(s.start, s.end);

describe('newsletter files, at their edges', () => {
  describe('front matter', () => {
    it('comments: after a space they go, inside quotes or a word they stay', () => {
      const f = fm(`title: a # gone\nsubject: "keep # this" # gone\nurl: x#y\nname: 'it''s'\nquote: "say \\"hi\\""\nlone: "\npath: a\\\\b`);
      assert.equal(textOf(f, 'title'), 'a');
      assert.equal(textOf(f, 'subject'), 'keep # this');
      assert.equal(textOf(f, 'url'), 'x#y');
      assert.equal(textOf(f, 'name'), "it's");
      assert.equal(textOf(f, 'quote'), 'say "hi"');
      assert.equal(textOf(f, 'lone'), '"');
      assert.deepEqual(f.problems, []);
    });

    it('inline lists split outside quotes only, each item where it stands', () => {
      const text = `---\naudience: ['a, b', "c", d ,  , e]\n---\n`;
      const f = parseFrontMatter(text)!;
      assert.deepEqual(itemsOf(f, 'audience'), ['a, b', 'c', 'd', 'e']);
      assert.deepEqual(f.fields.get('audience')!.itemSpans!.map((s) => slice(text, s)), ["'a, b'", '"c"', 'd', 'e']);
      assert.equal(slice(text, f.fields.get('audience')!.valueSpan), `['a, b', "c", d ,  , e]`);
    });

    it('spans of keys and values, with spaces around them', () => {
      const text = '---\nsubject:    Spaced out   \n---\n';
      const f = parseFrontMatter(text)!.fields.get('subject')!;
      assert.equal(slice(text, f.keySpan), 'subject');
      assert.equal(slice(text, f.valueSpan), 'Spaced out');
    });

    it('a block list ends at the next key; an item with no list, or an indented key, is a problem', () => {
      const text = '---\naudience:\n  - One\n  -   Two  \nsubject: S\n- stray\n  indented: x\n---\n';
      const f = parseFrontMatter(text)!;
      assert.deepEqual(itemsOf(f, 'audience'), ['One', 'Two']);
      const a = f.fields.get('audience')!;
      assert.deepEqual(a.itemSpans!.map((s) => slice(text, s)), ['One', 'Two']);
      assert.deepEqual(a.valueSpan, a.itemSpans![0]);
      assert.equal(textOf(f, 'subject'), 'S');
      assert.deepEqual(f.problems.map((p) => [p.span.line, p.message]), [[5, 'Not a "key: value" line.'], [6, 'Not a "key: value" line.']]);
      assert.deepEqual(f.problems[0].span, { line: 5, start: 0, end: 7 });
    });

    it('an empty value has no items; "---" may carry spaces; the body starts after it', () => {
      const text = '---  \npreheader:\nsubject: S\n---   \nBody';
      const f = parseFrontMatter(text)!;
      assert.equal(textOf(f, 'preheader'), '');
      assert.deepEqual(itemsOf(f, 'preheader'), []);
      assert.equal(text.slice(f.bodyOffset), 'Body');
      assert.equal(f.bodyLine, 4);
      assert.equal(parseFrontMatter('--- x\n'), undefined);
    });

    it('values are quoted when they would read back otherwise', () => {
      for (const v of ['c1042', 'a b', 'x@y.z', '- dash', 'a: b', 'a # b', "it's", '"q"', '?x']) {
        const text = `---\nsubject: S\n---\n`;
        const e = setField(text, parseFrontMatter(text)!, 'campaign', v);
        const out = text.slice(0, e.start) + e.text + text.slice(e.end);
        assert.equal(textOf(parseFrontMatter(out)!, 'campaign'), v, `${v} → ${e.text}`);
      }
      assert.equal(yamlValue('c1042'), 'c1042');
      assert.equal(yamlValue('a: b'), '"a: b"');
    });

    it('writing a value keeps the other lines and an LF file LF', () => {
      const text = '---\nsubject: S\ncampaign: 1\n---\nBody\n';
      const e = setField(text, parseFrontMatter(text)!, 'campaign', '2');
      assert.equal(text.slice(0, e.start) + e.text + text.slice(e.end), '---\nsubject: S\ncampaign: 2\n---\nBody\n');
      const none = '---\nsubject: S\n---\n';
      const add = setField(none, parseFrontMatter(none)!, 'campaign', '3');
      assert.equal(add.text, 'campaign: 3\n');
    });
  });

  describe('diagnostics', () => {
    const base = (extra: string, service: 'sender' | 'sendportal' = 'sendportal', over: Partial<Known> = {}) => {
      const text = `---\nsubject: S\nfrom_name: N\nfrom_email: a@b.co\naudience: everyone\n${extra}---\nBody {{first_name}}\n`;
      return validate(text, parseFrontMatter(text)!, { service, serviceName: service === 'sender' ? 'Sender' : 'SendPortal', connectionNames: [], now: 0, ...over });
    };

    it('email_service is a number', () => {
      assert.deepEqual(base('email_service: abc\n').map((p) => [p.code, p.severity]), [['email-service', 'error']]);
      assert.deepEqual(base('email_service: 1a\n').map((p) => p.code), ['email-service']);
      assert.deepEqual(base('email_service: a1\n').map((p) => p.code), ['email-service']);
      assert.deepEqual(base('email_service: 12\n'), []);
    });

    it('messages name the service and the kind of list', () => {
      const [p] = base('preheader: P\n');
      assert.equal(p.message, 'SendPortal has no preheader: it is not sent.');
      assert.equal(p.severity, 'warning');
      const text = `---\nsubject: S\nfrom_name: N\nfrom_email: a@b.co\naudience: [X]\n---\n{$firstname}`;
      const sender = validate(text, parseFrontMatter(text)!, { service: 'sender', serviceName: 'Sender', connectionNames: [], lists: [], now: 0 });
      assert.equal(sender[0].message, 'No group or segment is named "X" in this connection.');
      const sp = validate(text.replace('{$firstname}', ''), parseFrontMatter(text)!, { service: 'sendportal', connectionNames: [], lists: [], now: 0 });
      assert.equal(sp[0].message, 'No tag is named "X" in this connection.');
      assert.equal(base('connection: Gone\n')[0].message, 'No connection is named "Gone".');
      assert.equal(base('', 'sendportal')[0], undefined);
    });

    it('"everyone" with other lists is a warning on SendPortal', () => {
      const text = `---\nsubject: S\nfrom_name: N\nfrom_email: a@b.co\naudience: [everyone, Beta]\n---\n`;
      const [p] = validate(text, parseFrontMatter(text)!, { service: 'sendportal', connectionNames: [], lists: [], now: 0 });
      assert.deepEqual([p.code, p.severity], ['everyone', 'warning']);
    });

    it('a guess only for a near miss', () => {
      assert.match(base('form_name: x\n')[0].message, /did you mean "from_name"/);
      assert.equal(base('zzzzzzzzzz: x\n')[0].message, '"zzzzzzzzzz" is not a newsletter field.');
    });

    it('merge tags are found where they stand, in any case and spacing, on CRLF lines too', () => {
      const text = '---\r\nsubject: S\r\nfrom_name: N\r\nfrom_email: a@b.co\r\naudience: everyone\r\n---\r\nHi {{ FIRST_NAME }}\r\nand {{nope}} x\r\n';
      const problems = validate(text, parseFrontMatter(text)!, { service: 'sendportal', serviceName: 'SendPortal', connectionNames: [], now: 0 });
      assert.deepEqual(problems.map((p) => [p.code, slice(text, p.span), p.span.line]), [['unknown-tag', '{{nope}}', 7]]);
      assert.match(problems[0].message, /^SendPortal does not fill \{\{nope\}\}: readers would see it as written\. Its tags: \{\{email\}\}/);
    });

    it('a line the front matter cannot read is an error where it stands', () => {
      const text = '---\nsubject: S\nnot a field\n---\n';
      const [p] = validate(text, parseFrontMatter(text)!, { connectionNames: [], now: 0 });
      assert.deepEqual([p.code, p.severity, p.span.line], ['syntax', 'error', 2]);
    });

    it('send_at: only a whole local date and time', () => {
      assert.ok(parseSendAt('  2026-12-10T09:05  '));
      assert.equal(parseSendAt('2026-12-10 09:05')!.getMinutes(), 5);
      assert.equal(parseSendAt('2026-12-10 7:05')!.getHours(), 7);
      for (const bad of ['2026-12-10 24:00', '2026-12-10 09:00x', 'x2026-12-10 09:00', '2026-13-01 09:00', '2026-04-31 09:00']) assert.equal(parseSendAt(bad), undefined, bad);
    });
  });

  describe('email HTML', () => {
    it('handlers in every quoting, script links with spaces, and the other dangerous schemes go', () => {
      const out = cleanBody(`<a onclick = 'x()' onmouseover=y href = " javascript:z">a</a><img src="vbscript:q"><a href="data:text/html,<b>">d</a><a href="https://ok.example/">ok</a>`);
      assert.equal(out, '<a>a</a><img><a>d</a><a href="https://ok.example/">ok</a>');
    });

    it("the renderer's marks go, other classes stay", () => {
      assert.equal(cleanBody('<p data-line="12" class="code-line">x</p><p class="code-line  lead">y</p><p class="a  b" dir="auto">z</p>'), '<p>x</p><p class="lead">y</p><p class="a b">z</p>');
    });

    it('embeds, forms and an unclosed script go with what they hold; void tags that fetch go', () => {
      const out = cleanBody('<p>a</p><iframe src="x">in</iframe><object data="y">o</object><form action="z"><input name="q"></form><meta http-equiv="refresh"><base href="/"><link rel="x"><script>never');
      assert.equal(out, '<p>a</p>');
    });

    it("an element's own style, written with spaces, is kept", () => {
      assert.equal(inlineStyles('<p style = "color:red">x</p>'), '<p style = "color:red">x</p>');
      assert.match(inlineStyles('<span>x</span><P>y</P>'), /^<span>x<\/span><P style="font-family/);
    });

    it('a whole page is one with <html …>, not with a tag that only starts alike; no preheader, no hidden text', () => {
      assert.doesNotMatch(emailHtml('<html lang="en"><p>x</p></html>', { title: 'T' }), /DOCTYPE/);
      assert.match(emailHtml('<htmlx>y</htmlx>', { title: 'T' }), /DOCTYPE/);
      assert.doesNotMatch(emailHtml('<p>x</p>', { title: 'T' }), /display:none/);
    });

    it('merge tags: missing names are empty, values escaped, unknown tags left as written', () => {
      assert.equal(fillTags('{{first_name}}|{{last_name}}|{{webview_url}}|{{other}}', 'sendportal', { email: 'a@b.c' }), '||#webview|{{other}}');
      assert.equal(fillTags('{{ LastName }} {{email}}', 'sender', { email: '"a"@b.c', lastName: 'L&M' }), 'L&amp;M &quot;a&quot;@b.c');
    });
  });
});
