import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { NewsletterApi } from '../../src/extension';
import { parseCsv } from '../../src/transfer/csv';
import { connectFresh, control, daysAhead, stats, answered } from './helpers';

type Sub = { id: string; email: string; status: string; firstName?: string; raw: Record<string, unknown> };
type Camp = { id: string; status: string; title: string };
type Row<T> = { type: 'item'; item: T };
/** Answers the extension's confirmations with `answer`, keeping what they asked (message and detail). */
function answering(a: NewsletterApi, answer: boolean): { asked: string[]; restore: () => void } {
  const asked: string[] = [];
  const original = a.ui.confirm;
  a.ui.confirm = (message, detail) => {
    asked.push(`${message}\n${detail}`);
    return Promise.resolve(answer);
  };
  return { asked, restore: () => (a.ui.confirm = original) };
}

const last = () => control<{ body: Record<string, unknown> | null; triggerAutomation: boolean | null }>('last', undefined, 'GET');

/** What the contract showed of the real Sender: its PATCH answers no subscriber, and defaults automations on. */
describe('true to the real APIs: Sender', function () {
  let a: NewsletterApi;
  const items = async () => (await a.subscribers.getChildren()).filter((r) => r.type === 'item') as unknown as Row<Sub>[];
  beforeEach(async () => {
    ({ a } = await connectFresh('sender', 'Real Sender'));
  });
  after(() => control('reset'));

  it('unsubscribes, resubscribes and edits (custom fields too) against the documented PATCH answer, data: [], starting no automation', async () => {
    const before = await items();
    const index = before.findIndex((r) => r.item.status === 'active');
    await vscode.commands.executeCommand('newsletter.unsubscribe', before[index]);
    assert.equal((await items())[index].item.status, 'unsubscribed', 'the write was reported as failed, or the row did not change');
    assert.equal((await last()).triggerAutomation, false);
    await vscode.commands.executeCommand('newsletter.resubscribe', (await items())[index]);
    assert.equal((await items())[index].item.status, 'active');
    assert.equal((await last()).triggerAutomation, false, 'a resubscribe could start a welcome series');
    const edited = (await vscode.commands.executeCommand('newsletter.editSubscriber', (await items())[index], { firstName: 'Edited', fields: { c1: { tag: '{$plan}', value: 'enterprise' } } })) as Sub;
    assert.equal(edited.firstName, 'Edited');
    assert.deepEqual((await last()).body, { firstname: 'Edited', fields: { '{$plan}': 'enterprise' }, trigger_automation: false });
    const row = (await items())[index];
    assert.equal(row.item.id, before[index].item.id);
    assert.match(String(a.subscribers.getTreeItem(row as never).label), /^Edited /);
    assert.equal((row.item.raw.columns as { value: string }[])[0].value, 'enterprise');
  });

  it("Schedule's confirmation names the group and its active subscribers, read now (not the draft's recipient_count of 0)", async () => {
    const rows = (await a.campaigns.getChildren()).filter((r) => r.type === 'item') as unknown as Row<Camp>[];
    const row = rows.find((r) => r.item.status === 'draft')!;
    // A draft that goes to Customers (g1); Sender answers recipient_count 0 for a draft [seen].
    await control('edit', { provider: 'sender', id: row.item.id, fields: { campaign_groups: ['g1'], send_to_all: false, recipient_count: 0 } });
    const group = (await a.connections.active!.provider().listLists('group', 1)).items.find((g) => g.id === 'g1')!;
    assert.ok(group.active! > 0);
    const ui = answering(a, false);
    try {
      assert.equal(await vscode.commands.executeCommand('newsletter.scheduleCampaign', row, '2099-01-01 09:30'), undefined);
    } finally {
      ui.restore();
    }
    assert.equal(ui.asked.length, 1);
    assert.match(ui.asked[0], new RegExp(`to ${group.name} \\(${group.active!.toLocaleString('en-US')} recipients\\)\\?`));
  });

  it('previews a campaign whose html is the documented object', async () => {
    const row = ((await a.campaigns.getChildren()).filter((r) => r.type === 'item') as unknown as Row<Camp>[])[0];
    assert.equal(await vscode.commands.executeCommand('newsletter.previewCampaign', row), true, 'no content to preview');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

/** What the contract showed of the real SendPortal: a dispatched draft goes when its scheduled_at has come. */
describe('true to the real APIs: SendPortal', function () {
  this.timeout(60_000);
  let a: NewsletterApi;
  const camps = async () => (await a.campaigns.getChildren()).filter((r) => r.type === 'item') as unknown as Row<Camp>[];
  const byId = async (id: string) => (await camps()).find((r) => r.item.id === id)!;
  beforeEach(async () => {
    ({ a } = await connectFresh('sendportal', 'Real SendPortal'));
  });
  after(() => control('reset'));

  it('Send Now of a draft made without scheduled_at: queued, then sent by the dispatcher, not left queued', async () => {
    const draft = await byId('1');
    assert.equal(draft.item.status, 'draft');
    const after = (await answered(() => vscode.commands.executeCommand('newsletter.sendCampaign', draft))) as Camp;
    // Read back after the dispatch: queued, or already sent by the dispatcher's next round.
    assert.ok(['queued', 'sent'].includes(after.status), after.status);
    await vscode.commands.executeCommand('newsletter.refreshCampaigns');
    assert.equal((await byId('1')).item.status, 'sent');
  });

  it('Schedule of a draft that goes to one tag: queued until its time, its tag kept', async () => {
    const { local } = daysAhead(2);
    const after = (await answered(async () => vscode.commands.executeCommand('newsletter.scheduleCampaign', await byId('11'), local))) as Camp;
    assert.equal(after.status, 'queued');
    assert.deepEqual((await last()).body?.tags, [1], 'the update would have dropped its tag');
    await vscode.commands.executeCommand('newsletter.refreshCampaigns');
    assert.equal((await byId('11')).item.status, 'queued');
  });

  it("Send Now after the draft's tags were changed elsewhere: the confirmation names the new tag and says it changed; the send writes it", async () => {
    await control('reset'); // its own state: the seeded draft 11, going to Customers (tag 1)
    const row = await byId('11'); // loaded while it went to Customers
    await control('edit', { provider: 'sendportal', id: '11', fields: { tags: [2] } }); // the web app moves it to Beta
    let members = 0;
    for (let page = 1, more = true; more; page++) {
      const p = await a.connections.active!.provider().listMembers({ id: '2', kind: 'tag', name: 'Beta', raw: {} }, page);
      members += p.items.filter((m) => m.status === 'active').length;
      more = p.hasMore;
    }
    const ui = answering(a, true);
    try {
      const after = (await vscode.commands.executeCommand('newsletter.sendCampaign', row)) as Camp & { audience: string[] };
      assert.deepEqual(after.audience, ['2']);
    } finally {
      ui.restore();
    }
    assert.match(ui.asked[0], new RegExp(`^Send "Webinar invite 11" now to Beta \\(${members.toLocaleString('en-US')} recipients\\)\\?`));
    assert.match(ui.asked[0], /Changed in SendPortal since the list was loaded: its audience\./);
    assert.deepEqual((await last()).body?.tags, [2], 'the old tags were put back');
  });

  it('a send to an audience with no one in it is refused with the reason, and nothing is written', async () => {
    await control('reset');
    const empty = await a.connections.active!.provider().createList('tag', `Empty ${Date.now()}`);
    const draft = (await camps()).find((r) => r.item.status === 'draft' && r.item.id !== '6')!;
    await control('edit', { provider: 'sendportal', id: draft.item.id, fields: { send_to_all: false, tags: [Number(empty.id)] } });
    const writes = async () => Object.entries((await stats()).byPath).filter(([k]) => /^(PUT|POST) sendportal\/campaigns/.test(k)).reduce((n, [, v]) => n + v, 0);
    const before = await writes();
    const ui = answering(a, true);
    try {
      assert.equal(await vscode.commands.executeCommand('newsletter.sendCampaign', draft), undefined);
    } finally {
      ui.restore();
    }
    assert.deepEqual(ui.asked, [], 'no confirmation for a send that cannot reach anyone');
    assert.equal(await writes(), before);
  });

  it('a draft without an email service is refused before anything is sent', async () => {
    const puts = async () => (await stats()).byPath['PUT sendportal/campaigns/6'] ?? 0;
    const before = await puts();
    assert.equal(await answered(async () => vscode.commands.executeCommand('newsletter.sendCampaign', await byId('6'))), undefined);
    assert.equal(await puts(), before);
    assert.equal((await stats()).byPath['POST sendportal/campaigns/6/send'] ?? 0, 0);
    assert.equal((await byId('6')).item.status, 'draft');
  });

  it("exports a tag with each subscriber's tags in the lists column, one request per tag", async () => {
    const tags = await a.lists.getChildren();
    const beta = tags.find((t) => t.type === 'list' && t.list.name === 'Beta')!;
    const file = join(mkdtempSync(join(tmpdir(), 'newsletter-contract-')), 'beta.csv');
    const result = (await vscode.commands.executeCommand('newsletter.exportSubscribers', beta, { file })) as { rows: number };
    const rows = parseCsv(readFileSync(file, 'utf8')).slice(1);
    assert.equal(rows.length, result.rows);
    assert.ok(rows.length > 300);
    for (const r of rows) assert.equal(r[6], Number(r[0]) % 3 === 0 ? 'Beta; Customers' : 'Beta', `subscriber ${r[0]}`);
  });
});
