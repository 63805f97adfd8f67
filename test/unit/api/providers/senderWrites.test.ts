/** Sender's group and draft writes over loopback: what is sent, and what is made of answers that say little. */
import * as assert from 'node:assert/strict';
import { InvalidResponseError, NotFoundError } from '../../../../src/api';
import type { Sandbox } from '../../../../test/sandbox/server';
import { makeProvider, rejection, useFreshSandbox } from '../../../../test/support/providers';

describe('Sender writes, against the sandbox', () => {
  const sandbox = useFreshSandbox();
  let sb: Sandbox;
  beforeEach(() => (sb = sandbox.get()));
  const lastBody = () => JSON.parse(sb.lastBodies[0]) as Record<string, unknown>;
  /** The next answer to `method path` is this body (status 200). */
  const answer = (method: string, pattern: string, body: string) =>
    sb.addFaults({ kind: 'raw', provider: 'sender', method, pattern, status: 200, body, times: 1 });

  it('a new group is the newest of its name among the groups; none of that name is said so', async () => {
    const { provider } = makeProvider(sb, 'sender');
    const first = await provider.createList('group', 'VIP');
    const second = await provider.createList('group', 'VIP');
    assert.notEqual(second.id, first.id, 'the older group of the same name was taken');
    assert.deepEqual(lastBody(), { title: 'VIP' });
    answer('GET', '^/groups$', '{"data":[{"id":"g1","title":"Customers"}],"meta":{"current_page":1,"last_page":1}}');
    const e = await rejection(provider.createList('group', 'Lost'));
    assert.ok(e instanceof InvalidResponseError);
    assert.equal(e.detail, 'the new group "Lost" is not among the groups');
  });

  it('a renamed group carries its new title; a group that is gone is named in the 404', async () => {
    const { provider } = makeProvider(sb, 'sender');
    const made = await provider.createList('group', 'VIP');
    const renamed = await provider.renameList(made, 'Very important');
    assert.deepEqual([renamed.name, renamed.raw.title, renamed.id], ['Very important', 'Very important', made.id]);
    await provider.deleteList(renamed);
    for (const gone of [provider.deleteList(renamed), provider.renameList(renamed, 'x')]) {
      const e = await rejection(gone);
      assert.ok(e instanceof NotFoundError);
      assert.match(e.message, /^Group "Very important" was not found \(404\)/);
    }
  });

  it('joining a group starts no automation; leaving sends only the addresses; an answer without a report adds everyone', async () => {
    const { provider } = makeProvider(sb, 'sender');
    const group = await provider.createList('group', 'VIP');
    const two = (await provider.listSubscribers(1)).items.slice(0, 2);
    await provider.addToList(group, two);
    assert.deepEqual(lastBody(), { subscribers: two.map((s) => s.email), trigger_automation: false });
    await provider.removeFromList(group, [two[0]]);
    assert.deepEqual(lastBody(), { subscribers: [two[0].email] });
    answer('POST', '^/subscribers/groups/', '{"success":true,"message":"Subscribers added"}');
    assert.deepEqual(await provider.addToList(group, two), { missing: [], invalid: [] });
    answer(
      'POST',
      '^/subscribers/groups/',
      '{"success":true,"message":{"non_existing_subscribers":["a@x.org",7,null],"invalid_emails":"b@"}}',
    );
    assert.deepEqual(await provider.addToList(group, two), { missing: ['a@x.org', '7'], invalid: [] });
  });

  it('a new draft is sent as HTML with its groups and segments, replying to the sending address unless told', async () => {
    const { provider } = makeProvider(sb, 'sender');
    const input = {
      title: 'T',
      subject: 'S',
      fromName: 'Team',
      fromEmail: 'team@sender.test',
      toAll: false,
      lists: ['g1'],
      html: '<p>x</p>',
    };
    await provider.createDraft!(input);
    const sent = JSON.parse(sb.lastBodies.find((b) => b.includes('"content_type"'))!) as Record<string, unknown>;
    assert.deepEqual(
      [sent.content_type, sent.content, sent.groups, sent.segments, sent.reply_to, sent.from],
      ['html', '<p>x</p>', ['g1'], [], 'team@sender.test', 'Team'],
    );
    await provider.createDraft!({ ...input, segments: ['s1'], replyTo: 'replies@sender.test', preheader: 'Soon' });
    const second = JSON.parse(sb.lastBodies.find((b) => b.includes('"content_type"'))!) as Record<string, unknown>;
    assert.deepEqual([second.segments, second.reply_to, second.preheader], [['s1'], 'replies@sender.test', 'Soon']);
  });
});
