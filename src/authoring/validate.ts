/**
 * What is wrong with a newsletter file before anything is sent: the Problems view's entries, each where it stands.
 * Pure: what the service has (its lists, templates, custom fields) comes in `Known`, loaded by the caller.
 */
import { FIELDS, FIELD_BY_KEY, FREE_MAIL } from './fields';
import { type FrontMatter, itemsOf, textOf, yamlValue } from './frontMatter';
import { checkTags } from './checkTags';
import { type Add, type Known, type Problem, TOP, at, nearest } from './problems';

const MAX_PROBLEMS = 500;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
/** Where mail apps commonly cut a subject (a phone's inbox shows about this much). */
const SUBJECT_SHOWN = 60;
const SUBJECT_MAX = 255;

/** Reads "2026-12-10 09:00" as local time; undefined when it is not such a time or does not exist. */
export function parseSendAt(text: string): Date | undefined {
  const m = text.trim().match(/^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/);
  if (!m) return undefined;
  const d = new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  return Number.isNaN(d.getTime()) || d.getMonth() !== +m[2] - 1 || d.getDate() !== +m[3] || +m[4] > 23 ? undefined : d;
}

const closest = (key: string) =>
  nearest(
    key,
    FIELDS.map((f) => f.key),
  );

/** 09:00 on the day after `now`, in local time, as send_at and the schedule box write it. */
export function tomorrowAtNine(now: number): string {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} 09:00`;
}

export type { Known, Problem } from './problems';

export function validate(text: string, fm: FrontMatter, known: Known): Problem[] {
  const out: Problem[] = fm.problems.map((p) => ({ span: p.span, severity: 'error', message: p.message, code: 'syntax' }));
  // At most MAX_PROBLEMS: a file of 300,000 wrong lines is told so without 300,000 entries.
  const add: Add = (span, severity, code, message, fix) =>
    void (out.length < MAX_PROBLEMS && out.push({ span, severity, code, message, ...(fix ? { fix } : {}) }));
  checkFields(fm, known, add);
  checkValues(fm, known, add);
  checkAudience(fm, known, add);
  checkTags(text, fm, known, add);
  return out;
}

/** Unknown fields, fields the service does not read, required ones missing, a connection that does not exist. */
function checkFields(fm: FrontMatter, known: Known, add: Add): void {
  const { service } = known;
  const name = known.serviceName ?? service ?? '';
  let guesses = 0;
  for (const f of fm.fields.values()) {
    const info = FIELD_BY_KEY.get(f.key);
    if (!info) {
      // "Did you mean": for the first 20 unknown keys of a plausible length (the distance is quadratic in it).
      const guess = f.key.length <= 40 && guesses++ < 20 ? closest(f.key) : undefined;
      add(
        f.keySpan,
        'warning',
        'unknown-field',
        `"${f.key}" is not a newsletter field${guess ? `: did you mean "${guess}"?` : '.'}`,
        guess ? { title: `Write ${guess}`, text: guess } : undefined,
      );
    } else if (service && !info.services.includes(service)) {
      // Its line and the items listed under it go.
      const last = Math.max(f.keySpan.line, ...(f.itemSpans ?? []).map((x) => x.line));
      const remove = { title: `Remove ${f.key}`, text: '', at: { line: f.keySpan.line, start: 0, endLine: last + 1, end: 0 } };
      add(f.keySpan, 'warning', 'other-service', `${name} has no ${f.key}: it is not sent.`, remove);
    }
  }
  for (const f of FIELDS) {
    if (!service || !f.required?.includes(service) || textOf(fm, f.key) || itemsOf(fm, f.key).length) continue;
    const held = fm.fields.get(f.key);
    // Not written: the field is added below the first `---` with its example, for the person to change.
    const firstList = known.lists?.[0]?.name;
    const audience = service === 'sendportal' ? 'everyone' : firstList ? `[${yamlValue(firstList)}]` : f.example;
    const example = f.key === 'audience' ? audience : yamlValue(f.example);
    const addIt = held
      ? undefined
      : {
          title: `Add ${f.key}: ${example} (an example to change)`,
          text: `\n${f.key}: ${example}`,
          at: { line: 0, start: 3, endLine: 0, end: 3 },
        };
    add(held?.keySpan ?? TOP, 'error', 'missing', `"${f.key}" is missing: ${f.description}`, addIt);
  }
  const connection = textOf(fm, 'connection');
  if (connection && !known.connectionNames.includes(connection)) {
    const guess = nearest(connection, known.connectionNames);
    const names = known.connectionNames.length ? ` (there are ${known.connectionNames.map((n) => `"${n}"`).join(', ')})` : '';
    add(
      at(fm, 'connection'),
      'error',
      'unknown-connection',
      `No connection is named "${connection}"${names}.`,
      guess ? { title: `Write ${guess}`, text: yamlValue(guess) } : undefined,
    );
  }
}

/** The subject's length, the addresses, the template, the email service and send_at. */
function checkValues(fm: FrontMatter, known: Known, add: Add): void {
  const subject = textOf(fm, 'subject');
  if (subject.length > SUBJECT_MAX)
    add(
      at(fm, 'subject'),
      'error',
      'subject-length',
      `The subject has ${subject.length} characters: the services take at most ${SUBJECT_MAX}.`,
    );
  else if (subject.length > SUBJECT_SHOWN)
    add(
      at(fm, 'subject'),
      'warning',
      'subject-length',
      `The subject has ${subject.length} characters: many mail apps show about ${SUBJECT_SHOWN}, and cut the rest.`,
    );
  checkAddresses(fm, known, add);
  checkTemplate(fm, known, add);
  const serviceId = textOf(fm, 'email_service');
  if (serviceId && !/^\d+$/.test(serviceId))
    add(at(fm, 'email_service'), 'error', 'email-service', 'email_service is the number of a SendPortal email service.');
  const sendAt = textOf(fm, 'send_at');
  if (sendAt) {
    const d = parseSendAt(sendAt);
    if (!d) add(at(fm, 'send_at'), 'error', 'send-at', 'send_at is a local date and time such as 2026-12-10 09:00.');
    else if (d.getTime() <= known.now + 60_000) {
      const next = tomorrowAtNine(known.now);
      add(at(fm, 'send_at'), 'error', 'send-at', `send_at (${sendAt}) is not in the future.`, { title: `Send at ${next}`, text: next });
    }
  }
}

/** from_email and reply_to: addresses, and (Sender) on a domain that can be verified. */
function checkAddresses(fm: FrontMatter, known: Known, add: Add): void {
  const { service } = known;
  for (const key of ['from_email', 'reply_to']) {
    const address = textOf(fm, key);
    if (!address) continue;
    if (!EMAIL.test(address)) add(at(fm, key), 'error', 'bad-address', `"${address}" is not an email address.`);
    else if (service === 'sender' && FREE_MAIL.has(address.split('@')[1].toLowerCase())) {
      // The address this connection last sent from, on a domain of its own.
      const used = known.senders?.find((x) => EMAIL.test(x) && !FREE_MAIL.has(x.split('@')[1].toLowerCase()));
      const fix = used ? { title: `Send from ${used} (the latest campaigns' address)`, text: used } : undefined;
      add(
        at(fm, key),
        'warning',
        'unverifiable',
        `Sender sends only from a domain verified in Sender, and ${address.split('@')[1]} cannot be verified: ` +
          `use an address on your own domain.`,
        fix,
      );
    }
  }
}

/** A SendPortal template that exists and has a place for the body. */
function checkTemplate(fm: FrontMatter, known: Known, add: Add): void {
  const { service } = known;
  const template = textOf(fm, 'template');
  if (template && service === 'sendportal' && known.templates) {
    const t = known.templates.find((x) => x.name === template);
    const guess = t
      ? undefined
      : nearest(
          template,
          known.templates.map((x) => x.name),
        );
    if (!t)
      add(
        at(fm, 'template'),
        'error',
        'unknown-template',
        `No template is named "${template}".${guess ? ` Did you mean "${guess}"?` : ''}`,
        guess ? { title: `Write ${guess}`, text: yamlValue(guess) } : undefined,
      );
    else if (t.html !== undefined && !/\{\{\s*content\s*\}\}/i.test(t.html))
      add(
        at(fm, 'template'),
        'error',
        'template-content',
        `The template "${template}" has no {{content}}: the newsletter's body would not appear in it.`,
      );
  }
}

/** Whom it goes to: lists that exist, and "everyone" only where the API takes it. */
function checkAudience(fm: FrontMatter, known: Known, add: Add): void {
  const { service } = known;
  const audience = fm.fields.get('audience');
  const names = itemsOf(fm, 'audience');
  if (!audience || !service) return;
  const everyone = names.some((n) => n.toLowerCase() === 'everyone');
  if (everyone && service === 'sender')
    add(
      audience.valueSpan,
      'error',
      'everyone',
      "Sender's API creates campaigns for groups and segments: name them (no public source shows a campaign for everyone).",
    );
  else if (everyone && names.length > 1)
    add(audience.valueSpan, 'warning', 'everyone', '"everyone" already includes the lists named with it.');
  const lists = known.lists;
  if (!lists || everyone) return;
  names.forEach((n, i) => {
    if (lists.some((l) => l.name === n)) return;
    const span = audience.itemSpans?.[i] ?? audience.valueSpan;
    const guess = nearest(
      n,
      lists.map((l) => l.name),
    );
    const fix = guess && audience.itemSpans?.[i] ? { title: `Write ${guess}`, text: yamlValue(guess) } : undefined;
    add(
      span,
      'error',
      'unknown-list',
      `No ${service === 'sender' ? 'group or segment' : 'tag'} is named "${n}" in this connection.` +
        (guess ? ` Did you mean "${guess}"?` : ''),
      fix,
    );
  });
}
