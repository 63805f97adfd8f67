/** SendPortal's draft writes over loopback: the tags read now from wherever the draft is listed, what a write sends and answers. */
import * as assert from 'node:assert/strict';
import { ConfigError, InvalidResponseError } from '../../../../src/api';
import type { Sandbox } from '../../../../test/sandbox/server';
import { makeProvider, rejection, useFreshSandbox } from '../../../../test/support/providers';

describe('SendPortal drafts, against the sandbox', () => {
  const sandbox = useFreshSandbox();
  let sb: Sandbox;
  beforeEach(() => (sb = sandbox.get()));
  /** The pages of the campaign list asked for since `from`. */
  const listPages = (from: number) =>
    sb.seen
      .slice(from)
      .map((r) => new URL(r.url, 'http://x'))
      .filter((u) => u.pathname.endsWith('/campaigns'))
      .map((u) => Number(u.searchParams.get('page')));
  /** The next campaign list (page 1) answers this body. */
  const listAnswers = (body: string) =>
    sb.addFaults({ kind: 'raw', provider: 'sendportal', method: 'GET', pattern: '^/campaigns$', status: 200, body, times: 1 });
  const lastPut = () => JSON.parse(sb.lastBodies.find((b) => b.includes('scheduled_at'))!) as Record<string, unknown>;
  const input = {
    title: 'News',
    subject: 'S',
    fromName: 'Team',
    fromEmail: 'team@sendportal.test',
    toAll: false,
    lists: ['2'],
    html: '<p>x</p>',
  };

  it("a draft's tags are looked up on page 1, then from the last page back, until the draft is found", async () => {
    const { provider } = makeProvider(sb, 'sendportal');
    sb.editCampaign('sendportal', '36', { send_to_all: false, tags: [{ id: 2 }, 3] });
    const from = sb.seen.length;
    const now = await provider.readForSending('36');
    assert.deepEqual(now.audience, ['2', '3']);
    assert.deepEqual(now.raw.tags, [2, 3]);
    assert.deepEqual(listPages(from), [1, 3, 2], '65 campaigns: page 1, then 3, then 2');
    const first = sb.seen.length;
    sb.editCampaign('sendportal', '11', { tags: [1] });
    await provider.readForSending('11');
    assert.deepEqual(listPages(first), [1], 'found on page 1: no other page is read');
  });

  it('a list that does not say which tags, or does not hold the draft, is said so and nothing is written', async () => {
    const { provider } = makeProvider(sb, 'sendportal');
    sb.editCampaign('sendportal', '36', { send_to_all: false, tags: 'Customers' });
    const e = await rejection(provider.readForSending('36'));
    assert.ok(e instanceof InvalidResponseError);
    const { title } = await provider.getCampaign('36');
    assert.equal(e.detail, `the campaign list does not say which tags "${title}" goes to`);
    sb.editCampaign('sendportal', '36', { tags: [2] });
    listAnswers('{"data":[],"meta":{"current_page":1,"last_page":1}}');
    const missing = await rejection(provider.readForSending('36'));
    assert.equal((missing as InvalidResponseError).detail, `"${title}" is not in the campaign list`);
    assert.equal(sb.seen.filter((r) => r.method !== 'GET').length, 0);
  });

  it('Update Draft writes the tags given and answers them; one that is no longer a draft is refused, nothing changed', async () => {
    const { provider } = makeProvider(sb, 'sendportal');
    sb.editCampaign('sendportal', '36', { scheduled_at: '2099-01-01 09:00:00' });
    const draft = await provider.getCampaign('36');
    const updated = await provider.updateDraft!(draft, { toAll: false, lists: ['1', '2'] });
    assert.deepEqual([updated.audience, updated.raw.tags, updated.toAll], [['1', '2'], [1, 2], false]);
    assert.deepEqual(
      [lastPut().tags, lastPut().send_to_all, lastPut().scheduled_at],
      [[1, 2], 0, '2099-01-01 09:00:00'],
      "the draft's time kept",
    );
    const everyone = await provider.updateDraft!(draft, { toAll: true, lists: ['2'] });
    assert.deepEqual([everyone.audience, everyone.raw.tags, lastPut().tags, lastPut().send_to_all], [[], [], [], 1]);
    const sent = await provider.getCampaign('4');
    const e = await rejection(provider.updateDraft!(sent, { subject: 'New' }));
    assert.ok(e instanceof ConfigError);
    assert.equal(e.message, `"${sent.title}" is no longer a draft (it is sent): nothing was changed.`);
    assert.equal(e.action, 'none', 'nothing for the person to fix in the connection');
  });

  it('a new draft answers the audience asked for; without an email service named, the first campaign that has one gives it', async () => {
    const { provider } = makeProvider(sb, 'sendportal');
    sb.editCampaign('sendportal', '1', { email_service_id: null });
    sb.editCampaign('sendportal', '2', { email_service_id: '1' });
    const made = await provider.createDraft!(input);
    assert.deepEqual([made.audience, made.raw.tags, made.status], [['2'], [2], 'draft']);
    const posted = JSON.parse(sb.lastBodies.find((b) => b.includes('"name":"News"'))!) as Record<string, unknown>;
    assert.equal(posted.email_service_id, 1, "the second campaign's, as a number");
    const all = await provider.createDraft!({ ...input, toAll: true, emailServiceId: '1' });
    assert.deepEqual([all.audience, all.raw.tags], [[], []]);
    listAnswers('{"data":[{"id":1,"name":"a"}],"meta":{"current_page":1,"last_page":1}}');
    const none = await rejection(provider.createDraft!(input));
    assert.ok(none instanceof ConfigError);
    assert.equal(none.action, 'fixInput');
    assert.match(
      none.message,
      /^SendPortal needs an email service for a campaign and none of its campaigns names one: set email_service in the front matter\.$/,
    );
  });

  it('Send Now refuses, in words and with nothing to fix in the connection, a draft without an email service, or sent, or changed', async () => {
    const { provider } = makeProvider(sb, 'sendportal');
    const noService = await rejection(provider.sendCampaign(await provider.readForSending('6')));
    assert.equal((noService as ConfigError).action, 'none');
    assert.match(noService.message, /has no email service\. Choose one for it in SendPortal, then send it again\.$/);
    const sent = await rejection(provider.sendCampaign(await provider.getCampaign('4')));
    assert.deepEqual([(sent as ConfigError).action, /\(it is sent\): nothing was sent\.$/.test(sent.message)], ['none', true]);
    const confirmed = await provider.readForSending('1');
    sb.editCampaign('sendportal', '1', { subject: 'Changed elsewhere' });
    const changed = await rejection(provider.sendCampaign(confirmed));
    assert.deepEqual(
      [
        (changed as ConfigError).action,
        /changed in SendPortal since you confirmed it \(.*subject.*\): nothing was sent\.$/.test(changed.message),
      ],
      ['none', true],
    );
    assert.equal(sb.seen.filter((r) => r.method !== 'GET').length, 0, 'nothing was written');
  });
});
