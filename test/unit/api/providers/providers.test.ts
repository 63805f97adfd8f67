import * as assert from 'node:assert/strict';
import { ConfigError, ValidationError, normalizeToken, redact } from '../../../../src/api';
import { sendPortalApiBase } from '../../../../src/api/url';
import { type Sandbox, TOKENS, startSandbox } from '../../../../test/sandbox/server';
import { makeProvider, rejection } from '../../../../test/support/providers';

describe('providers', () => {
  let sb: Sandbox;
  before(async () => (sb = await startSandbox()));
  after(() => sb.stop());
  beforeEach(() => sb.reset());

  describe('tokens', () => {
    it('trims a pasted token and refuses malformed ones before any request', async () => {
      assert.equal(normalizeToken('  abcdefgh12345 \n'), 'abcdefgh12345');
      for (const bad of ['', '   ', 'abc def ghi jkl', 'abcdefgh\n12345', 'abcdefgh\u0000123', 'tokénéééééé', 'short']) {
        assert.throws(() => normalizeToken(bad), ConfigError, JSON.stringify(bad));
      }
      const before = sb.stats.requests.sender;
      const { provider } = makeProvider(sb, 'sender', { token: 'bad token here' });
      const e = await rejection(provider.listSubscribers(1));
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /spaces or line breaks inside it/);
      assert.equal(sb.stats.requests.sender, before, 'a request was sent with a malformed token');
    });
    it('redacts a token wherever it appears, and api_token / Bearer values', () => {
      assert.equal(redact('x secret-token-1 y', 'secret-token-1'), 'x ••• y');
      assert.equal(redact('/subscribers?page=2&api_token=abc123'), '/subscribers?page=2&api_token=•••');
      assert.equal(redact('Authorization: Bearer abc.def'), 'Authorization: Bearer •••');
    });
  });

  describe('Sender v2', () => {
    it('maps subscribers (names, phone, status, tags) and looks one up by email, phone or id', async () => {
      const { provider } = makeProvider(sb, 'sender');
      const page = await provider.listSubscribers(1);
      const first = page.items[0];
      assert.equal(first.email, 'ada.lovelace.1@example.com');
      assert.equal(first.firstName, 'Ada');
      assert.equal(first.status, 'active');
      assert.deepEqual(first.tags, ['Customers', 'Beta testers']);
      assert.equal(page.total, 2500);
      for (const key of [first.email, first.phone!, first.id]) assert.equal((await provider.getSubscriber(key)).id, first.id, key);
    });
    it('asks the server to sort with order and direction', async () => {
      const { provider } = makeProvider(sb, 'sender');
      const asc = await provider.listSubscribers(1, { sort: { field: 'email', direction: 'asc' } });
      assert.match(sb.seen.at(-1)!.url, /page=1&limit=25&order=email&direction=asc$/);
      const emails = asc.items.map((s) => s.email);
      assert.deepEqual(emails, [...emails].sort((a, b) => a.localeCompare(b)));
      const desc = await provider.listCampaigns(1, { sort: { field: 'title', direction: 'desc' } });
      assert.match(sb.seen.at(-1)!.url, /order=title&direction=desc$/);
      assert.ok(desc.items[0].title.localeCompare(desc.items[1].title) >= 0);
    });

    it('filters campaigns by status on the server', async () => {
      const { provider } = makeProvider(sb, 'sender');
      const page = await provider.listCampaigns(1, { status: 'sent' });
      assert.match(sb.seen.at(-1)!.url, /status=SENT/);
      assert.ok(page.items.length > 0);
      assert.ok(page.items.every((c) => c.status === 'sent'));
      assert.equal(page.filteredClientSide, undefined);
      const c = await provider.getCampaign(page.items[0].id);
      assert.equal(typeof c.opens, 'number');
      assert.equal(c.title, page.items[0].title);
    });
    it('adds a subscriber without starting automations (Sender defaults trigger_automation to true)', async () => {
      const { provider } = makeProvider(sb, 'sender');
      const { subscriber: s, created } = await provider.addSubscriber({ email: 'new.person@example.com', firstName: 'New' });
      assert.equal(s.email, 'new.person@example.com');
      assert.equal(s.firstName, 'New');
      assert.equal(created, true);
      assert.equal(sb.lastTriggerAutomation, false);
      assert.equal((await provider.getSubscriber('New.Person@Example.com')).id, s.id, 'emails are looked up in any case');
    });
    it('serves and maps every status Sender documents, spam-reported and non-subscribed people among them', async () => {
      const { provider } = makeProvider(sb, 'sender');
      const all = (await provider.listSubscribers(1, { limit: 1000 })).items;
      const seen = new Set(all.map((x) => x.status));
      assert.deepEqual([...seen].sort(), ['active', 'bounced', 'nonSubscribed', 'spamReported', 'unsubscribed']);
    });
    it('updates an address known to exist with the documented PATCH (never POST), adds its groups, and reads it again', async () => {
      const { provider } = makeProvider(sb, 'sender');
      const first = (await provider.listSubscribers(1)).items.find((x) => !x.tags.includes('Beta testers'))!;
      const from = sb.seen.length;
      const { subscriber, created } = await provider.addSubscriber({ email: first.email, firstName: 'Renamed', lists: ['g2'], exists: true });
      assert.deepEqual(sb.seen.slice(from).map((r) => r.method), ['PATCH', 'POST', 'GET']);
      assert.match(sb.seen[from + 1].url, /\/subscribers\/groups\/g2$/);
      assert.equal(created, false);
      assert.equal(subscriber.firstName, 'Renamed');
      assert.ok(subscriber.tags.includes('Beta testers'), 'the group was added');
      assert.equal(sb.lastTriggerAutomation, false, 'PATCH defaults trigger_automation to true: false is sent');
    });
    it('reads the documented PATCH answer (data: []) as success and applies what it sent: names, phone, custom fields', async () => {
      const { provider } = makeProvider(sb, 'sender');
      const first = (await provider.listSubscribers(1)).items[0];
      const fields = await provider.listFields!();
      assert.deepEqual(fields.map((f) => [f.id, f.tag]), [['c1', '{$plan}']]);
      const edited = await provider.updateSubscriber(first, { firstName: 'Augusta', fields: { c1: { tag: '{$plan}', value: 'enterprise' } } });
      assert.equal(JSON.parse(sb.lastBody!).fields['{$plan}'], 'enterprise');
      assert.equal(JSON.parse(sb.lastBody!).trigger_automation, false);
      assert.equal(edited.firstName, 'Augusta');
      assert.equal((edited.raw.columns as { value: string }[])[0].value, 'enterprise');
      const read = await provider.getSubscriber(first.email);
      assert.equal(read.firstName, 'Augusta');
      assert.equal((read.raw.columns as { value: string }[])[0].value, 'enterprise', 'the server kept the field');
    });
    it('reads a campaign\'s documented html object, and the statuses community clients show', async () => {
      const { mapCampaign } = await import('../../../../src/api/providers/sender/mappings');
      const html = { id: 1, thumbnail_url: null, has_preview: true, html_content: '<html><body>Full</body></html>', html_body: 'Body' };
      assert.equal(mapCampaign({ id: 'a', html }).html, '<html><body>Full</body></html>');
      assert.equal(mapCampaign({ id: 'a', html: { ...html, html_content: '' } }).html, 'Body');
      assert.equal(mapCampaign({ id: 'a', html: 'plain' }).html, 'plain');
      assert.equal(mapCampaign({ id: 'a', html: { id: 1 } }).html, undefined);
      assert.equal(mapCampaign({ id: 'a', status: 'QUEUED' }).status, 'queued');
      assert.equal(mapCampaign({ id: 'a', status: 'PROCESSING' }).status, 'sending');
      const { provider } = makeProvider(sb, 'sender');
      assert.match((await provider.getCampaign('c1000')).html ?? '', /<h1>Spring launch #1<\/h1>/);
    });
    it('unsubscribes and resubscribes with PATCH, and deletes in the background', async () => {
      const { provider } = makeProvider(sb, 'sender');
      const first = (await provider.listSubscribers(1)).items.find((x) => x.status === 'active')!;
      const off = await provider.setSubscribed(first, false);
      assert.equal(off.status, 'unsubscribed');
      assert.match(sb.seen.at(-1)!.method, /PATCH/);
      assert.equal((await provider.setSubscribed(off, true)).status, 'active');
      assert.deepEqual(await provider.deleteSubscribers([first]), { later: true });
      assert.equal((await rejection(provider.getSubscriber(first.email))).name, 'NotFoundError');
    });
    it('maps every status Sender documents, and shows an unknown one as it came', async () => {
      const { mapSubscriber } = await import('../../../../src/api/providers/sender/mappings');
      const status = (email: string) => mapSubscriber({ id: 'x', email: 'a@b.co', status: { email } });
      assert.deepEqual(['ACTIVE', 'UNSUBSCRIBED', 'BOUNCED', 'SPAM_REPORTED', 'NON-SUBSCRIBED'].map((e) => status(e).status), ['active', 'unsubscribed', 'bounced', 'spamReported', 'nonSubscribed']);
      assert.deepEqual([status('PAUSED').status, status('PAUSED').statusText], ['unknown', 'PAUSED']);
    });
    it('checks health with one authenticated call', async () => {
      const { provider, logs } = makeProvider(sb, 'sender');
      const h = await provider.checkHealth();
      assert.equal(h.reachable, true);
      assert.equal(h.authenticated, true);
      assert.equal(typeof h.latencyMs, 'number');
      assert.equal(h.rateLimit.limit, 60);
      assert.equal(logs.length, 1);
      const bad = await makeProvider(sb, 'sender', { token: TOKENS.senderExpired }).provider.checkHealth();
      assert.deepEqual([bad.reachable, bad.authenticated, bad.error?.kind], [true, false, 'auth']);
      const wrong = await makeProvider(sb, 'sender', { baseUrl: `${sb.origin}/wrong/v2/` }).provider.checkHealth();
      assert.deepEqual([wrong.reachable, wrong.authenticated], [true, undefined], 'a 404 says nothing of the token');
      assert.equal(wrong.error?.message, "No API answered at this URL (404): check the connection's URL.");
    });
  });

  describe('SendPortal v1', () => {
    it('accepts the host or the API root, with or without a trailing slash', () => {
      for (const u of ['https://h.example', 'https://h.example/', 'https://h.example/api/v1', 'https://h.example/api/v1/', 'https://h.example/api', 'https://h.example/API/V1/']) {
        assert.equal(sendPortalApiBase(u).href, 'https://h.example/api/v1/', u);
      }
      assert.equal(sendPortalApiBase('https://h.example/sp').href, 'https://h.example/sp/api/v1/');
    });
    it('unsubscribes through the upsert with unsubscribed_at, resubscribes with null, deletes with 204', async () => {
      const { provider } = makeProvider(sb, 'sendportal');
      const one = await provider.getSubscriber('42');
      const off = await provider.setSubscribed(one, false);
      assert.deepEqual([off.id, off.status], ['42', 'unsubscribed']);
      assert.equal((await provider.setSubscribed(off, true)).status, 'active');
      assert.deepEqual(await provider.deleteSubscribers([one]), { later: false });
      assert.equal((await rejection(provider.getSubscriber('42'))).name, 'NotFoundError');
    });
    it('reads sent_count and never the open/click counters SendPortal leaves at 0', async () => {
      const { provider } = makeProvider(sb, 'sendportal');
      const all = (await provider.listCampaigns(1)).items;
      const cancelledButSent = all.find((c) => c.status === 'cancelled' && (c.sent ?? 0) > 0);
      assert.ok(cancelledButSent, 'the sandbox has a cancelled campaign that partly went out');
      assert.ok(all.every((c) => c.opens === undefined && c.clicks === undefined));
      assert.equal(provider.descriptor.reportsOpensAndClicks, false);
    });
    it('maps status_id to names and filters campaigns on the client, saying so', async () => {
      const { provider } = makeProvider(sb, 'sendportal');
      const all = await provider.listCampaigns(1);
      assert.deepEqual([...new Set(all.items.map((c) => c.status))].sort(), ['cancelled', 'draft', 'queued', 'sending', 'sent']);
      const sent = await provider.listCampaigns(1, { status: 'sent' });
      assert.equal(sent.filteredClientSide, true);
      assert.ok(sent.items.length > 0 && sent.items.every((c) => c.status === 'sent'));
      assert.equal(sent.hasMore, all.hasMore);
      assert.doesNotMatch(sb.seen.at(-1)!.url, /status/);
    });
    it('skips pages without a match when filtering on the client, up to a bound', async () => {
      const { provider, logs } = makeProvider(sb, 'sendportal');
      // 65 campaigns cycle through the 5 statuses, so every page has each; a page with none is made by a fault.
      sb.addFaults({ kind: 'raw', provider: 'sendportal', path: '/campaigns', body: JSON.stringify({ data: [{ id: 1, name: 'x', status_id: 1 }], meta: { current_page: 1, last_page: 3, total: 65, per_page: 25 } }) });
      const page = await provider.listCampaigns(1, { status: 'sent' });
      assert.deepEqual(logs.map((l) => l.path), ['campaigns?page=1', 'campaigns?page=2']);
      assert.equal(page.page, 2);
      assert.ok(page.items.length > 0 && page.items.every((c) => c.status === 'sent'));

      logs.length = 0;
      sb.addFaults({ kind: 'raw', provider: 'sendportal', path: '/campaigns', times: 20, body: JSON.stringify({ data: [{ id: 1, name: 'x', status_id: 1 }], meta: { last_page: 99, total: 2475, per_page: 25 } }) });
      const none = await provider.listCampaigns(1, { status: 'sent' });
      assert.equal(logs.length, 5, 'scanned past the bound');
      assert.deepEqual([none.items.length, none.hasMore], [0, true]);
      sb.clearFaults();
    });

    it('looks up by numeric id only, explaining why an email does not work, without a request', async () => {
      const { provider } = makeProvider(sb, 'sendportal');
      assert.equal((await provider.getSubscriber('42')).id, '42');
      const before = sb.stats.requests.sendportal;
      const e = await rejection(provider.getSubscriber('ada@example.com'));
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /no lookup by email/);
      assert.match((await rejection(provider.getSubscriber('99999999999'))).message, /larger than any SendPortal subscriber id/);
      assert.equal(sb.stats.requests.sendportal, before);
    });
    it('adds a subscriber as an upsert keyed on email, and reports 422 field messages', async () => {
      const { provider } = makeProvider(sb, 'sendportal');
      const a = await provider.addSubscriber({ email: 'upsert@example.com', firstName: 'A' });
      const b = await provider.addSubscriber({ email: 'upsert@example.com', firstName: 'B' });
      assert.equal(a.subscriber.id, b.subscriber.id);
      assert.equal(b.subscriber.firstName, 'B');
      assert.deepEqual([a.created, b.created], [true, false], '201 then 200: added, then updated');
      const e = await rejection(provider.addSubscriber({ email: '' }));
      assert.ok(e instanceof ValidationError);
      assert.deepEqual(e.fields, { email: ['The email field is required.'] });
    });
    it('health: an authenticated call for the token, /ping only to tell an unreachable API from a wrong one', async () => {
      const { provider, logs } = makeProvider(sb, 'sendportal');
      const h = await provider.checkHealth();
      assert.deepEqual([h.reachable, h.authenticated], [true, true]);
      assert.deepEqual(logs.map((l) => l.path), ['tags?per_page=1']);

      const anon = makeProvider(sb, 'sendportal', { token: undefined });
      const h2 = await anon.provider.checkHealth();
      assert.deepEqual([h2.reachable, h2.authenticated], [true, undefined]);
      assert.deepEqual(anon.logs.map((l) => l.path), ['ping']);

      const down = makeProvider(sb, 'sendportal', { baseUrl: 'http://127.0.0.1:9', retry: { transientRetries: 0 } });
      const h3 = await down.provider.checkHealth();
      assert.equal(h3.reachable, false);
      assert.equal(h3.error?.kind, 'network');
    });
  });
});
