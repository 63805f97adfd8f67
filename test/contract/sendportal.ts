/**
 * SendPortal API v1: every endpoint the extension calls. Sources: mettle/sendportal-core at v2.0.5 (files named per
 * entry: Http/Controllers/Api, Http/Requests/Api, Http/Resources), the reference text
 * sources/sendportal-api-v1.md, and what sources/seen.md records as seen from a running SendPortal.
 */
import type { Campaign, DraftInput, NewsletterProvider, Subscriber, SubscriberList } from '../../src/api';
import { type Answer, type Endpoint, type Rule, errors, nullable, page } from './contract';

const SRC = 'mettle/sendportal-core v2.0.5 src/';

/** Http/Resources/Subscriber: `tags` only where loaded (a single subscriber, a store). */
export const SP_SUBSCRIBER = {
  id: 1, first_name: nullable('Ada'), last_name: nullable('Lovelace'), email: 'ada@example.com', 'tags?': [] as unknown[], unsubscribed_at: nullable('2025-01-01 00:00:00'),
  created_at: '2025-01-01 00:00:00', updated_at: '2025-01-01 00:00:00',
};
/** Http/Resources/Tag: `update_at` (sic); `subscribers` only where loaded. */
const TAG = { id: 1, name: 'Customers', 'subscribers?': [] as unknown[], created_at: '2025-01-01 00:00:00', update_at: '2025-01-01 00:00:00' };
/** Http/Resources/Campaign: `tags` (ids) only where loaded, which the index does and show does not. */
export const SP_CAMPAIGN = {
  id: 1, name: 'Spring launch', subject: 'News', content: '<p>Hello</p>', status_id: 1, template_id: nullable(1), email_service_id: nullable(1),
  from_name: 'Team', from_email: 'team@example.com', is_open_tracking: true, is_click_tracking: true, sent_count: 0, open_count: 0, click_count: 0,
  send_to_all: true, 'tags?': [1], save_as_draft: true, scheduled_at: nullable('2025-01-01 00:00:00'), created_at: '2025-01-01 00:00:00', updated_at: '2025-01-01 00:00:00',
};
const TEMPLATE = { id: 1, name: 'Default', content: '<html>{{content}}</html>', created_at: '2025-01-01 00:00:00', updated_at: '2025-01-01 00:00:00' };

const sub: Subscriber = { id: '3', email: 'ada.3@sendportal.test', firstName: 'Ada', status: 'active', tags: [], raw: {} };
const tag: SubscriberList = { id: '1', kind: 'tag', name: 'Customers', raw: {} };
/** The seeded draft (id 1), read now as a sending confirmation reads it (goes to everyone). */
const fresh = (p: NewsletterProvider, id = '1') => p.readForSending(id);
const draft: Campaign = { id: '1', title: 'Webinar invite 1', status: 'draft', audience: [], toAll: true, raw: { send_to_all: true, tags: [] } };

/** The seeded draft (id 11) that goes to tag 1 only, as a card holds it (no tags: the single campaign has none). */
/** A newsletter file's draft, its names resolved (tag 1). */
const input: DraftInput = { title: 'Contract', subject: 'News', fromName: 'Team', fromEmail: 'team@sendportal.test', toAll: false, lists: ['1'], html: '<p>Hello</p>', templateId: '1', emailServiceId: '1' };

const targeted: Campaign = { id: '11', title: 'Webinar invite 11', status: 'draft', audience: [], raw: {} };

/** A draft's body the store rules take: everyone, content, an email service, a date. */
const DRAFT = { name: 'Rules', subject: 'News', content: '<p>x</p>', email_service_id: 1, from_name: 'Team', from_email: 'team@sendportal.test', send_to_all: 1, tags: [], scheduled_at: '2099-01-01 09:00:00' };
const REQ = `${SRC}Http/Requests/`;
/** SendPortal's campaign store rules, for POST /campaigns and (a draft's) PUT /campaigns/{id}. */
const campaignRules = (path?: string): Rule[] => [
  { name: 'send-to-all-one', source: `${REQ}Api/CampaignStoreRequest.php (tags required_unless:send_to_all,1; a JSON true is not "1")`, refused: { path, body: { ...DRAFT, send_to_all: true }, field: 'tags' }, accepted: { path, body: DRAFT } },
  { name: 'tags-required', source: `${REQ}Api/CampaignStoreRequest.php`, refused: { path, body: { ...DRAFT, send_to_all: 0 }, field: 'tags' }, accepted: { path, body: { ...DRAFT, send_to_all: 0, tags: [1] } } },
  { name: 'tags-exist', source: `${REQ}Api/CampaignStoreRequest.php (Rule::in the workspace's tags)`, refused: { path, body: { ...DRAFT, send_to_all: 0, tags: [999] }, field: 'tags' } },
  { name: 'content-required-without-template', source: `${REQ}CampaignStoreRequest.php`, refused: { path, body: { ...DRAFT, content: '' }, field: 'content' }, accepted: { path, body: { ...DRAFT, content: '', template_id: 1 } } },
  { name: 'template-exists', source: `${REQ}CampaignStoreRequest.php (exists:templates,id)`, refused: { path, body: { ...DRAFT, template_id: 999 }, field: 'template_id' } },
  { name: 'email-service-exists', source: `${REQ}CampaignStoreRequest.php (exists:email_services,id)`, refused: { path, body: { ...DRAFT, email_service_id: 999 }, field: 'email_service_id' } },
  { name: 'from-email-email', source: `${REQ}CampaignStoreRequest.php`, refused: { path, body: { ...DRAFT, from_email: 'team' }, field: 'from_email' } },
  { name: 'scheduled-at-date', source: `${REQ}Api/CampaignStoreRequest.php`, refused: { path, body: { ...DRAFT, scheduled_at: 'soon' }, field: 'scheduled_at' } },
];

const ok = (body: unknown, source: string, status = 200): Answer => ({ status, body, source, becomes: 'value' });
const notFound = (model: string): Answer => ({ status: 404, body: { message: `No query results for model [Sendportal\\Base\\Models\\${model}] 999` }, source: 'sources/seen.md (404 body seen from a real SendPortal)', becomes: 'NotFoundError' });

export const SENDPORTAL: Endpoint[] = [
  {
    provider: 'sendportal', method: 'GET', path: 'ping',
    request: {}, source: 'sources/sendportal-api-v1.md ("Testing the API": no authentication)',
    answers: [ok('ok', 'sources/sendportal-api-v1.md (the string ok); text/html [seen]')],
    sample: { path: 'ping' },
    anonymous: true,
    // With no token to check, the status check pings.
    call: (p) => p.checkHealth(),
  },
  {
    provider: 'sendportal', method: 'GET', path: 'subscribers',
    request: { query: { page: 'page number (25 a page; per_page is ignored)' } }, source: `${SRC}Http/Controllers/Api/SubscribersController.php (index: paginate by last_name)`,
    answers: [
      ok(page({ ...SP_SUBSCRIBER, 'tags?': undefined }), 'sources/sendportal-api-v1.md (paginated format); items: Http/Resources/Subscriber'),
      ...errors('sendportal'),
      { status: 429, body: { message: 'Too Many Attempts.' }, headers: { 'Retry-After': '30', 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '1767225600' }, source: 'sources/sendportal-api-v1.md ("429 Too Many Requests"); body seen (sources/community.md)', becomes: 'RateLimitedError' },
    ],
    sample: { path: 'subscribers', query: { page: '1' } },
    call: (p) => p.listSubscribers(1),
  },
  {
    provider: 'sendportal', method: 'GET', path: 'subscribers/{id}',
    request: {}, source: `${SRC}Http/Controllers/Api/SubscribersController.php (show, tags loaded)`,
    answers: [ok({ data: { ...SP_SUBSCRIBER, tags: [TAG] } }, `${SRC}Http/Resources/Subscriber.php`), ...errors('sendportal'), notFound('Subscriber')],
    sample: { path: 'subscribers/3' },
    call: (p) => p.getSubscriber('3'),
    // Recovery: the tags' members first (their own entries), then this look-up by id; its bound is arithmetic.
    also: [(p) => p.findMissingSubscribers!(new Set(['1', '2']), 1), async (p) => p.missingLookupCost!(new Set(['1', '2']), 2, 1)],
  },
  {
    provider: 'sendportal', method: 'POST', path: 'subscribers',
    request: { body: { email: 'required; the upsert key, exact (case-sensitive)', first_name: '', last_name: '', unsubscribed_at: 'nullable date (unsubscribe / resubscribe)', 'tags (not sent)': 'would replace all tags (synced when present)' } },
    source: `${SRC}Http/Requests/Api/SubscriberStoreRequest.php, Services/Subscribers/ApiSubscriberService.php (upsert by email)`,
    answers: [
      ok({ data: { ...SP_SUBSCRIBER, tags: [TAG] } }, `${SRC}Http/Controllers/Api/SubscribersController.php (store: 201 when created)`, 201),
      ok({ data: { ...SP_SUBSCRIBER, tags: [TAG] } }, `${SRC}Http/Controllers/Api/SubscribersController.php (store: 200 when it updated)`),
      ...errors('sendportal', { invalid: true }),
    ],
    sample: { path: 'subscribers', body: { email: 'new.person@sendportal.test', first_name: 'New' } },
    call: (p) => p.addSubscriber({ email: 'new.person@sendportal.test', firstName: 'New' }),
    also: [(p) => p.setSubscribed(sub, false)],
  },
  {
    provider: 'sendportal', method: 'PUT', path: 'subscribers/{id}',
    request: { body: { email: 'required', first_name: 'nullable', last_name: 'nullable' } }, source: `${SRC}Http/Requests/Api/SubscriberUpdateRequest.php`,
    answers: [ok({ data: SP_SUBSCRIBER }, `${SRC}Http/Controllers/Api/SubscribersController.php (update)`), ...errors('sendportal', { invalid: true }), notFound('Subscriber')],
    sample: { path: 'subscribers/3', body: { email: 'ada.3@sendportal.test', first_name: 'Ada', last_name: 'L' } },
    call: (p) => p.updateSubscriber(sub, { lastName: 'L' }),
  },
  {
    provider: 'sendportal', method: 'DELETE', path: 'subscribers/{id}',
    request: {}, source: `${SRC}Http/Controllers/Api/SubscribersController.php (destroy)`,
    answers: [{ status: 204, source: `${SRC}Http/Controllers/Api/SubscribersController.php (destroy: 204, no body)`, becomes: 'value' }, ...errors('sendportal'), notFound('Subscriber')],
    sample: { path: 'subscribers/3' },
    call: (p) => p.deleteSubscribers([sub]),
  },
  {
    provider: 'sendportal', method: 'GET', path: 'tags',
    request: { query: { page: '', per_page: 'honoured here' } }, source: `${SRC}Http/Controllers/Api/TagsController.php (index)`,
    answers: [ok(page(TAG), `${SRC}Http/Resources/Tag.php`), ...errors('sendportal')],
    sample: { path: 'tags', query: { page: '1', per_page: '100' } },
    call: (p) => p.listLists('tag', 1),
  },
  {
    provider: 'sendportal', method: 'POST', path: 'tags',
    request: { body: { name: 'required, unique, at most 255' } }, source: `${SRC}Http/Requests/Api/TagStoreRequest.php`,
    answers: [ok({ data: TAG }, `${SRC}Http/Controllers/Api/TagsController.php (store, subscribers loaded)`, 201), ...errors('sendportal', { invalid: true })],
    sample: { path: 'tags', body: { name: 'Contract tag' } },
    call: (p) => p.createList('tag', 'Contract tag'),
  },
  {
    provider: 'sendportal', method: 'PUT', path: 'tags/{id}',
    request: { body: { name: 'required; its unique rule names a route parameter v2 does not have, so a taken name is accepted' } }, source: `${SRC}Http/Requests/Api/TagUpdateRequest.php`,
    answers: [ok({ data: TAG }, `${SRC}Http/Controllers/Api/TagsController.php (update)`), ...errors('sendportal', { invalid: true }), notFound('Tag')],
    sample: { path: 'tags/1', body: { name: 'Beta' } },
    call: (p) => p.renameList(tag, 'Renamed'),
  },
  {
    provider: 'sendportal', method: 'DELETE', path: 'tags/{id}',
    request: {}, source: `${SRC}Http/Controllers/Api/TagsController.php (destroy: detaches subscribers and campaigns)`,
    answers: [{ status: 204, source: `${SRC}Http/Controllers/Api/TagsController.php (destroy: 204)`, becomes: 'value' }, ...errors('sendportal'), notFound('Tag')],
    sample: { path: 'tags/2' },
    call: (p) => p.deleteList({ ...tag, id: '2' }),
  },
  {
    provider: 'sendportal', method: 'GET', path: 'tags/{id}/subscribers',
    request: {}, source: `${SRC}Http/Controllers/Api/TagSubscribersController.php (index: every member, not paginated)`,
    answers: [ok({ data: [SP_SUBSCRIBER] }, `${SRC}Http/Controllers/Api/TagSubscribersController.php`), ...errors('sendportal'), notFound('Tag')],
    sample: { path: 'tags/1/subscribers' },
    call: (p) => p.listMembers(tag, 1),
  },
  ...(['POST', 'DELETE'] as const).map((method): Endpoint => ({
    provider: 'sendportal', method, path: 'tags/{id}/subscribers',
    request: { body: { subscribers: 'subscriber ids (integers)' } }, source: `${SRC}Http/Requests/Api/TagSubscriber${method === 'POST' ? 'Store' : 'Destroy'}Request.php`,
    answers: [ok({ data: [SP_SUBSCRIBER] }, `${SRC}Http/Controllers/Api/TagSubscribersController.php (the tag's members after)`), ...errors('sendportal', { invalid: true }), notFound('Tag')],
    sample: { path: 'tags/1/subscribers', body: { subscribers: [3] } },
    call: (p) => (method === 'POST' ? p.addToList(tag, [sub]) : p.removeFromList(tag, [sub])),
  })),
  {
    provider: 'sendportal', method: 'GET', path: 'campaigns',
    request: { query: { page: '(25 a page; no status filter)' } }, source: `${SRC}Http/Controllers/Api/CampaignsController.php (index, tags loaded)`,
    answers: [ok(page({ ...SP_CAMPAIGN, tags: [1] }), `${SRC}Http/Resources/Campaign.php`), ...errors('sendportal')],
    sample: { path: 'campaigns', query: { page: '1' } },
    call: (p) => p.listCampaigns(1),
  },
  {
    provider: 'sendportal', method: 'GET', path: 'campaigns/{id}',
    request: {}, source: `${SRC}Http/Controllers/Api/CampaignsController.php (show, tags not loaded)`,
    answers: [ok({ data: { ...SP_CAMPAIGN, 'tags?': undefined } }, `${SRC}Http/Resources/Campaign.php`), ...errors('sendportal'), notFound('Campaign')],
    sample: { path: 'campaigns/1' },
    call: (p) => p.getCampaign('1'),
    // A sending confirmation: this, then the index for the tags (its own entry).
    also: [(p) => fresh(p, '11')],
  },
  {
    provider: 'sendportal', method: 'PUT', path: 'campaigns/{id}',
    request: {
      body: {
        name: 'required', subject: 'required', content: '', template_id: '', email_service_id: 'required', from_name: 'required', from_email: 'required',
        is_open_tracking: '', is_click_tracking: '', send_to_all: 'required|boolean, sent as 1 or 0 (rule send-to-all-one)', tags: 'synced: every tag it goes to, as confirmed',
        'save_as_draft (not sent)': "the web app's queue-draft: messages saved, not sent (rule save-as-draft)", scheduled_at: 'required, a date (UTC): when the dispatcher may send it',
      },
    },
    source: `${SRC}Http/Requests/Api/CampaignStoreRequest.php (drafts only: valid_status), Http/Controllers/Api/CampaignsController.php (update)`,
    answers: [
      ok({ data: SP_CAMPAIGN }, `${SRC}Http/Controllers/Api/CampaignsController.php (update)`),
      { status: 422, body: { message: 'The given data was invalid.', errors: { '*': ['A campaign cannot be updated if its status is not draft'] } }, source: `${SRC}Http/Requests/Api/CampaignStoreRequest.php (messages)`, becomes: 'ValidationError' },
      ...errors('sendportal'), notFound('Campaign'),
    ],
    rules: [
      ...campaignRules('campaigns/1'),
      { name: 'update-needs-draft', source: `${REQ}Api/CampaignStoreRequest.php (valid_status)`, refused: { path: 'campaigns/4', body: DRAFT, field: 'status_id' } },
    ],
    sample: { path: 'campaigns/1', body: { name: 'Spring', subject: 'News', content: '<p>x</p>', email_service_id: 1, from_name: 'Team', from_email: 'team@sendportal.test', send_to_all: 1, tags: [], scheduled_at: '2099-01-01 09:00:00' } },
    call: async (p) => p.sendCampaign(await fresh(p)),
    also: [async (p) => p.scheduleCampaign!(await fresh(p), new Date(Date.now() + 86_400_000)), async (p) => p.sendCampaign(await fresh(p, '11')), (p) => p.updateDraft!(draft, { html: '<p>Changed</p>' }), (p) => p.updateDraft!(targeted, { html: '<p>Changed</p>' })],
  },
  {
    provider: 'sendportal', method: 'POST', path: 'campaigns',
    request: {
      body: {
        name: 'required', subject: 'required', content: 'the HTML (into the template\'s {{content}})', template_id: 'nullable', email_service_id: 'required',
        from_name: 'required', from_email: 'required, an email', send_to_all: 'required|boolean, sent as 1 or 0', tags: 'required unless send_to_all is 1',
        'save_as_draft (not sent)': 'a new campaign is a draft by the status column\'s default', scheduled_at: 'required, a date (a draft is not sent whatever it says)',
      },
    },
    source: `${SRC}Http/Requests/Api/CampaignStoreRequest.php, Http/Requests/CampaignStoreRequest.php (rules), Http/Controllers/Api/CampaignsController.php (store)`,
    answers: [
      ok({ data: { ...SP_CAMPAIGN, 'tags?': undefined, status_id: null, sent_count: null, open_count: null, click_count: null } }, `${SRC}Http/Controllers/Api/CampaignsController.php (store: the model as saved, not reloaded: status and counts null [seen], 201)`, 201),
      { status: 422, body: { message: 'The given data was invalid.', errors: { '*': ['The from email must be a valid email address.'] } }, source: `${SRC}Http/Requests/CampaignStoreRequest.php (from_email: email)`, becomes: 'ValidationError' },
      ...errors('sendportal'),
    ],
    rules: campaignRules(),
    sample: { path: 'campaigns', body: { name: 'Contract', subject: 'News', content: '<p>x</p>', email_service_id: 1, from_name: 'Team', from_email: 'team@sendportal.test', send_to_all: 1, tags: [], scheduled_at: '2099-01-01 09:00:00' } },
    call: (p) => p.createDraft!(input),
    also: [(p) => p.createDraft!({ ...input, emailServiceId: undefined })],
  },
  {
    provider: 'sendportal', method: 'POST', path: 'campaigns/{id}/send',
    request: {}, source: `${SRC}Http/Controllers/Api/CampaignDispatchController.php (queues a draft: status_id 2)`,
    answers: [
      ok({ data: { ...SP_CAMPAIGN, status_id: 2, 'tags?': undefined } }, `${SRC}Http/Controllers/Api/CampaignDispatchController.php`),
      { status: 422, body: { message: 'The given data was invalid.', errors: { '*': ['The campaign must have a status of draft to be dispatched'] } }, source: `${SRC}Http/Requests/Api/CampaignDispatchRequest.php`, becomes: 'ValidationError' },
      { status: 422, body: { message: 'The number of subscribers for this campaign exceeds your SES quota' }, source: `${SRC}Http/Controllers/Api/CampaignDispatchController.php (quota)`, becomes: 'ValidationError' },
      { status: 500, body: '<!DOCTYPE html><html><body>Server Error</body></html>', source: 'sources/seen.md (a campaign without an email service: 500, seen)', becomes: 'ServerError' },
      ...errors('sendportal'), notFound('Campaign'),
    ],
    sample: { path: 'campaigns/1/send' },
    call: async (p) => p.sendCampaign(await fresh(p)),
  },
  {
    provider: 'sendportal', method: 'GET', path: 'templates',
    request: { query: { page: '' } }, source: `${SRC}Http/Controllers/Api/TemplatesController.php (index, by name)`,
    answers: [ok(page(TEMPLATE), `${SRC}Http/Resources/Template.php`), ...errors('sendportal')],
    sample: { path: 'templates', query: { page: '1' } },
    call: (p) => p.listTemplates!(1),
  },
  {
    provider: 'sendportal', method: 'GET', path: 'templates/{id}',
    request: {}, source: `${SRC}Http/Controllers/Api/TemplatesController.php (show)`,
    answers: [ok({ data: TEMPLATE }, `${SRC}Http/Resources/Template.php`), ...errors('sendportal'), notFound('Template')],
    sample: { path: 'templates/1' },
    call: (p) => p.getTemplate!('1'),
  },
  {
    provider: 'sendportal', method: 'POST', path: 'templates',
    request: { body: { name: 'required, at most 255, unique in the workspace (rule template-name-unique-on-create)', content: 'required' } },
    source: `${SRC}Http/Requests/Api/TemplateStoreRequest.php, Http/Controllers/Api/TemplatesController.php (store)`,
    answers: [
      ok({ data: TEMPLATE }, `${SRC}Http/Controllers/Api/TemplatesController.php (store: a new Template resource, 201)`, 201),
      { status: 422, body: { message: 'The given data was invalid.', errors: { '*': ['The template name must be unique.'] } }, source: `${SRC}Http/Requests/Api/TemplateStoreRequest.php (messages)`, becomes: 'ValidationError' },
      ...errors('sendportal'),
    ],
    rules: [
      {
        name: 'template-name-unique-on-create', source: `${REQ}Api/TemplateStoreRequest.php`,
        refused: { body: { name: 'Default', content: '<p>{{content}}</p>' }, field: 'name' }, accepted: { body: { name: 'A new name', content: '<p>{{content}}</p>' } },
      },
    ],
    sample: { path: 'templates', body: { name: 'Contract template', content: '<html>{{content}}</html>' } },
    call: (p) => p.saveTemplate!({ name: 'Contract template', html: '<html>{{content}}</html>' }),
  },
  {
    provider: 'sendportal', method: 'PUT', path: 'templates/{id}',
    request: { body: { name: 'required; its unique rule names a route parameter v2 lacks, so a taken name is accepted (rule template-rename-not-unique)', content: 'required' } },
    source: `${SRC}Http/Requests/Api/TemplateUpdateRequest.php, Http/Controllers/Api/TemplatesController.php (update)`,
    answers: [
      ok({ data: TEMPLATE }, `${SRC}Http/Controllers/Api/TemplatesController.php (update)`),
      { status: 422, body: { message: 'The given data was invalid.', errors: { '*': ['The content field is required.'] } }, source: `${SRC}Http/Requests/Api/TemplateUpdateRequest.php (rules)`, becomes: 'ValidationError' },
      ...errors('sendportal'), notFound('Template'),
    ],
    rules: [
      // The server takes a rename to a taken name (sources/seen.md: two templates named "Default"): the extension warns first.
      { name: 'template-rename-not-unique', source: `${REQ}Api/TemplateUpdateRequest.php; sources/seen.md`, accepted: { path: 'templates/1', body: { name: 'Announcement', content: '<p>{{content}}</p>' } } },
      { name: 'template-content-required', source: `${REQ}Api/TemplateUpdateRequest.php`, refused: { path: 'templates/1', body: { name: 'Default', content: '' }, field: 'content' } },
    ],
    sample: { path: 'templates/1', body: { name: 'Default', content: '<html>{{content}}</html>' } },
    call: (p) => p.saveTemplate!({ id: '1', name: 'Default', html: '<html>{{content}}</html>' }),
  },
];
