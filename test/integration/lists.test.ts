import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { NewsletterApi } from '../../src/extension';
import type { ListsRow } from '../../src/views/listsView';
import { connectFresh, control, daysAhead, mark, PAGE_LOADS, requestsSince, stats, waitFor, WRITES, answered } from './helpers';

type Sub = { id: string; email: string; status: string; tags: string[]; firstName?: string };
type ItemRow = { type: 'item'; item: Sub };
type ListRow = Extract<ListsRow, { type: 'list' }>;

/** The Lists view and acting on many people at once, in a real VS Code against the sandbox's Sender. */
describe('lists, and acting on many subscribers', function () {
  let a: NewsletterApi;
  const items = async () => (await a.subscribers.getChildren()).filter((r) => r.type === 'item') as ItemRow[];
  const groupsRow = async () => (await a.lists.getChildren()).find((r) => r.type === 'kind' && r.info.kind === 'group')!;
  const group = async (name: string) => (await a.lists.getChildren(await groupsRow())).find((r) => r.type === 'list' && r.list.name === name) as ListRow | undefined;
  const members = async (row: ListRow) => (await a.lists.getChildren(row)).filter((r) => r.type === 'item') as unknown as ItemRow[];

  beforeEach(async () => {
    ({ a } = await connectFresh('sender', 'Lists'));
    await a.subscribers.getChildren();
  });

  after(() => control('reset'));

  it('shows groups with their counts and segments; a group expands into its members, paged', async () => {
    const kinds = await a.lists.getChildren();
    assert.deepEqual(kinds.map((k) => (k.type === 'kind' ? k.info.label : k.type)), ['Groups', 'Segments']);
    const customers = (await group('Customers'))!;
    assert.match(String(a.lists.getTreeItem(customers).description), /^834 · \d+ active$/);
    assert.equal(a.lists.getTreeItem(customers).contextValue, 'list.editable');
    assert.match(String(a.lists.getTreeItem(customers).accessibilityInformation?.label), /^Customers, 834 subscribers, [\d,]+ active$/, 'what a screen reader hears');
    let shown = await a.lists.getChildren(customers);
    assert.equal(shown.filter((r) => r.type === 'item').length, 25);
    assert.equal(shown.at(-1)!.type, 'loadMore');
    await vscode.commands.executeCommand('newsletter.loadMore', shown.at(-1));
    shown = await a.lists.getChildren(customers);
    assert.equal(shown.filter((r) => r.type === 'item').length, 50);
    const refreshed: unknown[] = [];
    const listening = a.lists.onDidChangeTreeData((e) => refreshed.push(e));
    await vscode.commands.executeCommand('newsletter.loadMore', shown.at(-1));
    listening.dispose();
    assert.deepEqual(refreshed, [customers], 'a page of members refreshed more than its list');
    assert.equal((await a.lists.getChildren(customers)).filter((r) => r.type === 'item').length, 75);
    const segment = (await a.lists.getChildren(kinds[1])).find((r) => r.type === 'list')!;
    assert.equal(a.lists.getTreeItem(segment).contextValue, 'list', 'segments cannot be edited through the API');
  });

  it('adds several subscribers to a group in one request; counts and rows change in place', async () => {
    const beta = (await group('Beta testers'))!;
    const countBefore = beta.list.count!;
    await members(beta); // loaded, so the new members must appear without a reload
    const chosen = (await items()).filter((r) => !r.item.tags.includes('Beta testers')).slice(0, 3);
    const since = await mark();
    const added = await vscode.commands.executeCommand('newsletter.addToList', chosen[0], chosen, beta.list);
    assert.equal(added, 3);
    assert.equal(await requestsSince('sender', since, WRITES), 1, 'one request for all three');
    assert.equal(await requestsSince('sender', since, PAGE_LOADS), 0, 'a reload');
    assert.equal((await group('Beta testers'))!.list.count, countBefore + 3);
    const now = await members((await group('Beta testers'))!);
    assert.deepEqual(now.slice(0, 3).map((r) => r.item.id).sort(), chosen.map((r) => r.item.id).sort());
    const rowsNow = await items();
    for (const c of chosen) assert.ok(rowsNow.find((r) => r.item.id === c.item.id)!.item.tags.includes('Beta testers'), 'the row in Subscribers shows its new group');
    const again = rowsNow.filter((r) => chosen.some((c) => c.item.id === r.item.id));
    await vscode.commands.executeCommand('newsletter.addToList', again[0], again, beta.list);
    assert.equal((await group('Beta testers'))!.list.count, countBefore + 3, 'members added again were counted twice');
  });

  it('one write, one event: the Subscribers row, the group\'s members and count, and the open card all follow', async () => {
    const beta = (await group('Beta testers'))!;
    await members(beta);
    const person = (await items()).find((r) => !r.item.tags.includes('Beta testers'))!;
    const name = [person.item.firstName, (person.item as { lastName?: string }).lastName].filter(Boolean).join(' ') || person.item.email;
    await vscode.commands.executeCommand('newsletter.openDetails', person);
    const drawn: string[] = [];
    const events: unknown[] = [];
    const listening = [a.cards.onDidRender((key) => key.endsWith(`:subscriber:${person.item.id}`) && drawn.push(key)), a.changes.onDidChange((c) => events.push(c))];
    const before = beta.list.count!;
    assert.equal(await vscode.commands.executeCommand('newsletter.addToList', person, [person], beta.list), 1);
    await waitFor('the card redrawn', () => drawn.length > 0);
    listening.forEach((l) => l.dispose());
    assert.equal(events.length, 1, 'the write was reported more than once');
    assert.ok((await items()).find((r) => r.item.id === person.item.id)!.item.tags.includes('Beta testers'), 'the Subscribers row');
    assert.equal((await group('Beta testers'))!.list.count, before + 1, "the group's count");
    assert.ok((await members((await group('Beta testers'))!)).some((r) => r.item.id === person.item.id), "the group's members");
    await waitFor(`the card "${name}"`, () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.label === name));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('removes members from a group, in place', async () => {
    const beta = (await group('Beta testers'))!;
    const shown = await members(beta);
    const two = shown.slice(0, 2);
    const removed = await vscode.commands.executeCommand('newsletter.removeFromList', two[0], two);
    assert.equal(removed, 2);
    const after = await members((await group('Beta testers'))!);
    assert.deepEqual(after.map((r) => r.item.id), shown.slice(2).map((r) => r.item.id));
    assert.equal((await stats()).byPath['DELETE sender/subscribers/groups/g2'], 1);
  });

  it('creates, renames and deletes a group', async () => {
    const made = (await vscode.commands.executeCommand('newsletter.createList', 'Press')) as { id: string; name: string };
    assert.equal(made.name, 'Press');
    const press = (await group('Press'))!;
    assert.ok(press, 'the new group shows without a refresh');
    await vscode.commands.executeCommand('newsletter.renameList', press, 'Journalists');
    assert.ok(await group('Journalists'));
    assert.equal(await group('Press'), undefined);
    assert.equal(await answered(async () => vscode.commands.executeCommand('newsletter.deleteList', await group('Journalists'))), true);
    assert.equal(await group('Journalists'), undefined);
  });

  it('unsubscribes several rows; a failure half-way keeps what was done and retries nothing', async () => {
    const chosen = (await items()).filter((r) => r.item.status === 'active').slice(0, 3);
    await control('faults', { faults: [{ kind: 'status', status: 503, provider: 'sender', method: 'PATCH', path: `/subscribers/${encodeURIComponent(chosen[1].item.email)}` }] });
    const since = await mark();
    const done = (await vscode.commands.executeCommand('newsletter.unsubscribe', chosen[0], chosen)) as Sub[];
    assert.deepEqual(done.map((x) => x.id), [chosen[0].item.id], 'the first was done, then it stopped');
    assert.equal(await requestsSince('sender', since, WRITES), 2, 'the failed write was retried, or the rest went on after it');
    const rowsNow = await items();
    assert.equal(rowsNow.find((r) => r.item.id === chosen[0].item.id)!.item.status, 'unsubscribed');
    assert.equal(rowsNow.find((r) => r.item.id === chosen[1].item.id)!.item.status, 'active');
    const current = rowsNow.filter((r) => chosen.some((c) => c.item.id === r.item.id));
    const rest = (await vscode.commands.executeCommand('newsletter.unsubscribe', current[0], current)) as Sub[];
    assert.equal(rest.length, 2, 'the one already unsubscribed is skipped');
  });

  it('edits a subscriber in place', async () => {
    const row = (await items())[4];
    const position = (await items()).findIndex((r) => r.item.id === row.item.id);
    await vscode.commands.executeCommand('newsletter.editSubscriber', row, { firstName: 'Edited', lastName: 'Person' });
    const after = await items();
    assert.equal(after[position].item.id, row.item.id);
    assert.equal(a.subscribers.getTreeItem(after[position] as never).label, 'Edited Person');
  });

  it('filters by status page by page and sorts on the server, saying so in the description', async () => {
    await vscode.commands.executeCommand('newsletter.filterSubscribers', 'bounced');
    const bounced = await items();
    assert.ok(bounced.length > 0 && bounced.every((r) => r.item.status === 'bounced'));
    assert.match(String(a.subscribers.view.description), /bounced only/);
    await vscode.commands.executeCommand('newsletter.filterSubscribers', 'all');
    await vscode.commands.executeCommand('newsletter.sortSubscribers', { field: 'email', direction: 'asc' });
    const sorted = (await items()).map((r) => r.item.email);
    assert.deepEqual(sorted, [...sorted].sort((x, y) => x.localeCompare(y)));
    assert.match(String(a.subscribers.view.description), /by email ↑/);
    await vscode.commands.executeCommand('newsletter.sortSubscribers', 'default');
    assert.doesNotMatch(String(a.subscribers.view.description ?? ''), /by email/);
  });

  it('deletes a confirmed row from every view it shows in', async () => {
    const customers = (await group('Customers'))!;
    const member = (await members(customers))[0];
    const before = (await stats()).byPath['DELETE sender/subscribers'] ?? 0;
    assert.equal(await answered(() => vscode.commands.executeCommand('newsletter.deleteSubscriber', member)), true);
    assert.equal((await stats()).byPath['DELETE sender/subscribers'], before + 1);
    assert.ok(!(await members(customers)).some((r) => r.item.id === member.item.id));
    assert.ok(!(await items()).some((r) => r.item.id === member.item.id));
  });
});

describe('SendPortal tags in the Lists view', function () {
  let a: NewsletterApi;
  beforeEach(async () => {
    ({ a } = await connectFresh('sendportal', 'Tags'));
  });
  after(() => control('reset'));

  it('previews a SendPortal template with the safe preview', async () => {
    assert.equal(await vscode.commands.executeCommand('newsletter.previewTemplate', '2'), true);
    await waitFor('the template preview', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.label === 'Preview: Announcement'));
  });

  it('lists tags at the top level, and pages the members the API sends whole', async () => {
    const tags = await a.lists.getChildren();
    assert.deepEqual(tags.map((t) => (t.type === 'list' ? t.list.name : t.type)), ['Beta', 'Customers']);
    const customers = await a.lists.getChildren(tags[1]);
    assert.equal(customers.filter((r) => r.type === 'item').length, 25);
    assert.equal(a.lists.getTreeItem(customers[0]).contextValue?.endsWith('.member.editable'), true);
  });
});

describe('acting on campaigns', function () {
  let a: NewsletterApi;
  type CampRow = { type: 'item'; item: { id: string; status: string; title: string } };
  const camps = async () => (await a.campaigns.getChildren()).filter((r) => r.type === 'item') as unknown as CampRow[];
  beforeEach(async () => {
    ({ a } = await connectFresh('sender', 'Campaigns'));
  });
  after(() => control('reset'));

  it("puts who clicked into a group in one request, the group's count growing by them, and exports them to a file", async () => {
    const sent = (await camps()).find((r) => r.item.status === 'sent' && r.item.id)!;
    const groupsRow = (await a.lists.getChildren()).find((r) => r.type === 'kind')!;
    const customers = (await a.lists.getChildren(groupsRow)).find((r) => r.type === 'list' && r.list.name === 'Customers') as { type: 'list'; list: { id: string; count: number } };
    const since = await mark();
    const added = (await answered(() => vscode.commands.executeCommand('newsletter.addReportPeople', sent, 'clicks', customers.list))) as number;
    assert.ok(added > 0, 'nobody clicked');
    assert.equal(await requestsSince('sender', since, /^POST \/v2\/subscribers\/groups\//), 1, 'one request for all of them');
    const now = (await a.lists.getChildren(groupsRow)).find((r) => r.type === 'list' && r.list.name === 'Customers') as typeof customers;
    assert.equal(now.list.count, customers.list.count + added);
    const file = path.join(os.tmpdir(), `clicked-${Date.now()}.csv`);
    assert.equal(await vscode.commands.executeCommand('newsletter.exportReportPeople', sent, 'clicks', file), added);
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    fs.rmSync(file);
    assert.deepEqual([lines[0], lines.length], ['email,name,link', added + 1]);
  });

  it('rows say the date that matters and rates out of delivered', async () => {
    const rows = await camps();
    const sent = rows.find((r) => r.item.status === 'sent')!;
    assert.match(String(a.campaigns.getTreeItem(sent as never).description), /^\d+% opened · \d+% clicked · Sent .+ ago$/);
    const draft = rows.find((r) => r.item.status === 'draft')!;
    assert.match(String(a.campaigns.getTreeItem(draft as never).description), /^Draft, created [^·]+ · [\d,]+ recipients$/);
    assert.equal(a.campaigns.getTreeItem(draft as never).contextValue, 'campaign.draft');
  });

  it("lists who opened a sent campaign on its card, a page at a time; another report starts at its first page; a failure says why", async () => {
    const sent = (await camps()).find((r) => r.item.status === 'sent')!;
    const raw = sent.item as unknown as { opens: number; clicks: number };
    const path = (kind: string) => `GET sender/campaigns/${sent.item.id}/${kind}`;
    const report = async (...args: unknown[]) => (await vscode.commands.executeCommand('newsletter.campaignReport', sent, ...args)) as { email: string }[];
    // The card, opened as from the tree, lists who opened it by itself: one page, at the largest size the view uses.
    await vscode.commands.executeCommand('newsletter.openDetails', sent);
    await waitFor('the first page of openers', async () => (await stats()).byPath[path('opens')] === 1 && (await report('opens')).length > 0);
    const first = await report('opens');
    assert.equal(first.length, Math.min(100, raw.opens));
    assert.ok(first.every((e) => /@example\.com$/.test(e.email)));
    const all = await report('opens', 'more');
    assert.equal(all.length, Math.min(200, raw.opens));
    assert.equal(new Set(all.map((e) => e.email)).size, all.length, 'a person listed twice');
    assert.deepEqual(await report('opens'), all, 'asking for the report listed already loads nothing again');
    assert.equal((await stats()).byPath[path('opens')], 2);
    await control('faults', { faults: [{ kind: 'status', status: 500, provider: 'sender', path: `/campaigns/${sent.item.id}/clicks`, times: 10 }] });
    assert.deepEqual(await report('clicks'), [], 'no one is listed when the page failed');
    await control('faults', undefined, 'DELETE');
    const clicked = await report('clicks', 'more'); // Try Again
    assert.equal(clicked.length, Math.min(100, raw.clicks));
    assert.ok(raw.clicks < raw.opens);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a report that arrives late updates its card where it is, never pulling it in front of another tab', async () => {
    const sent = (await camps()).filter((r) => r.item.status === 'sent')[1];
    const path = `GET sender/campaigns/${sent.item.id}/opens`;
    const asked = (await stats()).byPath[path] ?? 0;
    await control('faults', { faults: [{ kind: 'latency', ms: 1500, provider: 'sender', path: `/campaigns/${sent.item.id}/opens` }] });
    const drawn: string[] = [];
    const listening = a.cards.onDidRender((key) => key.endsWith(`:campaign:${sent.item.id}`) && drawn.push(key));
    await vscode.commands.executeCommand('newsletter.openDetails', sent);
    assert.equal(drawn.length, 1, 'the card, while its report loads');
    const doc = await vscode.workspace.openTextDocument({ content: 'elsewhere' });
    await vscode.window.showTextDocument(doc); // the user went on to something else, in the same editor group
    // Every tab that comes in front from here on, in the order the editor group shows them.
    const fronts: string[] = [];
    const watching = vscode.window.tabGroups.onDidChangeTabs((e) => {
      for (const t of [...e.opened, ...e.changed]) {
        if (t.isActive) fronts.push(t.input instanceof vscode.TabInputText ? t.input.uri.toString() : t.input instanceof vscode.TabInputWebview ? 'card' : t.label);
      }
    });
    await waitFor('the card drawn again with its report', () => drawn.length === 2, 15_000);
    listening.dispose();
    assert.equal(vscode.window.activeTextEditor?.document, doc, 'the card came back in front');
    // A barrier, not a wait: a document shown after the card was drawn again reaches the editor group after whatever
    // that drawing asked of it, so a card pulled in front would be in `fronts` before this one.
    const after = await vscode.workspace.openTextDocument({ content: 'after the card' });
    await vscode.window.showTextDocument(after);
    await waitFor('the barrier in front', () => fronts.includes(after.uri.toString()));
    watching.dispose();
    assert.ok(!fronts.includes('card'), `the card came back in front: ${fronts.join(' → ')}`);
    assert.equal((await stats()).byPath[path], asked + 1);
    await control('faults', undefined, 'DELETE');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('schedules a draft, cancels it and sends it, each after its modal, the row changing in place', async () => {
    const before = await camps();
    const index = before.findIndex((r) => r.item.status === 'draft');
    const { local } = daysAhead(2);
    const scheduled = (await answered(() => vscode.commands.executeCommand('newsletter.scheduleCampaign', before[index], local))) as { status: string };
    assert.equal(scheduled.status, 'scheduled');
    let now = await camps();
    assert.deepEqual(now.map((r) => r.item.id), before.map((r) => r.item.id), 'the list reloaded or lost rows');
    // Two calendar days ahead is "in 2 days" at any hour (at 22:09 it once read "tomorrow": 35 hours rounded to a day;
    // on a Saturday at 23:40 before the spring change, 48 hours ahead was Tuesday, three calendar days).
    assert.match(String(a.campaigns.getTreeItem(now[index] as never).description), /^Scheduled in 2 days/);
    assert.equal(((await vscode.commands.executeCommand('newsletter.cancelSchedule', now[index])) as { status: string }).status, 'draft');
    now = await camps();
    const posts = (await stats()).byPath[`POST sender/campaigns/${before[index].item.id}/send`] ?? 0;
    assert.equal(((await answered(() => vscode.commands.executeCommand('newsletter.sendCampaign', now[index]))) as { status: string }).status, 'sending');
    assert.equal((await stats()).byPath[`POST sender/campaigns/${before[index].item.id}/send`], posts + 1);
    assert.equal((await camps())[index].item.status, 'sending');
  });

  it('a send the server refuses is not retried, and the row stays as it was', async () => {
    const row = (await camps()).find((r) => r.item.status === 'sent')!;
    const key = `POST sender/campaigns/${row.item.id}/send`;
    assert.equal(await answered(() => vscode.commands.executeCommand('newsletter.sendCampaign', row)), undefined);
    assert.equal((await stats()).byPath[key], 1);
    assert.equal((await camps()).find((r) => r.item.id === row.item.id)!.item.status, 'sent');
  });

  it('previews a campaign in a webview tab of its own', async () => {
    const row = (await camps())[0];
    assert.equal(await vscode.commands.executeCommand('newsletter.previewCampaign', row), true);
    const previews = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.label === `Preview: ${row.item.title}`);
    await waitFor('the preview tab', () => previews().length === 1);
  });
});
