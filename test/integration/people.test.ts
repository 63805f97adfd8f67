import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Subscriber } from '../../src/api';
import type { NewsletterApi } from '../../src/extension';
import { connectFresh, control, mark, PAGE_LOADS, requestsSince, rows, sandbox, stats, waitFor, WRITES, answered } from './helpers';

type ItemRow = { type: 'item'; item: { id: string; email: string; status: string } };

describe('acting on subscribers: writes are deliberate and change the tree in place', function () {
  let a: NewsletterApi;
  const items = async () => (await a.subscribers.getChildren()).filter((r) => r.type === 'item') as ItemRow[];
  const posts = async () => (await stats()).byPath['POST sendportal/subscribers'] ?? 0;

  beforeEach(async () => {
    ({ a } = await connectFresh('sendportal', 'People'));
    await a.subscribers.getChildren();
  });

  after(() => control('reset'));

  it('adds a new address, and never overwrites an existing one without being asked', async () => {
    await vscode.commands.executeCommand('newsletter.subscribers.focus');
    const added = (await vscode.commands.executeCommand('newsletter.addSubscriber', { email: 'brand.new@example.com', firstName: 'Brand' })) as { id: string };
    assert.equal((await items())[0].item.id, added.id);
    await waitFor('the new subscriber to be selected', () => (a.subscribers.view.selection[0] as ItemRow | undefined)?.item?.id === added.id);
    const before = await posts();
    const existing = (await items())[3].item;
    const answer = await answered(() => vscode.commands.executeCommand('newsletter.addSubscriber', { email: existing.email.toUpperCase(), firstName: 'Overwritten' }), false);
    assert.match(String(answer), /is already a subscriber; nothing was changed/);
    assert.equal(await posts(), before, 'an existing subscriber was written without asking');
    const updated = (await answered(() => vscode.commands.executeCommand('newsletter.addSubscriber', { email: existing.email, firstName: 'Asked' }))) as { id: string };
    assert.equal(updated.id, existing.id);
    const shown = await rows(a.subscribers);
    assert.equal(shown.filter((r) => (r.node as ItemRow).item?.id === existing.id).length, 1, 'the row changed in place, not duplicated');
  });

  it('rows of people who share a name lead with their address; a name held once leads with the name', async () => {
    await control('reset'); // its own state: the seeded people, read afresh
    await vscode.commands.executeCommand('newsletter.refreshSubscribers');
    await waitFor('the seeded people listed', async () => !(await items()).some((r) => r.item.email === 'brand.new@example.com') && (await items()).length > 3);
    const session = a.connections.active!;
    const p = session.provider();
    const first = (await items()).slice(0, 3).map((r) => r.item as Subscriber);
    const names = [['Twin', 'Name'], ['Twin', 'Name'], ['Solo', 'Person']];
    const changed = await Promise.all(first.map((x, i) => p.updateSubscriber(x, { firstName: names[i][0], lastName: names[i][1] })));
    a.changes.fire({ session, subscribers: { replace: changed } }); // as an edit made here shows, in place
    await waitFor('the names shown', async () => (await items()).filter((r) => /Twin|Solo/.test(JSON.stringify(r.item))).length === 3);
    const shown = await rows(a.subscribers);
    const of = (id: string) => shown.find((r) => (r.node as ItemRow).item?.id === id)!.item;
    for (const x of first.slice(0, 2)) {
      assert.equal(of(x.id).label, x.email, 'a shared name hides the address at a narrow width');
      assert.match(String(of(x.id).description), /^Twin Name/);
    }
    assert.equal(of(first[2].id).label, 'Solo Person');
    assert.match(String(of(first[2].id).description), new RegExp(`^${first[2].email.replace(/[.+]/g, '\\$&')}`));
  });

  it('unsubscribes and resubscribes a row in place, with one request each and no reload', async () => {
    const before = await items();
    const target = before[5];
    const since = await mark();
    await vscode.commands.executeCommand('newsletter.unsubscribe', target);
    let after = await items();
    assert.equal(after.length, before.length);
    assert.equal(after[5].item.id, target.item.id);
    assert.equal(after[5].item.status, 'unsubscribed');
    assert.match(String(a.subscribers.getTreeItem(after[5] as never).description), /unsubscribed/);
    await vscode.commands.executeCommand('newsletter.resubscribe', after[5]);
    after = await items();
    assert.equal(after[5].item.status, 'active');
    assert.equal(await requestsSince('sendportal', since, WRITES), 2, 'more than one request per write');
    assert.equal(await requestsSince('sendportal', since, PAGE_LOADS), 0, 'a reload');
  });

  it('a row being written says so until the write ends, in every view that shows it', async () => {
    const target = (await items())[7];
    await control('faults', { faults: [{ kind: 'latency', ms: 1500, provider: 'sendportal', method: 'POST', pattern: '^/subscribers$' }] });
    const refreshed: unknown[] = [];
    const listening = a.subscribers.onDidChangeTreeData((e) => refreshed.push(e));
    const done = vscode.commands.executeCommand('newsletter.unsubscribe', target);
    const rowNow = async () => (await items()).find((r) => r.item.id === target.item.id)!;
    await waitFor('the row to say it is being unsubscribed', async () => a.subscribers.getTreeItem((await rowNow()) as never).description === 'Unsubscribing…');
    assert.deepEqual(refreshed, [[target]], 'the row alone was refreshed while it waits, by the element the view knows');
    await done;
    listening.dispose();
    await control('faults', undefined, 'DELETE');
    const after = a.subscribers.getTreeItem((await rowNow()) as never);
    assert.match(String(after.description), /unsubscribed$/);
    assert.notEqual(after.description, 'Unsubscribing…');
    await vscode.commands.executeCommand('newsletter.resubscribe', await rowNow());
  });

  it('two writes on one row: the row says so until the last ends; a failed write leaves no word behind', async () => {
    const target = (await items())[8];
    const rowNow = async () => a.subscribers.getTreeItem((await items()).find((r) => r.item.id === target.item.id)! as never);
    const p = '^/subscribers$';
    await control('faults', { faults: [{ kind: 'latency', ms: 300, provider: 'sendportal', method: 'POST', pattern: p }, { kind: 'latency', ms: 2500, provider: 'sendportal', method: 'POST', pattern: p }] });
    const from = await mark();
    const first = vscode.commands.executeCommand('newsletter.unsubscribe', target);
    const second = vscode.commands.executeCommand('newsletter.unsubscribe', target);
    await waitFor('both writes sent', async () => (await requestsSince('sendportal', from, /^POST \/api\/v1\/subscribers$/)) === 2);
    await first;
    assert.equal((await rowNow()).description, 'Unsubscribing…', 'the first write to end took the second one’s word away');
    await second;
    assert.notEqual((await rowNow()).description, 'Unsubscribing…');
    await vscode.commands.executeCommand('newsletter.resubscribe', (await items()).find((r) => r.item.id === target.item.id));

    await control('faults', { faults: [{ kind: 'status', status: 503, provider: 'sendportal', method: 'POST', pattern: p }] });
    await vscode.commands.executeCommand('newsletter.unsubscribe', (await items()).find((r) => r.item.id === target.item.id));
    assert.notEqual((await rowNow()).description, 'Unsubscribing…', 'a failed write left the row saying it is being written');
    await control('faults', undefined, 'DELETE');
  });

  it('deletes a confirmed row in place; a failed delete is not retried and loses nothing', async () => {
    const before = await items();
    await control('faults', { faults: [{ kind: 'status', status: 503, provider: 'sendportal', method: 'DELETE', pattern: '^/subscribers/\\d+$' }] });
    const deletesBefore = (await stats()).byPath[`DELETE sendportal/subscribers/${before[2].item.id}`] ?? 0;
    assert.equal(await answered(() => vscode.commands.executeCommand('newsletter.deleteSubscriber', before[2])), false);
    assert.equal((await stats()).byPath[`DELETE sendportal/subscribers/${before[2].item.id}`] ?? 0, deletesBefore + 1, 'a write was retried');
    assert.deepEqual((await items()).map((r) => r.item.id), before.map((r) => r.item.id), 'the tree changed after a failed delete');

    assert.equal(await answered(() => vscode.commands.executeCommand('newsletter.deleteSubscriber', before[2])), true);
    const after = await items();
    assert.deepEqual(after.map((r) => r.item.id), before.filter((_, i) => i !== 2).map((r) => r.item.id));
  });

  it("a write shows on the item's open card, wherever it was made; a deleted item's card closes", async () => {
    const row = (await items())[5] as unknown as { type: 'item'; item: { firstName: string; lastName: string } };
    const tabs = (label: string) => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === label && t.input instanceof vscode.TabInputWebview);
    await vscode.commands.executeCommand('newsletter.openDetails', row);
    await waitFor('the card', () => tabs(`${row.item.firstName} ${row.item.lastName}`).length === 1);
    // Edited from the tree's menu, not from the card.
    await vscode.commands.executeCommand('newsletter.editSubscriber', row, { firstName: 'Carded', lastName: 'Person' });
    await waitFor('the card renamed', () => tabs('Carded Person').length === 1);
    assert.equal(tabs(`${row.item.firstName} ${row.item.lastName}`).length, 0, 'a second card, or the old name kept');
    const edited = (await items()).find((r) => (r as unknown as typeof row).item.firstName === 'Carded');
    assert.equal(await answered(() => vscode.commands.executeCommand('newsletter.deleteSubscriber', edited)), true);
    await waitFor('the card closed', () => tabs('Carded Person').length === 0);
  });
});

describe('switching and refreshing keep what was loaded', function () {
  let a: NewsletterApi;
  let first: string;

  beforeEach(async () => {
    ({ a, id: first } = await connectFresh('sendportal', 'First'));
  });

  after(() => control('reset'));

  it('switching away and back keeps the loaded rows, without a request', async () => {
    await vscode.commands.executeCommand('newsletter.loadMore', (await a.subscribers.getChildren()).at(-1));
    const loaded = (await a.subscribers.getChildren()).length;
    assert.ok(loaded > 26);
    await vscode.commands.executeCommand('newsletter.addConnection', { provider: 'sender', label: 'Second', baseUrl: sandbox.sender.baseUrl });
    assert.equal(await vscode.commands.executeCommand('newsletter.setToken', sandbox.sender.token), 'saved');
    await a.subscribers.getChildren();
    // Pages only: the status bar may check the API's health (GET /tags) on its own schedule meanwhile.
    const pages = async () => (await stats()).byPath['GET sendportal/subscribers'] ?? 0;
    const before = await pages();
    await vscode.commands.executeCommand('newsletter.switchConnection', first);
    assert.equal((await a.subscribers.getChildren()).length, loaded);
    assert.equal(await pages(), before);
  });

  it('a Refresh that fails keeps the old rows under the error row', async () => {
    const before = (await a.subscribers.getChildren()).filter((r) => r.type === 'item').length;
    await control('faults', { faults: [{ kind: 'status', status: 500, provider: 'sendportal', method: 'GET', pattern: '^/subscribers$', query: 'page=1' }] });
    await vscode.commands.executeCommand('newsletter.refreshSubscribers');
    const shown = await rows(a.subscribers);
    assert.equal(shown.at(-1)!.node.type, 'error');
    assert.equal(shown.filter((r) => r.node.type === 'item').length, before);
  });
});
