/**
 * Sender.net API v2: every endpoint the extension calls. Sources: Sender's API pages on api.sender.net (named per
 * entry), the reference text sources/sender-api-v2.md, and where Sender documents nothing, the community
 * clients and Sender's WordPress plugin as sources/community.md records them ([community]).
 */
import type { Campaign, Subscriber, SubscriberList } from '../../src/api';
import { ANY, type Answer, type Endpoint, errors, nullable, page } from './contract';

const DOCS = 'https://api.sender.net';

/** A subscriber as `GET /subscribers/{key}` shows one [doc: get-subscriber; fields listed in sources/sender-api-v2.md]. */
export const SUBSCRIBER = {
  id: 'o2lk68Y',
  email: 'sender.support@example.com',
  firstname: nullable('Sender'),
  lastname: nullable('Support'),
  phone: nullable('+37060000000'),
  // A number in the add-subscriber example [doc: api.sender.net/subscribers/add-subscriber].
  phone_country: nullable({ phone_code: 370, country_code: 'LT' }),
  created: '2023-01-01 10:00:00',
  location: nullable('Vilnius'),
  'ip_address?': nullable('127.0.0.1'),
  status: { email: 'active', temail: 'active' },
  subscriber_tags: [{ id: 'eZVD4w', title: 'Customers' }],
  columns: [{ id: 'epxZye', title: 'Plan', type: 'text', value: 'pro', default: false }],
};

/** A campaign as the docs' "Get all campaigns" example shows it, with the fields community clients read after it. */
export const CAMPAIGN = {
  id: 'bojJ7k',
  subject: 'campaign subject',
  reply_to: 'team@example.com',
  language: 'en',
  recipient_count: 144,
  from: 'email from',
  schedule_time: nullable('2025-01-10 09:00:00'),
  last_action: 'step4',
  sent_time: nullable('2025-01-10 09:00:00'),
  status: 'SENT',
  created: '2020-05-06 13:34:26',
  modified: '2020-11-19 17:04:56',
  title: 'campaign title',
  auto_followup_active: 1,
  auto_followup_subject: nullable('followup subject'),
  auto_followup_delay: nullable(72),
  editor: 'editor',
  opens: 3,
  clicks: 8,
  send_to_all: ANY,
  html: { id: 1, thumbnail_url: nullable('https://x/t.png'), has_preview: ANY, html_content: '<html><body><h1>News</h1></body></html>', html_body: '<h1>News</h1>' },
  'sent_count?': 140,
  'bounces_count?': 1,
  'preheader?': nullable('Three things'),
  'campaign_groups?': [],
};

/** A group [community: typed clients; Sender's WordPress plugin reads `title` and pages on `meta.last_page`]. */
const GROUP = {
  id: 'eZVD4w', title: 'Customers', recipient_count: 10, active_subscribers: 9, unsubscribed_count: 1, bounced_count: 0, phone_count: 2,
  created: '2025-01-10 09:00:00', modified: nullable('2025-01-10 09:00:00'), opens_rate: 41.2, click_rate: 6.1,
};
const SEGMENT = { id: 'sg1', title: 'Has a phone', created: '2025-03-01 10:00:00' };
/** A custom field as `POST /fields` answers it [doc: api.sender.net/fields/add-one]. */
const FIELD = {
  id: 'epxZye', title: 'New text field', account_id: 'eEqqve', user_id: 'egp79a', created: '2022-06-02 10:12:25', modified: '2022-06-02 10:12:25',
  type: 'text', show: 0, field_name: '{$new_text_field}', position: 0, default: false,
};

const sub: Subscriber = { id: 'o2lk68Y', email: 'ada.lovelace.1@example.com', status: 'active', tags: [], raw: {} };
const group: SubscriberList = { id: 'g1', kind: 'group', name: 'Customers', raw: {} };
const segment: SubscriberList = { id: 'sg1', kind: 'segment', name: 'Has a phone', raw: {} };
const draft: Campaign = { id: 'c1000', title: 'Spring launch #1', status: 'draft', audience: [], raw: {} };
const scheduled: Campaign = { id: 'c1001', title: 'Weekly digest #2', status: 'scheduled', audience: [], raw: {} };
const sent: Campaign = { id: 'c1003', title: 'Webinar invite #4', status: 'sent', audience: [], raw: {} };

const ok = (body: unknown, source: string): Answer => ({ status: 200, body, source, becomes: 'value' });
const refused: Answer = { status: 400, body: { success: false, message: 'Only draft campaigns can be sent.' }, source: 'sources/sender-api-v2.md ("400 — Bad request": success and message)', becomes: 'BadRequestError' };
const unknownBody = (source: string): Answer => ({ status: 200, body: { success: true, message: 'Done' }, source: `no public source for the body (${source})`, becomes: 'value' });

const REPORTS = ['opens', 'clicks', 'unsubscribes', 'hard_bounces', 'soft_bounces', 'complaints'] as const;

export const SENDER: Endpoint[] = [
  {
    provider: 'sender', method: 'GET', path: 'subscribers',
    request: { query: { page: 'page number', limit: 'items per page (up to 1000)', order: 'a field to sort by', direction: 'asc or desc' } },
    source: 'sources/sender-api-v2.md (GET /v2/subscribers: page, limit, order, direction)',
    answers: [
      ok(page(SUBSCRIBER), 'sources/sender-api-v2.md (data array, links and meta); items as get-subscriber shows them'),
      ...errors('sender'),
      { status: 429, body: { message: 'Too Many Attempts.' }, headers: { 'Retry-After': '30', 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '0' }, source: 'sources/sender-api-v2.md ("429 — Too many requests", its headers)', becomes: 'RateLimitedError' },
    ],
    sample: { path: 'subscribers', query: { page: '1', limit: '3' } },
    call: (p) => p.listSubscribers(1, { limit: 3 }),
    also: [(p) => p.checkHealth()],
  },
  {
    provider: 'sender', method: 'GET', path: 'subscribers/{key}',
    request: {}, source: `${DOCS}/subscribers/get-subscriber (email, phone or id in the path)`,
    answers: [ok({ data: SUBSCRIBER }, `${DOCS}/subscribers/get-subscriber`), ...errors('sender', { notFound: true })],
    sample: { path: 'subscribers/ada.lovelace.1%40example.com' },
    call: (p) => p.getSubscriber('ada.lovelace.1@example.com'),
  },
  {
    provider: 'sender', method: 'POST', path: 'subscribers',
    request: { body: { email: 'required; its letter case: no public source (matched in any case here, as mailboxes are)', firstname: '', lastname: '', phone: 'with the country code', groups: 'group ids', trigger_automation: 'false unless the user asks (default true)' } },
    source: `${DOCS}/subscribers/add-subscriber ("Creates a new subscriber"); what it does to an existing address: no public source, so never used for one`,
    answers: [ok({ success: true, message: [], data: SUBSCRIBER }, `${DOCS}/subscribers/add-subscriber (sources/community.md)`), ...errors('sender', { invalid: true })],
    sample: { path: 'subscribers', body: { email: 'new.person@example.com', firstname: 'New', trigger_automation: false } },
    call: (p) => p.addSubscriber({ email: 'new.person@example.com', firstName: 'New' }),
  },
  {
    provider: 'sender', method: 'PATCH', path: 'subscribers/{key}',
    request: { body: { firstname: '', lastname: '', phone: '', fields: 'custom fields by their {$name} tag', subscriber_status: 'ACTIVE or UNSUBSCRIBED', trigger_automation: 'false unless the user asks (default true)' } },
    source: `${DOCS}/subscribers/update-subscriber`,
    answers: [ok({ success: true, message: 'Success', data: [] }, `${DOCS}/subscribers/update-subscriber (example response)`), ...errors('sender', { notFound: true, invalid: true })],
    sample: { path: 'subscribers/ada.lovelace.1%40example.com', body: { subscriber_status: 'UNSUBSCRIBED', trigger_automation: false } },
    call: (p) => p.setSubscribed(sub, false),
    also: [
      (p) => p.updateSubscriber(sub, { firstName: 'Ada', fields: { c1: { tag: '{$plan}', value: 'pro' } } }),
      (p) => p.addSubscriber({ email: sub.email, firstName: 'Ada', lists: ['g2'], exists: true }),
    ],
  },
  {
    provider: 'sender', method: 'DELETE', path: 'subscribers',
    request: { body: { subscribers: 'emails' } },
    source: `${DOCS}/subscribers/delete-subscriber`,
    answers: [ok({ message: 'Selected subscribers will be deleted shortly', delete_instance: 'instance_reference_id' }, `${DOCS}/subscribers/delete-subscriber (example response)`), ...errors('sender', { invalid: true })],
    sample: { path: 'subscribers', body: { subscribers: ['ada.lovelace.1@example.com'] } },
    call: (p) => p.deleteSubscribers([sub]),
  },
  {
    provider: 'sender', method: 'GET', path: 'subscribers/{key}/events',
    request: { query: { actions: 'a JSON array of got, opened, clicked, unsubscribed, bounced' } },
    source: `${DOCS}/subscribers/events`,
    answers: [
      ok({
        email: { '*': [{ campaign_id: 'bojJ7k', subscriber_id: 'o2lk68Y', title: 'Example email subject', created_at: '2023-01-01 10:00:00' }] },
        sms: [],
        temail: { sent: [] },
        sms_campaign: { sent_count: 0, clicked_count: 0, delivered_count: 0, failed_count: 0, unsubscribed_at: nullable('2025-01-10 09:00:00'), unsubscribed: 0 },
        email_campaign: { sent_count: 1, opened_count: 0, clicked_count: 0, unsubscribed: 0, bounced: 0, spam_reported: 0 },
      }, `${DOCS}/subscribers/events (response)`),
      ...errors('sender', { notFound: true, invalid: true }),
    ],
    sample: { path: 'subscribers/ada.lovelace.1%40example.com/events', query: { actions: '["got","opened","clicked","unsubscribed","bounced"]' } },
    call: (p) => p.subscriberActivity!(sub),
  },
  {
    provider: 'sender', method: 'GET', path: 'fields',
    request: {}, source: `${DOCS}/fields (list all fields)`,
    answers: [ok({ data: [FIELD], 'links?': ANY, 'meta?': ANY }, `a field's shape: ${DOCS}/fields/add-one; the list's envelope as every list's`), ...errors('sender')],
    sample: { path: 'fields' },
    call: (p) => p.listFields!(),
  },
  {
    provider: 'sender', method: 'GET', path: 'groups',
    request: { query: { page: '', limit: '' } }, source: '[community] sources/community.md: Sender\'s WordPress plugin includes/Sender_API.php (loops on meta.last_page)',
    answers: [ok(page(GROUP), '[community] typed clients of the API (sources/community.md)'), ...errors('sender')],
    sample: { path: 'groups', query: { page: '1', limit: '25' } },
    call: (p) => p.listLists('group', 1),
  },
  {
    provider: 'sender', method: 'GET', path: 'segments',
    request: { query: { page: '', limit: '' } }, source: '[doc/community] sources/community.md: GET /segments',
    answers: [ok(page(SEGMENT), '[community] (sources/community.md)'), ...errors('sender')],
    sample: { path: 'segments', query: { page: '1', limit: '25' } },
    call: (p) => p.listLists('segment', 1),
  },
  ...(['groups', 'segments'] as const).map((kind): Endpoint => ({
    provider: 'sender', method: 'GET', path: `${kind}/{id}/subscribers`,
    request: { query: { page: '', limit: '' } }, source: `[doc/community] sources/community.md: GET /${kind}/{id}/subscribers`,
    answers: [ok(page(SUBSCRIBER), `[community] paged like /subscribers (sources/community.md)`), ...errors('sender', { notFound: true })],
    sample: { path: kind === 'groups' ? 'groups/g1/subscribers' : 'segments/sg1/subscribers', query: { page: '1', limit: '25' } },
    call: (p) => p.listMembers(kind === 'groups' ? group : segment, 1),
  })),
  {
    provider: 'sender', method: 'POST', path: 'groups',
    request: { body: { title: 'the name' } }, source: '[community] sources/community.md: POST /groups {title}',
    answers: [unknownBody('the new group is then found among the groups by its title'), ...errors('sender', { invalid: true })],
    bodyUnknown: true,
    sample: { path: 'groups', body: { title: 'Contract group' } },
    call: (p) => p.createList('group', 'Customers'),
  },
  {
    provider: 'sender', method: 'PATCH', path: 'groups/{id}',
    request: { body: { title: 'the new name' } }, source: '[community] sources/community.md: PATCH /groups/{id}',
    answers: [unknownBody('the group is the one renamed'), ...errors('sender', { notFound: true, invalid: true })],
    bodyUnknown: true,
    sample: { path: 'groups/g1', body: { title: 'Renamed' } },
    call: (p) => p.renameList(group, 'Renamed'),
  },
  {
    provider: 'sender', method: 'DELETE', path: 'groups/{id}',
    request: {}, source: '[community] sources/community.md: DELETE /groups/{id}',
    answers: [unknownBody('not read'), ...errors('sender', { notFound: true })],
    bodyUnknown: true,
    sample: { path: 'groups/g2' },
    call: (p) => p.deleteList({ ...group, id: 'g2' }),
  },
  ...(['POST', 'DELETE'] as const).map((method): Endpoint => ({
    provider: 'sender', method, path: 'subscribers/groups/{id}',
    request: { body: { subscribers: 'emails', ...(method === 'POST' ? { trigger_automation: 'false' } : {}) } },
    source: method === 'POST'
      ? '[community] sources/community.md: PipedreamHQ/pipedream components/sender/actions/add-subscriber-to-group (links https://api.sender.net/subscribers/add-group/)'
      : '[community] sources/community.md: DELETE /subscribers/groups/{groupId}',
    answers: [
      method === 'POST'
        ? ok({ success: true, message: { subscribers_add_tag_group: ['a@example.com'], non_existing_subscribers: ['b@example.com'], invalid_emails: ['c@'], subscribers_with_group_already: ['d@example.com'] } }, '[community] sources/community.md: PipedreamHQ/pipedream components/sender/actions/add-subscriber-to-group (reads the four lists of message)')
        : unknownBody('not read'),
      ...errors('sender', { notFound: true, invalid: true }),
    ],
    ...(method === 'DELETE' ? { bodyUnknown: true as const } : {}),
    sample: { path: 'subscribers/groups/g2', body: { subscribers: ['ada.lovelace.1@example.com'] } },
    call: (p) => (method === 'POST' ? p.addToList(group, [sub]) : p.removeFromList(group, [sub])),
  })),
  {
    provider: 'sender', method: 'GET', path: 'campaigns',
    request: { query: { page: '', limit: '', status: 'DRAFT, SCHEDULED, SENDING or SENT', order: '', direction: '' } },
    source: 'sources/sender-api-v2.md (GET /v2/campaigns: limit, status)',
    answers: [ok(page(CAMPAIGN), `${DOCS} ("Get all campaigns" example); sent_count, bounces_count, preheader, campaign_groups [community]`), ...errors('sender')],
    sample: { path: 'campaigns', query: { page: '1', limit: '4' } },
    call: (p) => p.listCampaigns(1, { limit: 4 }),
  },
  {
    provider: 'sender', method: 'POST', path: 'campaigns',
    request: {
      body: {
        title: 'the name in the lists', subject: 'required', from: 'required: the sender\'s name', reply_to: 'required: the sending address, on a verified domain',
        preheader: 'the preview text', content_type: '"html"', content: 'the HTML', groups: 'group ids', segments: 'segment ids',
      },
    },
    source: `[community] a client's create action (title, subject, from, reply_to, content_type, groups); ${DOCS}/transactional-campaigns/create (the same fields, preheader and content, for transactional campaigns)`,
    answers: [
      ok({ 'success?': true, 'message?': 'Campaign created', data: { id: 'c1000' } }, '[community] sources/community.md: a client reads data.id of the answer (the new campaign\'s id)'),
      // Without data.id the draft is looked for among those made since the request; here none was (the answer is faked).
      { ...unknownBody('without data.id: the newest draft of this title made since the request was sent'), becomes: 'InvalidResponseError' },
      ...errors('sender', { invalid: true }),
    ],
    rules: [
      { name: 'reply-to-required', source: `${DOCS}/transactional-campaigns/create (reply_to required); [community] sources/community.md`, refused: { body: { subject: 'News', from: 'Team' }, field: 'reply_to' }, accepted: { body: { subject: 'News', from: 'Team', reply_to: 'team@sender.test' } } },
      { name: 'reply-to-email', source: `${DOCS}/transactional-campaigns/create`, refused: { body: { subject: 'News', from: 'Team', reply_to: 'team' }, field: 'reply_to' } },
    ],
    sample: { path: 'campaigns', body: { title: 'Contract draft', subject: 'News', from: 'Team', reply_to: 'team@sender.test', content_type: 'html', content: '<p>x</p>', groups: ['g1'], segments: [] } },
    call: (p) => p.createDraft!({ title: 'Spring launch #1', subject: 'News', fromName: 'Team', fromEmail: 'team@sender.test', toAll: false, lists: ['g1'], html: '<p>x</p>' }),
  },
  {
    provider: 'sender', method: 'GET', path: 'campaigns/{id}',
    request: {}, source: '[community] sources/community.md: GET /campaigns/{id}',
    answers: [ok({ data: CAMPAIGN }, `${DOCS} (the campaign's shape, as in the list); {data: …} as every single item [community]`), ...errors('sender', { notFound: true })],
    sample: { path: 'campaigns/c1000' },
    call: (p) => p.getCampaign('c1000'),
    // A sending confirmation reads the campaign now: the same request.
    also: [(p) => p.readForSending('c1000')],
  },
  ...([['send', 'POST', draft], ['schedule', 'POST', draft], ['schedule', 'DELETE', scheduled]] as const).map(([action, method, c]): Endpoint => ({
    provider: 'sender', method, path: `campaigns/{id}/${action}`,
    request: action === 'schedule' && method === 'POST' ? { body: { schedule_time: '"YYYY-MM-DD HH:MM:SS", sent in UTC (its zone: no public source)' } } : {},
    source: `[community] sources/community.md: ${method} /campaigns/{id}/${action}`,
    answers: [unknownBody('the campaign is read again'), refused, ...errors('sender', { notFound: true })],
    bodyUnknown: true,
    sample: { path: `campaigns/${c.id}/${action}`, body: action === 'schedule' && method === 'POST' ? { schedule_time: '2099-01-01 09:00:00' } : undefined },
    call: (p) => (method === 'DELETE' ? p.cancelSchedule!(c) : action === 'send' ? p.sendCampaign(c) : p.scheduleCampaign!(c, new Date(Date.UTC(2099, 0, 1, 9)))),
  })),
  ...REPORTS.map((kind): Endpoint => ({
    provider: 'sender', method: 'GET', path: `campaigns/{id}/${kind}`,
    request: { query: { page: '', limit: '' } },
    source: `[community] sources/community.md: GET /campaigns/{id}/${kind} (three clients; complaints in one)`,
    answers: [ok(page({ ...SUBSCRIBER, 'url?': 'https://example.com/news' }), '[community] sources/community.md: clients read email, url and meta.total: subscribers, clicks with the link'), ...errors('sender', { notFound: true })],
    sample: { path: `campaigns/${sent.id}/${kind}`, query: { page: '1', limit: '25' } },
    call: (p) => p.campaignReport!(sent, kind, 1),
  })),
];
