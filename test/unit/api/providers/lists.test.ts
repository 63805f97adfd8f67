import * as assert from 'node:assert/strict';
import { ConfigError, type Subscriber, ValidationError } from '../../../../src/api';
import { type Sandbox, TOKENS } from '../../../../test/sandbox/server';
import { makeProvider, rejection, useFreshSandbox } from '../../../../test/support/providers';

/** Groups, segments, tags, subscriber edits and campaign actions against the sandbox over loopback HTTP. */
describe('lists, edits and campaign actions', () => {
  const sandbox = useFreshSandbox();
  let sb: Sandbox;
  beforeEach(() => (sb = sandbox.get()));

  describe('lists and edits', () => {
    describe('Sender groups and segments', () => {
      it('lists groups with their counts, pages their members, and segments read-only', async () => {
        const { provider } = makeProvider(sb, 'sender');
        const groups = await provider.listLists('group', 1);
        const customers = groups.items.find((g) => g.name === 'Customers')!;
        assert.equal(customers.kind, 'group');
        assert.equal(customers.count, 834, 'every third of 2,500');
        assert.ok(customers.active! < customers.count! && customers.active! > 0);
        const members = await provider.listMembers(customers, 2, { limit: 25 });
        assert.equal(members.items.length, 25);
        assert.equal(members.total, 834);
        assert.ok(members.items.every((m) => m.tags.includes('Customers')));
        assert.match(sb.seen.at(-1)!.url, /\/v2\/groups\/g1\/subscribers\?page=2&limit=25$/);
        const [segment] = (await provider.listLists('segment', 1)).items;
        assert.equal(segment.kind, 'segment');
        const inSegment = await provider.listMembers(segment, 1);
        assert.ok(inSegment.items.length > 0 && inSegment.items.every((m) => m.phone && m.status === 'active'));
      });
      it('creates, renames and deletes a group; members join and leave by email', async () => {
        const { provider } = makeProvider(sb, 'sender');
        const made = await provider.createList('group', 'VIP');
        assert.deepEqual([made.name, made.count], ['VIP', 0]);
        const renamed = await provider.renameList(made, 'Very important');
        assert.equal(renamed.name, 'Very important');
        const two = (await provider.listSubscribers(1)).items.slice(0, 2);
        const stranger = { ...two[0], id: 'x', email: 'nobody.here@example.com' };
        const broken = { ...two[0], id: 'y', email: 'not-an-address@' };
        // Who was not added is told (the answer lists them), not dropped in silence.
        assert.deepEqual(await provider.addToList(renamed, [...two, stranger, broken]), { missing: ['nobody.here@example.com'], invalid: ['not-an-address@'] });
        assert.deepEqual(sb.seen.at(-1)!.method, 'POST');
        const members = await provider.listMembers(renamed, 1);
        assert.deepEqual(members.items.map((m) => m.email).sort(), two.map((m) => m.email).sort());
        await provider.removeFromList(renamed, [two[0]]);
        assert.deepEqual((await provider.listMembers(renamed, 1)).items.map((m) => m.email), [two[1].email]);
        await provider.deleteList(renamed);
        assert.equal((await rejection(provider.listMembers(renamed, 1))).name, 'NotFoundError');
        assert.equal((await provider.getSubscriber(two[1].email)).tags.includes('Very important'), false, 'the group left its members too');
      });
      it('refuses a group without a title with the field named (422)', async () => {
        const { provider } = makeProvider(sb, 'sender');
        const e = await rejection(provider.createList('group', ' '));
        assert.ok(e instanceof ValidationError);
        assert.match(e.message, /title/);
      });
      it('edits names and phone with PATCH; deletes many in one call, telling each', async () => {
        const { provider } = makeProvider(sb, 'sender');
        const [a, b] = (await provider.listSubscribers(1)).items;
        const edited = await provider.updateSubscriber(a, { firstName: 'Augusta', phone: '+37060000001' });
        assert.deepEqual([edited.firstName, edited.lastName, edited.phone], ['Augusta', a.lastName, '+37060000001']);
        const told: string[] = [];
        const before = sb.stats.requests.sender;
        assert.deepEqual(await provider.deleteSubscribers([a, b], { onDeleted: (x) => told.push(x.id) }), { later: true });
        assert.equal(sb.stats.requests.sender - before, 1, 'one DELETE for all');
        assert.deepEqual(told, [a.id, b.id]);
      });
      it('adds a subscriber into groups, starting automations only when asked', async () => {
        const { provider } = makeProvider(sb, 'sender');
        const { subscriber } = await provider.addSubscriber({ email: 'new.one@example.com', lists: ['g2'] });
        assert.equal(sb.lastTriggerAutomation, false);
        assert.deepEqual(JSON.parse(String(sb.lastBody)).groups, ['g2']);
        assert.ok(subscriber.email === 'new.one@example.com');
        await provider.addSubscriber({ email: 'new.two@example.com', startAutomations: true });
        assert.equal(sb.lastTriggerAutomation, true);
      });
    });

    describe('SendPortal tags', () => {
      it('lists tags by name, and pages the members the API sends whole', async () => {
        const { provider } = makeProvider(sb, 'sendportal');
        const tags = await provider.listLists('tag', 1);
        assert.deepEqual(tags.items.map((t) => t.name), ['Beta', 'Customers']);
        const customers = tags.items[1];
        const first = await provider.listMembers(customers, 1);
        const requests = sb.stats.requests.sendportal;
        const second = await provider.listMembers(customers, 2);
        assert.equal(sb.stats.requests.sendportal, requests, 'page 2 comes from the whole list fetched for page 1');
        assert.deepEqual([first.items.length, first.total, first.hasMore], [25, 833, true]);
        assert.notEqual(first.items[0].id, second.items[0].id);
      });
      it('creates (201), renames and deletes (204) a tag; a taken name is a 422 that says so', async () => {
        const { provider } = makeProvider(sb, 'sendportal');
        const made = await provider.createList('tag', 'Press');
        assert.equal(made.name, 'Press');
        const e = await rejection(provider.createList('tag', 'Press'));
        assert.match(e.message, /must be unique/);
        const renamed = await provider.renameList(made, 'Journalists');
        assert.equal(renamed.name, 'Journalists');
        await provider.deleteList(renamed);
        assert.deepEqual((await provider.listLists('tag', 1)).items.map((t) => t.name), ['Beta', 'Customers']);
      });
      it('tags and untags by id; a new subscriber can be tagged as it is added', async () => {
        const { provider } = makeProvider(sb, 'sendportal');
        const [, beta] = [null, (await provider.listLists('tag', 1)).items[0]];
        const one = await provider.getSubscriber('1');
        await provider.addToList(beta, [one]);
        assert.deepEqual(JSON.parse(String(sb.lastBody)), { subscribers: [1] });
        assert.ok((await provider.getSubscriber('1')).tags.includes('Beta'));
        await provider.removeFromList(beta, [one]);
        assert.ok(!(await provider.getSubscriber('1')).tags.includes('Beta'));
        const { subscriber, created } = await provider.addSubscriber({ email: 'tagged@sendportal.test', lists: [beta.id] });
        assert.equal(created, true);
        assert.ok((await provider.getSubscriber(subscriber.id)).tags.includes('Beta'));
      });
      it('edits names with PUT (email sent, as the API requires) and deletes one by one', async () => {
        const { provider } = makeProvider(sb, 'sendportal');
        const one = await provider.getSubscriber('5');
        const edited = await provider.updateSubscriber(one, { lastName: 'Renamed' });
        assert.deepEqual([edited.firstName, edited.lastName, edited.email], [one.firstName, 'Renamed', one.email]);
        // When it was added and when it last changed, as the API writes dates.
        assert.equal(edited.createdAt, one.createdAt);
        assert.match(edited.updatedAt ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
        assert.ok(edited.updatedAt! > one.updatedAt!, `${String(edited.updatedAt)} after ${String(one.updatedAt)}`);
        const subs: Subscriber[] = [await provider.getSubscriber('6'), await provider.getSubscriber('7')];
        const told: string[] = [];
        assert.deepEqual(await provider.deleteSubscribers(subs, { onDeleted: (x) => told.push(x.id) }), { later: false });
        assert.deepEqual(told, ['6', '7']);
        assert.equal((await rejection(provider.getSubscriber('6'))).name, 'NotFoundError');
      });
    });
  });

  describe('campaign actions', () => {
    it("Sender: a new draft is the campaign the answer's data.id names; without it, the newest of its title made since the request, never an older one", async () => {
      const { provider } = makeProvider(sb, 'sender');
      const input = { title: 'Fresh news', subject: 'News', fromName: 'Team', fromEmail: 'team@sender.test', toAll: false, lists: ['g1'], html: '<p>x</p>' };
      const made = await provider.createDraft!(input);
      assert.equal(made.title, 'Fresh news');
      assert.equal(JSON.parse(sb.lastBodies[0]).title, 'Fresh news');
      // An answer without data.id: an old draft of the same title is not taken; one made since the request is.
      sb.editCampaign('sender', 'c1004', { title: 'Fresh news', created: '2020-01-01 00:00:00' });
      sb.addFaults({ kind: 'raw', provider: 'sender', method: 'POST', pattern: '^/campaigns$', status: 200, body: '{"success":true,"message":"Campaign created"}', times: 2 });
      const second = await provider.createDraft!(input);
      assert.equal(second.id, made.id, 'the one made since the request, not c1004 of 2020');
      sb.editCampaign('sender', made.id, { created: '2020-01-02 00:00:00' });
      assert.equal((await rejection(provider.createDraft!(input))).name, 'InvalidResponseError', 'no draft of this title was made since');
    });
    it('Sender: schedules a draft, cancels it back to draft, sends it; a sent one is refused in words', async () => {
      const { provider } = makeProvider(sb, 'sender');
      const draft = (await provider.listCampaigns(1, { status: 'draft' })).items[0];
      assert.ok(draft.html?.includes('<h1>'), 'the HTML comes with the campaign');
      const at = new Date(Date.now() + 86_400_000);
      const scheduled = await provider.scheduleCampaign!(draft, at);
      assert.equal(scheduled.status, 'scheduled');
      assert.equal(JSON.parse(String(sb.lastBody)).schedule_time, at.toISOString().slice(0, 19).replace('T', ' '));
      assert.equal((await provider.cancelSchedule!(scheduled)).status, 'draft');
      const sent = await provider.sendCampaign(draft);
      assert.equal(sent.status, 'sending');
      const again = await rejection(provider.sendCampaign(sent));
      assert.match(again.message, /Only draft campaigns can be sent/);
      const past = await rejection(provider.scheduleCampaign!((await provider.listCampaigns(1, { status: 'draft' })).items[0], new Date(Date.now() - 60_000)));
      assert.ok(past instanceof ValidationError);
      assert.match(past.message, /schedule time/i);
    });
    it('SendPortal: Send Now sets a draft made without scheduled_at to now, then dispatches it, and the dispatcher sends it', async () => {
      const { provider } = makeProvider(sb, 'sendportal');
      const all = (await provider.listCampaigns(1)).items;
      const draft = all.find((c) => c.status === 'draft' && c.raw.email_service_id)!;
      assert.equal(draft.raw.scheduled_at, null);
      const from = sb.seen.length;
      const confirmed = await provider.readForSending(draft.id);
      const from2 = sb.seen.length;
      const queued = await provider.sendCampaign(confirmed);
      assert.ok(from2 > from);
      // Read again (it goes to everyone: no tags to look up), written, dispatched, read back.
      assert.deepEqual(sb.seen.slice(from2).map((r) => r.method), ['GET', 'PUT', 'POST', 'GET']);
      assert.equal(JSON.parse(sb.lastBodies.find((b) => b.includes('scheduled_at'))!).send_to_all, 1, 'send_to_all as the rules compare it');
      assert.ok(['queued', 'sent'].includes(queued.status), queued.status);
      assert.ok(Math.abs(Date.parse(`${String(queued.raw.scheduled_at).replace(' ', 'T')}Z`) - Date.now()) < 5000, String(queued.raw.scheduled_at));
      assert.equal((await provider.getCampaign(draft.id)).status, 'sent', 'the dispatcher sent it: it did not stay queued');
      const e = await rejection(provider.sendCampaign(all.find((c) => c.status === 'sent')!));
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /no longer a draft.*nothing was sent/);
    });
    it('SendPortal: Schedule sets a future scheduled_at and queues it (it stays queued until then); tags are kept', async () => {
      const { provider } = makeProvider(sb, 'sendportal');
      const targeted = (await provider.listCampaigns(1)).items.find((c) => c.id === '11')!;
      assert.deepEqual(targeted.raw.tags, [1]);
      const at = new Date(Date.now() + 2 * 86_400_000);
      const after = await provider.scheduleCampaign!(await provider.readForSending('11'), at);
      assert.equal(after.status, 'queued');
      assert.deepEqual(after.audience, ['1'], 'read back with its tags');
      assert.deepEqual(JSON.parse(sb.lastBodies.find((b) => b.includes('scheduled_at'))!).tags, [1], 'the update syncs tags: they are sent, read now');
      assert.equal((await provider.getCampaign('11')).status, 'queued');
      assert.equal(provider.cancelSchedule, undefined, 'updates need a draft: a queued campaign cannot be taken back');
    });
    it('SendPortal: tags changed elsewhere since the row was loaded: the send reads them now, writes those, and refuses a stale confirmation', async () => {
      const { provider } = makeProvider(sb, 'sendportal');
      const row = (await provider.listCampaigns(1)).items.find((c) => c.id === '11')!;
      assert.deepEqual(row.audience, ['1']);
      sb.editCampaign('sendportal', '11', { tags: [2] }); // the web app moved the draft to Beta
      const puts = () => sb.seen.filter((r) => r.method === 'PUT').length;
      const stale = await rejection(provider.sendCampaign(row));
      assert.ok(stale instanceof ConfigError);
      assert.match(stale.message, /changed in SendPortal since you confirmed it \(its audience\): nothing was sent/);
      assert.equal(puts(), 0, 'the old tags were not put back');
      const now = await provider.readForSending('11');
      assert.deepEqual(now.audience, ['2']);
      const after = await provider.sendCampaign(now);
      assert.deepEqual(JSON.parse(sb.lastBodies.find((b) => b.includes('scheduled_at'))!).tags, [2], 'the tags written are the ones read now');
      assert.deepEqual(after.audience, ['2']);
    });
    it('SendPortal: an "everyone" draft is created (its real status at once), scheduled and sent; a JSON true is refused by the rules', async () => {
      const { provider } = makeProvider(sb, 'sendportal');
      const input = { title: 'All hands', subject: 'To all', fromName: 'Team', fromEmail: 'team@sendportal.test', toAll: true, lists: [], html: '<p>Hi</p>', emailServiceId: '1' };
      const made = await provider.createDraft!(input);
      assert.equal(made.status, 'draft', 'read back: the 201 says status_id null');
      assert.equal(made.toAll, true);
      const queued = await provider.scheduleCampaign!(await provider.readForSending(made.id), new Date(Date.now() + 86_400_000));
      assert.equal(queued.status, 'queued');
      const other = await provider.createDraft!({ ...input, title: 'All hands 2' });
      const sent = await provider.sendCampaign(await provider.readForSending(other.id));
      assert.ok(['queued', 'sent'].includes(sent.status));
      const res = await fetch(`${sb.sendPortalUrl}/api/v1/campaigns`, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${TOKENS.sendportal}` },
        body: JSON.stringify({ name: 'x', subject: 'x', content: 'x', email_service_id: 1, from_name: 'x', from_email: 'x@sendportal.test', send_to_all: true, tags: [], scheduled_at: '2099-01-01 09:00:00' }),
      });
      assert.equal(res.status, 422);
      assert.deepEqual(((await res.json()) as { errors: Record<string, string[]> }).errors.tags, ['The tags field is required unless send to all is in 1.']);
    });
    it('SendPortal: a draft without an email service is refused before anything is sent', async () => {
      const { provider } = makeProvider(sb, 'sendportal');
      const draft = (await provider.listCampaigns(1)).items.find((c) => c.status === 'draft' && !c.raw.email_service_id)!;
      const from = sb.seen.length;
      const e = await rejection(provider.sendCampaign(draft));
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /no email service/);
      assert.deepEqual(sb.seen.slice(from).map((r) => r.method), ['GET'], 'only read');
    });
    it('SendPortal lists its templates by name with their HTML; Sender has none', async () => {
      const templates = await makeProvider(sb, 'sendportal').provider.listTemplates!(1);
      assert.deepEqual(templates.items.map((t) => t.name), ['Announcement', 'Default']);
      assert.match(templates.items[1].html ?? '', /\{\{content\}\}/);
      assert.equal(makeProvider(sb, 'sender').provider.listTemplates, undefined);
    });
    it("Sender: a subscriber's activity, newest first, with the sums; the documented `actions` array is sent", async () => {
      const { provider } = makeProvider(sb, 'sender');
      const sub = (await provider.listSubscribers(1)).items[3];
      const sentCampaigns = (await provider.listCampaigns(1, { status: 'sent', limit: 100 })).items;
      const activity = await provider.subscriberActivity!(sub);
      const actions = new URL(sb.seen.at(-1)!.url, 'http://x').searchParams.get('actions');
      assert.deepEqual(JSON.parse(actions!), ['got', 'opened', 'clicked', 'unsubscribed', 'bounced']);
      assert.equal(activity.totals.got, sentCampaigns.length);
      assert.equal(activity.events.filter((e) => e.action === 'got').length, sentCampaigns.length);
      assert.equal(activity.events.filter((e) => e.action === 'opened').length, activity.totals.opened);
      const dates = activity.events.map((e) => e.at!);
      assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
      assert.ok(activity.events.every((e) => sentCampaigns.some((c) => c.id === e.campaignId && c.subject === e.title)));
      assert.equal(makeProvider(sb, 'sendportal').provider.subscriberActivity, undefined, "SendPortal's API keeps no activity");
    });
    it('Sender: events without `actions` are a 422, as the docs make it required; an unknown subscriber a 404', async () => {
      const { provider } = makeProvider(sb, 'sender');
      const sub = (await provider.listSubscribers(1)).items[0];
      const res = await fetch(`${sb.senderUrl}subscribers/${sub.id}/events`, { headers: { Authorization: `Bearer ${TOKENS.sender}` } });
      assert.equal(res.status, 422);
      assert.deepEqual(((await res.json()) as { errors: Record<string, string[]> }).errors.actions, ['The actions field is required.']);
      const ghost = { ...sub, id: 'nobody' };
      assert.equal((await rejection(provider.subscriberActivity!(ghost))).name, 'NotFoundError');
    });
    it('Sender: campaign reports list the people, paged like every list; clicks name the link', async () => {
      const { provider } = makeProvider(sb, 'sender');
      const sent = (await provider.listCampaigns(1, { status: 'sent' })).items[0];
      const opens = await provider.campaignReport!(sent, 'opens', 2, { limit: 10 });
      assert.match(sb.seen.at(-1)!.url, new RegExp(`/v2/campaigns/${sent.id}/opens\\?page=2&limit=10$`));
      assert.equal(opens.total, sent.opens);
      assert.equal(opens.items.length, 10);
      assert.ok(opens.items.every((e) => e.email.includes('@') && e.name));
      const clicks = await provider.campaignReport!(sent, 'clicks', 1);
      assert.ok(clicks.items.length > 0 && clicks.items.every((e) => e.url === 'https://example.com/news'));
      // As many clickers as the campaign's counter, fewer than its openers: whoever clicked also opened.
      assert.ok(clicks.total === sent.clicks && sent.clicks! < sent.opens!, `${String(sent.clicks)} clicks of ${String(sent.opens)} opens`);
      assert.deepEqual((await provider.campaignReport!(sent, 'complaints', 1)).items, []);
      assert.equal(makeProvider(sb, 'sendportal').provider.campaignReport, undefined, "SendPortal's API has no reports");
    });
  });
});
