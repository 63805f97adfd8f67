/**
 * Whole files checked as the Problems view gets them: every problem's severity, code, the text it marks, its words
 * and its quick fix, for SendPortal, Sender and a connection nobody knows. Pure: the service's lists and templates
 * come in `Known`, the clock is fixed (a Monday, 10:00 local).
 */
import * as assert from 'node:assert/strict';
import { parseFrontMatter } from '../../../src/authoring/frontMatter';
import { type Known, parseSendAt, tomorrowAtNine, validate } from '../../../src/authoring/validate';

const NOW = new Date(2026, 11, 7, 10, 0).getTime();
type Seen = [string, string, string, string, [string, string, unknown] | null];

/** Each problem as [severity, code, the text its span marks, message, [fix title, fix text, where] or null]. */
function problems(text: string, k: Known): Seen[] {
  const lines = text.split('\n');
  return validate(text, parseFrontMatter(text)!, k).map((p) => [
    p.severity,
    p.code,
    lines[p.span.line]?.slice(p.span.start, p.span.end) ?? '',
    p.message,
    p.fix ? [p.fix.title, p.fix.text, p.fix.at ?? null] : null,
  ]);
}

const SP: Known = {
  service: 'sendportal',
  serviceName: 'SendPortal',
  connectionNames: ['Writing SP', 'Other'],
  lists: [{ name: 'Customers', kind: 'tag' }, { name: 'Beta testers', kind: 'tag' }],
  templates: [{ name: 'Default', html: '<div>{{content}}</div>' }, { name: 'Bare', html: '<div>none</div>' }],
  now: NOW,
};
const SENDER: Known = {
  service: 'sender',
  serviceName: 'Sender',
  connectionNames: ['S'],
  lists: [{ name: 'Readers', kind: 'group' }],
  customTags: ['{$plan}'],
  senders: ['me@gmail.com', 'news@acme.test'],
  now: NOW,
};
const SP_TAGS = 'Its tags: {{email}} {{first_name}} {{last_name}} {{unsubscribe_url}} {{webview_url}}';
const SENDER_TAGS = 'Its tags: {{ firstname }} {{ lastname }} {{ email }} {{ phone }} {{ birthday }} {{ unsubscribe_link }} {{ browser_preview }} {{ plan }}';
const TOP = { line: 0, start: 3, endLine: 0, end: 3 };

describe('newsletter files checked whole: every problem, its words and its fix', () => {
  it('SendPortal: a file with a mistake in each field', () => {
    const subject = 's'.repeat(70);
    const text = `---
connection: Writing Sp
subjet: Hi
preheader: Not here
subject: ${subject}
from_email: not-an-address
email_service: one
template: Defualt
audience: [Customrs, everyone]
send_at: 2026-13-01 09:00
---
Hello {{ first_name }} {$firstname} {{ nope }} {{ broken } }}
`;
    assert.deepEqual(problems(text, SP), [
      ['warning', 'unknown-field', 'subjet', '"subjet" is not a newsletter field: did you mean "subject"?', ['Write subject', 'subject', null]],
      ['warning', 'other-service', 'preheader', 'SendPortal has no preheader: it is not sent.', ['Remove preheader', '', { line: 3, start: 0, endLine: 4, end: 0 }]],
      ['error', 'missing', '---', '"from_name" is missing: The sender name readers see.', ['Add from_name: The Team (an example to change)', '\nfrom_name: The Team', TOP]],
      ['error', 'unknown-connection', 'Writing Sp', 'No connection is named "Writing Sp" (there are "Writing SP", "Other").', ['Write Writing SP', 'Writing SP', null]],
      ['warning', 'subject-length', subject, 'The subject has 70 characters: many mail apps show about 60, and cut the rest.', null],
      ['error', 'bad-address', 'not-an-address', '"not-an-address" is not an email address.', null],
      ['error', 'unknown-template', 'Defualt', 'No template is named "Defualt". Did you mean "Default"?', ['Write Default', 'Default', null]],
      ['error', 'email-service', 'one', 'email_service is the number of a SendPortal email service.', null],
      ['error', 'send-at', '2026-13-01 09:00', 'send_at is a local date and time such as 2026-12-10 09:00.', null],
      ['warning', 'everyone', '[Customrs, everyone]', '"everyone" already includes the lists named with it.', null],
      ['warning', 'unknown-tag', '{$firstname}', `SendPortal does not fill {$firstname}: readers would see it as written. ${SP_TAGS}`, ['Write {{first_name}}', '{{first_name}}', null]],
      ['warning', 'unknown-tag', '{{ nope }}', `SendPortal does not fill {{ nope }}: readers would see it as written. ${SP_TAGS}`, null],
      ['warning', 'malformed-tag', '{{ broken }', '{{ broken } is not a merge tag SendPortal fills: readers would see it as written.', null],
      ['warning', 'malformed-tag', '}}', '}} is not a merge tag SendPortal fills: readers would see it as written.', null],
    ]);
  });

  it('SendPortal: a template without {{content}}, a send_at past with tomorrow at nine as its fix', () => {
    const text = '---\nconnection: Writing SP\nsubject: Hi\nfrom_name: Team\nfrom_email: team@example.com\ntemplate: Bare\naudience: everyone\nsend_at: 2026-12-01 09:00\n---\nBody\n';
    assert.deepEqual(problems(text, SP), [
      ['error', 'template-content', 'Bare', 'The template "Bare" has no {{content}}: the newsletter\'s body would not appear in it.', null],
      ['error', 'send-at', '2026-12-01 09:00', 'send_at (2026-12-01 09:00) is not in the future.', ['Send at 2026-12-08 09:00', '2026-12-08 09:00', null]],
    ]);
  });

  it('SendPortal: an empty required field, a send_at a minute ahead, list names in a block and in a line', () => {
    const block = '---\nconnection: Writing SP\nsubject:\nfrom_name: Team\nfrom_email: team@example.com\naudience:\n  - Custmers\n  - Beta testers\nsend_at: 2026-12-07 10:01\nemail_service: 2\n---\n';
    assert.deepEqual(problems(block, SP), [
      ['error', 'missing', 'subject', '"subject" is missing: The subject line readers see. Many mail apps cut it after about 60 characters.', null],
      ['error', 'send-at', '2026-12-07 10:01', 'send_at (2026-12-07 10:01) is not in the future.', ['Send at 2026-12-08 09:00', '2026-12-08 09:00', null]],
      ['error', 'unknown-list', 'Custmers', 'No tag is named "Custmers" in this connection. Did you mean "Customers"?', ['Write Customers', 'Customers', null]],
    ]);
    const line = '---\nconnection: Writing SP\nsubject: Hi\nfrom_name: Team\nfrom_email: team@example.com\naudience: Custmers, Zzzzzzzzzzz\n---\n';
    assert.deepEqual(problems(line, SP), [
      ['error', 'unknown-list', 'Custmers, Zzzzzzzzzzz', 'No tag is named "Custmers" in this connection. Did you mean "Customers"?', null],
      ['error', 'unknown-list', 'Custmers, Zzzzzzzzzzz', 'No tag is named "Zzzzzzzzzzz" in this connection.', null],
    ]);
  });

  it('Sender: everyone refused, a free-mail sender with the address it last sent from, its tags told apart', () => {
    const subject = 'x'.repeat(256);
    const text = `---
connection: S
subject: ${subject}
from_name: A
from_email: someone@gmail.com
reply_to: nope
audience: everyone
template: Default
---
{$plan} {$other} {{ firstname }} {{first_name}} {$firstname$}
`;
    const apiKey = "({$…} is the API's key for a custom field; in a body Sender fills {{ … }})";
    assert.deepEqual(problems(text, SENDER), [
      ['warning', 'other-service', 'template', 'Sender has no template: it is not sent.', ['Remove template', '', { line: 7, start: 0, endLine: 8, end: 0 }]],
      ['error', 'subject-length', subject, 'The subject has 256 characters: the services take at most 255.', null],
      [
        'warning', 'unverifiable', 'someone@gmail.com',
        'Sender sends only from a domain verified in Sender, and gmail.com cannot be verified: use an address on your own domain.',
        ["Send from news@acme.test (the latest campaigns' address)", 'news@acme.test', null],
      ],
      ['error', 'bad-address', 'nope', '"nope" is not an email address.', null],
      [
        'error', 'everyone', 'everyone',
        "Sender's API creates campaigns for groups and segments: name them (no public source shows a campaign for everyone).", null,
      ],
      ['warning', 'unknown-tag', '{$plan}', `Sender does not fill {$plan} ${apiKey}: readers would see it as written. ${SENDER_TAGS}`, ['Write {{ plan }}', '{{ plan }}', null]],
      ['warning', 'unknown-tag', '{$other}', `Sender does not fill {$other} ${apiKey}: readers would see it as written. ${SENDER_TAGS}`, null],
      [
        'warning', 'unknown-tag', '{{first_name}}',
        `Sender does not fill {{first_name}} (that is how SendPortal writes it): readers would see it as written. ${SENDER_TAGS}`,
        ['Write {{ firstname }}', '{{ firstname }}', null],
      ],
      [
        'warning', 'malformed-tag', '{$firstname$}', '{$firstname$} is not a merge tag Sender fills: readers would see it as written. Did you mean {{ firstname }}?',
        ['Write {{ firstname }}', '{{ firstname }}', null],
      ],
    ]);
  });

  it("Sender: each missing field with an example to change, the audience's the connection's first group", () => {
    const text = '---\nconnection: S\ntitle: only a title\n---\n';
    const missing = (key: string, about: string, example: string): Seen => ['error', 'missing', '---', `"${key}" is missing: ${about}`, [`Add ${key}: ${example} (an example to change)`, `\n${key}: ${example}`, TOP]];
    assert.deepEqual(problems(text, SENDER), [
      missing('subject', 'The subject line readers see. Many mail apps cut it after about 60 characters.', 'What is new in December'),
      missing('from_name', 'The sender name readers see.', 'The Team'),
      missing(
        'from_email',
        "The sending address. Sender sends only from a domain you verified in Sender (its API's reply_to); SendPortal sends through its email service, which may refuse an address it does not know.",
        'news@example.com',
      ),
      missing(
        'audience',
        "Whom it goes to: group or segment names (Sender), tag names (SendPortal), or `everyone` (SendPortal only: Sender's API takes groups and segments).",
        '[Readers]',
      ),
    ]);
  });

  it('a connection nobody knows: that alone, with no service to check the rest against', () => {
    const text = '---\nconnection: Nowhere\nsubject: Hi\naudience: [A]\n---\n{{ x }}\n';
    assert.deepEqual(problems(text, { connectionNames: [], now: NOW }), [['error', 'unknown-connection', 'Nowhere', 'No connection is named "Nowhere".', null]]);
  });

  it('at most 500 problems, however many the file holds', () => {
    const text = `---\nconnection: Writing SP\nsubject: Hi\nfrom_name: Team\nfrom_email: team@example.com\naudience: everyone\n---\n${'{{ nope }} '.repeat(600)}\n`;
    const all = problems(text, SP);
    assert.equal(all.length, 500);
    assert.ok(all.every((p) => p[1] === 'unknown-tag'));
  });

  it('send_at is a day and time that exist, 00:00 to 23:59; tomorrow at nine is written with two-digit months and days', () => {
    const at = (s: string) => parseSendAt(s)?.getTime();
    assert.equal(at('2026-12-10 09:05'), new Date(2026, 11, 10, 9, 5).getTime());
    assert.equal(at(' 2026-12-10T9:05 '), new Date(2026, 11, 10, 9, 5).getTime(), 'a T, one-digit hour, spaces around');
    assert.equal(at('2026-12-10 23:59'), new Date(2026, 11, 10, 23, 59).getTime());
    for (const bad of ['2026-02-30 09:00', '2026-13-01 09:00', '2026-12-10 24:00', '2026-12-10 9', '10/12/2026 09:00', '2026-12-10 09:00 extra']) {
      assert.equal(at(bad), undefined, bad);
    }
    assert.equal(tomorrowAtNine(new Date(2027, 0, 3, 23, 30).getTime()), '2027-01-04 09:00');
    assert.equal(tomorrowAtNine(new Date(2026, 11, 31, 8, 0).getTime()), '2027-01-01 09:00');
  });
});
