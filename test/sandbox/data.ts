/** Deterministic seeded data for both look-alike APIs. */

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances', 'Edsger', 'Radia', 'Donald', 'Katherine', 'Tim', 'Hedy', 'Guido'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Torvalds', 'Hamilton', 'Thompson', 'Liskov', 'Ritchie', 'Allen', 'Dijkstra', 'Perlman', 'Knuth', 'Johnson', 'Berners-Lee', 'Lamarr', 'van Rossum'];
const TOPICS = ['Spring launch', 'Weekly digest', 'Product update', 'Webinar invite', 'Black Friday', 'Onboarding tips', 'Release notes', 'Survey', 'Event recap', 'Holiday hours'];
const ID_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export const SUBSCRIBER_COUNT = 2500;
export const CAMPAIGN_COUNT = 64;

/** Sender's custom fields, as `GET /fields` lists them [doc: api.sender.net/fields]. */
export const SENDER_FIELDS: Rec[] = [
  { id: 'c1', title: 'Plan', account_id: 'a1', user_id: 'u1', created: '2025-01-01 00:00:00', modified: '2025-01-01 00:00:00', type: 'text', show: 1, field_name: '{$plan}', position: 0, default: false },
];

/** Sender's and SendPortal's body dates: "YYYY-MM-DD HH:MM:SS", no zone [doc; src: toDateTimeString()]. */
export const plainTime = (d = new Date()) => d.toISOString().replace('T', ' ').slice(0, 19);

/** A date drawn from 2025 on, as the APIs write them. */
function plainDate(rand: () => number): string {
  return plainTime(new Date(Date.UTC(2025, 0, 1) + Math.floor(rand() * 600) * 86_400_000 + Math.floor(rand() * 86_400) * 1000));
}

/** A scheduled campaign goes out later: 1 to 32 days from now (the drawn date's day), on the hour. */
function futureDate(drawn: string): string {
  const at = new Date(Date.now() + (1 + Number(drawn.slice(8, 10))) * 86_400_000);
  at.setUTCMinutes(0, 0, 0);
  return plainTime(at);
}

/** Stands for the sandbox's own origin in its data; replaced with it in every answer (the demo's images). */
export const SANDBOX_ORIGIN = '{{sandbox}}';

/** A campaign's HTML, with what a hostile or careless template may hold: a script, a tracking pixel, a link. */
function campaignHtml(title: string): string {
  return `<img src="${SANDBOX_ORIGIN}/media/banner.svg" width="560" alt="Newsletter"><h1>${title}</h1><p>Hello {{first_name}}, here is what's new.</p><p><img src="${SANDBOX_ORIGIN}/media/product.svg" width="560" alt="New this month"></p><p><a href="https://example.com/news">Read more</a></p><img src="https://tracker.example/pixel.gif" width="1" height="1" alt="">`;
}

export type Rec = Record<string, unknown>;

export function senderSubscribers(seed = 1, count = SUBSCRIBER_COUNT): Rec[] {
  const rand = mulberry32(seed);
  const out: Rec[] = [];
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    let id = '';
    while (!id || used.has(id)) id = Array.from({ length: 7 }, () => ID_CHARS[Math.floor(rand() * ID_CHARS.length)]).join('');
    used.add(id);
    const first = FIRST[i % FIRST.length];
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length];
    const r = rand();
    // Sender's statuses: mostly active; some unsubscribed, bounced, reported as spam, or never subscribed [doc; plugin].
    const status = r < 0.85 ? 'active' : r < 0.93 ? 'unsubscribed' : r < 0.97 ? 'bounced' : r < 0.985 ? 'spam_reported' : 'non-subscribed';
    out.push({
      id,
      email: `${first}.${last}.${i + 1}@example.com`.toLowerCase().replace(/\s+/g, ''),
      firstname: first,
      lastname: last,
      phone: i % 5 === 0 ? `+3706${String(1000000 + i).slice(-7)}` : null,
      phone_country: i % 5 === 0 ? { phone_code: 370, country_code: 'LT' } : null,
      created: plainDate(rand),
      location: 'Vilnius',
      status: { email: status, temail: 'active' },
      subscriber_tags: [...(i % 3 === 0 ? [{ id: 'g1', title: 'Customers' }] : []), ...(i % 10 === 0 ? [{ id: 'g2', title: 'Beta testers' }] : [])],
      columns: [{ id: 'c1', title: 'Plan', type: 'text', value: i % 2 ? 'pro' : 'free', default: false }],
    });
  }
  return out;
}

/** Sender's `html` is an object: `{id, thumbnail_url, has_preview, html_content, html_body}` [doc: api.sender.net campaigns]. */
export function senderHtml(i: number, html: string): Rec {
  return { id: 5000 + i, thumbnail_url: null, has_preview: true, html_content: `<!DOCTYPE html><html><body>${html}</body></html>`, html_body: html };
}

export function senderCampaigns(seed = 2): Rec[] {
  const rand = mulberry32(seed);
  const statuses = ['DRAFT', 'SCHEDULED', 'SENDING', 'SENT'];
  return Array.from({ length: CAMPAIGN_COUNT }, (_, i) => {
    const status = statuses[i % statuses.length];
    const sent = status === 'SENT' || status === 'SENDING';
    const recipients = 500 + Math.floor(rand() * 2000);
    // Sender: recipient_count is the audience; sent_count what went out, bounces_count what came back [community].
    const sentCount = status === 'SENT' ? recipients - Math.floor(recipients * 0.02) : status === 'SENDING' ? Math.floor(recipients / 2) : 0;
    const scheduleTime = status === 'SCHEDULED' ? futureDate(plainDate(rand)) : null;
    const sentTime = status === 'SENT' ? plainDate(rand) : null;
    const [created, modified] = [plainDate(rand), plainDate(rand)];
    // Unique opens and clicks; whoever clicked also opened (the report's clickers are among its openers).
    const opens = sent ? Math.floor(sentCount * rand() * 0.6) : 0;
    const clicks = sent ? Math.floor(opens * rand() * 0.5) : 0;
    return {
      id: `c${String(1000 + i)}`,
      title: `${TOPICS[i % TOPICS.length]} #${i + 1}`,
      subject: `${TOPICS[i % TOPICS.length]}: what's new`,
      from: 'Team',
      reply_to: 'team@example.com',
      language: 'en',
      recipient_count: recipients,
      sent_count: sentCount,
      bounces_count: sent ? Math.floor(sentCount * 0.01) : 0,
      schedule_time: scheduleTime,
      sent_time: sentTime,
      status,
      created,
      modified,
      html: senderHtml(i, campaignHtml(`${TOPICS[i % TOPICS.length]} #${i + 1}`)),
      last_action: sent ? 'step4' : 'step2',
      auto_followup_active: 0,
      auto_followup_subject: null,
      auto_followup_delay: null,
      editor: 'html',
      preheader: null,
      campaign_groups: i % 2 === 0 ? [] : ['g1'],
      opens,
      clicks,
      send_to_all: i % 2 === 0,
    };
  });
}

export type IdGaps = 'runs' | 'random' | 'clustered';

/** Ids that grow with gaps like a database's after deletions, the same for a seed. */
function gappedIds(count: number, gaps: IdGaps, seed: number): number[] {
  if (gaps === 'runs') return Array.from({ length: count }, (_, i) => i + 1 + Math.floor(i / 10) * 15);
  const rand = mulberry32(seed);
  const ids: number[] = [];
  for (let id = 1; ids.length < count; id++) {
    if (gaps === 'random' ? rand() < 0.7 : false) continue;
    if (gaps === 'clustered' && rand() < 0.01) id += 20 + Math.floor(rand() * 380);
    ids.push(id);
  }
  return ids;
}

export function sendPortalSubscribers(seed = 3, count = SUBSCRIBER_COUNT, sparse: boolean | IdGaps = false): Rec[] {
  const rand = mulberry32(seed);
  const gapped = sparse ? gappedIds(count, sparse === true ? 'runs' : sparse, seed + 100) : undefined;
  return Array.from({ length: count }, (_, i) => {
    const first = FIRST[(i * 7) % FIRST.length];
    const last = LAST[(i * 3) % LAST.length];
    const created = plainDate(rand);
    return {
      id: gapped ? gapped[i] : i + 1,
      first_name: first,
      last_name: last,
      email: `${first}.${i + 1}@sendportal.test`.toLowerCase(),
      unsubscribed_at: rand() < 0.1 ? created : null,
      created_at: created,
      updated_at: created,
    };
  });
}

export function sendPortalCampaigns(seed = 4): Rec[] {
  const rand = mulberry32(seed);
  return Array.from({ length: CAMPAIGN_COUNT + 1 }, (_, i) => {
    const statusId = (i % 5) + 1;
    // Sending, sent, and a cancelled campaign that partly went out [seen: 233 sent on a cancelled one].
    const sent = statusId === 3 || statusId === 4 || (statusId === 5 && i % 2 === 0) ? 300 + Math.floor(rand() * 1500) : 0;
    return {
      id: i + 1,
      name: `${TOPICS[(i + 3) % TOPICS.length]} ${i + 1}`,
      subject: `${TOPICS[(i + 3) % TOPICS.length]} for you`,
      content: campaignHtml(`${TOPICS[(i + 3) % TOPICS.length]} ${i + 1}`),
      status_id: statusId,
      template_id: 1,
      // The seventh campaign, a draft, has no email service chosen yet: SendPortal cannot send it (500) [seen].
      email_service_id: i === 5 ? null : 1,
      from_name: 'Team',
      from_email: 'team@sendportal.test',
      is_open_tracking: true,
      is_click_tracking: true,
      sent_count: sent,
      // SendPortal's API columns open_count/click_count are not kept up to date: always 0 [seen, real SendPortal 2.0.4].
      open_count: 0,
      click_count: 0,
      // The eleventh, a draft, goes to the Customers tag only.
      send_to_all: i !== 10,
      tags: i === 10 ? [1] : [],
      save_as_draft: statusId === 1,
      // Queued ones wait for their time (the dispatcher sends them when it comes); drafts made in the web app have none.
      scheduled_at: statusId === 2 ? futureDate(plainDate(rand)) : null,
      created_at: plainDate(rand),
      updated_at: plainDate(rand),
    };
  });
}

/** Stored as the model has them; the API's Tag resource answers `created_at` and `update_at` (sic) as "Y-m-d H:i:s". */
export const SENDPORTAL_TAGS: Rec[] = [
  { id: 1, name: 'Customers', created_at: '2025-01-01 00:00:00', updated_at: '2025-01-01 00:00:00' },
  { id: 2, name: 'Beta', created_at: '2025-02-01 00:00:00', updated_at: '2025-02-01 00:00:00' },
];

/** SendPortal templates: `{id, name, content, created_at, updated_at}`, listed by name [src: Http\\Resources\\Template]. */
export const SENDPORTAL_TEMPLATES: Rec[] = [
  { id: 1, name: 'Default', content: '<html><body><div style="max-width:600px;margin:auto">{{content}}</div><p>{{unsubscribe_url}}</p></body></html>', created_at: '2025-01-01 00:00:00', updated_at: '2025-01-01 00:00:00' },
  { id: 2, name: 'Announcement', content: '<h1 style="color:#1f2a44">News</h1>{{content}}<img src="https://tracker.example/logo.png" alt="logo">', created_at: '2025-03-01 00:00:00', updated_at: '2025-06-01 12:00:00' },
];
