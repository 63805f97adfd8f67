/**
 * What a newsletter file's front matter may say, for which service, and what each field does: the one table the
 * hovers, completions, diagnostics and the README's table are written from.
 */
export type Service = 'sender' | 'sendportal';

interface FieldInfo {
  key: string;
  /** What it does, for the hover. */
  description: string;
  /** The services that read it. */
  services: readonly Service[];
  /** The services that need it. */
  required?: readonly Service[];
  example: string;
}

const BOTH: readonly Service[] = ['sender', 'sendportal'];

export const FIELDS: readonly FieldInfo[] = [
  {
    key: 'connection',
    services: BOTH,
    example: 'Sandbox Sender',
    description: 'The Newsletter Explorer connection it is written for, by name. Without it: the active connection.',
  },
  {
    key: 'campaign',
    services: BOTH,
    example: 'c1042',
    description:
      'The draft campaign this file is linked to. Written by Create Draft; Update Draft changes that campaign. ' +
      'Remove it to create a new one.',
  },
  {
    key: 'title',
    services: BOTH,
    example: 'December digest',
    description: "The campaign's name in the service's lists (not shown to readers). Without it: the subject.",
  },
  {
    key: 'subject',
    services: BOTH,
    required: BOTH,
    example: 'What is new in December',
    description: 'The subject line readers see. Many mail apps cut it after about 60 characters.',
  },
  {
    key: 'preheader',
    services: ['sender'],
    example: 'Three things we shipped',
    description: 'Sender: the preview text mail apps show after the subject. SendPortal has no such field.',
  },
  { key: 'from_name', services: BOTH, required: BOTH, example: 'The Team', description: 'The sender name readers see.' },
  {
    key: 'from_email',
    services: BOTH,
    required: BOTH,
    example: 'news@example.com',
    description:
      "The sending address. Sender sends only from a domain you verified in Sender (its API's reply_to); " +
      'SendPortal sends through its email service, which may refuse an address it does not know.',
  },
  {
    key: 'reply_to',
    services: ['sender'],
    example: 'team@example.com',
    description:
      "Sender: its API's reply_to, the one address a Sender campaign has (it sends from it and replies go to " +
      "it), on a verified domain. Without it: from_email. SendPortal's API has no reply-to.",
  },
  {
    key: 'audience',
    services: BOTH,
    required: BOTH,
    example: '[Customers, Beta]',
    description:
      'Whom it goes to: group or segment names (Sender), tag names (SendPortal), or `everyone` (SendPortal only: ' +
      "Sender's API takes groups and segments).",
  },
  {
    key: 'template',
    services: ['sendportal'],
    example: 'Default',
    description:
      'SendPortal: the template the body is written into, by name; it must contain {{content}}. Without it: the body is the whole email.',
  },
  {
    key: 'email_service',
    services: ['sendportal'],
    example: '1',
    description:
      'SendPortal: the id of the email service it goes out through (Settings → Email Services). Without it: the ' +
      'one the latest campaign uses.',
  },
  {
    key: 'send_at',
    services: BOTH,
    example: '2026-12-10 09:00',
    description:
      'When to send it, in your local time (YYYY-MM-DD HH:MM). Create Draft and Update Draft then schedule it, ' +
      'after a confirmation naming the audience.',
  },
];

export const FIELD_BY_KEY = new Map(FIELDS.map((f) => [f.key, f]));

interface MergeTag {
  tag: string;
  description: string;
}

/** SendPortal fills these when it sends [src: mettle/sendportal-core v2.0.5 Services/Content/MergeContentService]. */
const SENDPORTAL_TAGS: readonly MergeTag[] = [
  { tag: '{{email}}', description: "The subscriber's address." },
  { tag: '{{first_name}}', description: "The subscriber's first name (empty when unknown)." },
  { tag: '{{last_name}}', description: "The subscriber's last name (empty when unknown)." },
  { tag: '{{unsubscribe_url}}', description: 'The link that unsubscribes this subscriber.' },
  { tag: '{{webview_url}}', description: 'The link to this email in a browser.' },
];

/**
 * Sender fills `{{ name }}` tags: "{{ firstname }} … is the actual merge tag format that Sender uses" (sender.net/help,
 * "Personalization behavior in test emails"; its editor inserts firstname, lastname, email, phone, birthday), and its
 * own campaign HTML carries `{{ unsubscribe_link }}` and `{{ browser_preview }}` (a community client's recorded
 * campaign). `{$name}` is the API's key for a custom field, not a tag a body may hold: in a body it is `{{ name }}`.
 */
const SENDER_TAGS: readonly MergeTag[] = [
  { tag: '{{ firstname }}', description: "The subscriber's first name." },
  { tag: '{{ lastname }}', description: "The subscriber's last name." },
  { tag: '{{ email }}', description: "The subscriber's address." },
  { tag: '{{ phone }}', description: "The subscriber's phone number." },
  { tag: '{{ birthday }}', description: "The subscriber's birthday." },
  { tag: '{{ unsubscribe_link }}', description: 'The link that unsubscribes this subscriber.' },
  { tag: '{{ browser_preview }}', description: 'The link to this email in a browser.' },
];

/** A Sender custom field's API key (`{$plan}`) as a body's merge tag (`{{ plan }}`). */
const senderBodyTag = (key: string) => `{{ ${key.replace(/^\{\$|\}$/g, '')} }}`;

export function mergeTags(service: Service, customTags: readonly string[] = []): MergeTag[] {
  if (service === 'sendportal') return [...SENDPORTAL_TAGS];
  const custom = customTags.map(senderBodyTag).filter((t) => !SENDER_TAGS.some((x) => x.tag === t));
  return [...SENDER_TAGS, ...custom.map((tag) => ({ tag, description: 'A custom field of this Sender account.' }))];
}

/** Free mail domains: no one can verify them in Sender, so Sender will not send from them. */
export const FREE_MAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mail.com',
  'gmx.com',
  'gmx.net',
  'proton.me',
  'protonmail.com',
  'yandex.com',
]);
