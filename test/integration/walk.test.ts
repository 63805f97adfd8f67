import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { parseCsv } from '../../src/transfer/csv';
import type { NewsletterApi } from '../../src/extension';
import { api, control, flat, mark, removeAllConnections, requestsSince, rows, sandbox, seenSince, waitFor, answered } from './helpers';

/** Runs `body` with 100 rows a page (Sender's largest the view offers), the setting put back after. */
async function withPageSize100(body: () => Promise<void>): Promise<void> {
  await vscode.workspace.getConfiguration('newsletter').update('pageSize', 100, vscode.ConfigurationTarget.Global);
  try {
    await body();
  } finally {
    await vscode.workspace.getConfiguration('newsletter').update('pageSize', undefined, vscode.ConfigurationTarget.Global);
  }
}

describe('a full walk of a SendPortal list whose order shifts between pages', function () {
  let a: NewsletterApi;

  beforeEach(async () => {
    a = await api();
    await removeAllConnections(a);
    await control('reset');
    await control('ratelimit', { provider: 'sendportal', limit: 100_000, windowMs: 60_000 });
    await vscode.commands.executeCommand('newsletter.addConnection', { provider: 'sendportal', label: 'Walk', baseUrl: sandbox.sendportal.baseUrl });
    assert.equal(await vscode.commands.executeCommand('newsletter.setToken', sandbox.sendportal.token), 'saved');
  });

  after(() => control('reset'));

  it('says how many were not listed, then finds every one of them', async () => {
    for (let last = (await flat(a.subscribers)).at(-1); last?.type === 'loadMore'; last = (await flat(a.subscribers)).at(-1)) {
      await vscode.commands.executeCommand('newsletter.loadMore', last);
    }
    let shown = await rows(a.subscribers);
    const missingRow = shown.find((r) => r.node.type === 'missing');
    assert.ok(missingRow, 'no row says that people are missing');
    const listed = shown.filter((r) => r.node.type === 'item').length;
    assert.equal(missingRow.label, `${(2500 - listed).toLocaleString('en-US')} of 2,500 subscribers were not listed: the server's order shifted`);

    // Stopped after the first one found: it is kept in the list, and the rest are still said to be missing.
    const stop = new AbortController();
    const since = await mark();
    const stopped = await a.subscribers.findMissing(stop.signal, (_checked, found) => found > 0 && stop.abort());
    assert.ok(stopped && stopped.found.length >= 1 && stopped.found.length < 2500 - listed, `found ${stopped?.found.length}`);
    const afterStop = await rows(a.subscribers);
    assert.equal(afterStop.filter((r) => r.node.type === 'item').length, listed + stopped.found.length, 'what was found before the stop was lost');
    assert.ok(afterStop.some((r) => r.node.type === 'missing'));
    // Cheap first: the tags' members (one request each) came before any look-up by id.
    const seen = await seenSince(since);
    const order = seen.filter((r) => /\/api\/v1\/(tags\/\d+\/subscribers|subscribers\/\d+)/.test(r.url)).map((r) => (r.url.includes('/tags/') ? 'tag' : 'id'));
    assert.equal(order[0], 'tag', order.slice(0, 5).join(','));

    await answered(() => vscode.commands.executeCommand('newsletter.findMissing', afterStop.find((r) => r.node.type === 'missing')!.node));
    shown = await rows(a.subscribers);
    assert.equal(shown.filter((r) => r.node.type === 'item').length, 2500);
    assert.ok(!shown.some((r) => r.node.type === 'missing'));
  });

  it('a full SendPortal export: rows found through a tag or by id carry their tags in the lists column like walked rows', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'walk-export-')), 'all.csv');
    const result = (await vscode.commands.executeCommand('newsletter.exportSubscribers', undefined, { file })) as { rows: number; done: boolean };
    assert.deepEqual([result.rows, result.done], [2500, true]);
    const provider = a.connections.active!.provider();
    const expected = new Map<string, string[]>();
    for (const tag of (await provider.listLists('tag', 1)).items) {
      for (let page = 1, more = true; more; page++) {
        const members = await provider.listMembers(tag, page);
        for (const m of members.items) expected.set(m.id, [...(expected.get(m.id) ?? []), tag.name]);
        more = members.hasMore;
      }
    }
    const rows = parseCsv(readFileSync(file, 'utf8')).slice(1);
    const wrong = rows.filter((r) => (expected.get(r[0]) ?? []).sort().join('|') !== r[6].split(/;\s*/).filter(Boolean).sort().join('|'));
    assert.deepEqual(wrong.slice(0, 5).map((r) => `${r[0]}: "${r[6]}", tags ${expected.get(r[0])?.join('|')}`), [], `${wrong.length} rows with the wrong lists`);
  });

  it('an export during which a tag is renamed and a member added says so, with how many rows in the file show the old lists', async () => {
    const provider = a.connections.active!.provider();
    const [customers, beta] = (await provider.listLists('tag', 1)).items;
    const inCustomers = new Set<string>();
    for (let page = 1, more = true; more; page++) {
      const got = await provider.listMembers(customers, page);
      got.items.forEach((x) => inCustomers.add(x.id));
      more = got.hasMore;
    }
    const outsider = (await provider.listSubscribers(1)).items.find((x) => !inCustomers.has(x.id))!;
    // The walk's second page waits: the account changes meanwhile, after the export read the tags.
    await control('faults', { faults: [{ kind: 'latency', provider: 'sendportal', method: 'GET', pattern: '^/subscribers$', query: 'page=2', ms: 3000 }] });
    const from = await mark();
    const file = join(mkdtempSync(join(tmpdir(), 'walk-drift-')), 'all.csv');
    const running = vscode.commands.executeCommand('newsletter.exportSubscribers', undefined, { file }) as Thenable<{ done: boolean; drift?: { rows: number; changes: string[] } }>;
    await waitFor('the second page asked for', async () => (await seenSince(from)).some((r) => /\/api\/v1\/subscribers\?(.*&)?page=2(&|$)/.test(r.url)));
    await provider.renameList(beta, 'Beta testers');
    await provider.addToList(customers, [outsider]);
    const result = await running;
    assert.equal(result.done, true);
    assert.ok(result.drift, 'the export ended without a word of the change');
    assert.ok(result.drift.changes.includes(`"${beta.name}" renamed "Beta testers"`), result.drift.changes.join(', '));
    assert.ok(result.drift.changes.some((c) => c.startsWith('+') && c.includes(customers.name)), result.drift.changes.join(', '));
    const touched = new Set([outsider.id]);
    for (let page = 1, more = true; more; page++) {
      const got = await provider.listMembers(beta, page);
      got.items.forEach((x) => touched.add(x.id));
      more = got.hasMore;
    }
    assert.equal(result.drift.rows, touched.size, 'every Beta member, and the one added to Customers');
    await provider.renameList({ ...beta, name: 'Beta testers' }, beta.name);
  });

  it('shows SendPortal campaigns that went out as "N sent", never "0% opened"', async () => {
    await vscode.commands.executeCommand('newsletter.filterCampaigns', 'all');
    const campaigns = await rows(a.campaigns);
    const descriptions = campaigns.map((r) => String(r.item.description ?? ''));
    assert.ok(descriptions.some((d) => /^Cancelled · [\d,]+ sent$/.test(d)), 'a cancelled campaign that partly went out says how many were sent');
    assert.ok(descriptions.every((d) => !/opened|clicked/.test(d)), 'SendPortal does not report opens: no rate may be shown');
  });

  it('Load All loads every page of a Sender list, and the view says how many there are', async () => {
    await withPageSize100(async () => {
      await vscode.commands.executeCommand('newsletter.addConnection', { provider: 'sender', label: 'All', baseUrl: sandbox.sender.baseUrl });
      assert.equal(await vscode.commands.executeCommand('newsletter.setToken', sandbox.sender.token), 'saved');
      await a.subscribers.getChildren();
      await vscode.commands.executeCommand('newsletter.loadAllSubscribers');
      const groups = await a.subscribers.getChildren();
      assert.deepEqual(groups.map((g) => String(a.subscribers.getTreeItem(g).label)), ['1–1,000', '1,001–2,000', '2,001–2,500']);
      const shown = await flat(a.subscribers);
      assert.equal(shown.filter((r) => r.type === 'item').length, 2500);
      assert.notEqual(shown.at(-1)?.type, 'loadMore');
      assert.equal(a.subscribers.view.description, 'All · 2,500 subscribers');

      // Search: part of a name scans (here, the rows already loaded); a mixed-case email is looked up exactly.
      const pages = a.subscribers.list.state.pagesLoaded;
      const found = (await vscode.commands.executeCommand('newsletter.searchSubscribers', 'grace lovelace')) as { email: string }[];
      assert.ok(found.length > 0 && found.every((x) => x.email.startsWith('grace.lovelace.')), JSON.stringify(found.slice(0, 3)));
      // (The status bar may check on its own meanwhile; what matters is that no page was asked for again.)
      assert.equal(a.subscribers.list.state.pagesLoaded, pages, 'a search through loaded rows loaded pages again');
      const exact = (await vscode.commands.executeCommand('newsletter.searchSubscribers', 'Grace.Lovelace.2@Example.com')) as { firstName: string };
      assert.equal(exact.firstName, 'Grace');
    });
  });

  it("a partial search reads Sender's list in 3 requests of 1,000 without loading the tree; a second search asks for nothing", async () => {
    await vscode.commands.executeCommand('newsletter.addConnection', { provider: 'sender', label: 'Search', baseUrl: sandbox.sender.baseUrl });
    assert.equal(await vscode.commands.executeCommand('newsletter.setToken', sandbox.sender.token), 'saved');
    await a.subscribers.getChildren();
    const since = await mark();
    const found = (await vscode.commands.executeCommand('newsletter.searchSubscribers', 'lovelace')) as { email: string }[];
    assert.ok(found.length > 0 && found.every((x) => x.email.includes('lovelace')));
    assert.equal(await requestsSince('sender', since, /^GET \/v2\/subscribers\?(.*&)?limit=1000/), 3);
    assert.equal(a.subscribers.list.state.items.length, 25, 'the search loaded rows into the tree');
    const again = await mark();
    const second = (await vscode.commands.executeCommand('newsletter.searchSubscribers', 'grace')) as unknown[];
    assert.ok(second.length > 0);
    assert.equal(await requestsSince('sender', again), 0, 'the second search asked the API again');
  });

  it('a search match further down is brought into the tree with the pages up to it, and not one page more', async () => {
    await vscode.commands.executeCommand('newsletter.addConnection', { provider: 'sender', label: 'Until', baseUrl: sandbox.sender.baseUrl });
    assert.equal(await vscode.commands.executeCommand('newsletter.setToken', sandbox.sender.token), 'saved');
    await a.subscribers.getChildren();
    await vscode.commands.executeCommand('newsletter.searchSubscribers', 'lovelace'); // the walk: where each one is
    const perPage = a.subscribers.list.state.perPage ?? 25;
    assert.equal(a.subscribers.list.state.pagesLoaded, 1);
    const third = a.connections.active!.walk.items[perPage * 2 + 3]; // on the view's page 3
    const since = await mark();
    const row = await a.subscribers.loadUntil(third.id, 5);
    assert.equal(row?.id, third.id);
    assert.equal(a.subscribers.list.state.pagesLoaded, 3, 'pages in the tree');
    assert.equal(await requestsSince('sender', since, /^GET \/v2\/subscribers\?/), 2, 'pages asked for');
    const since2 = await mark();
    assert.equal((await a.subscribers.loadUntil(third.id, 5))?.id, third.id, 'held: found without a request');
    assert.equal(await requestsSince('sender', since2, /^GET \/v2\/subscribers\?/), 0);
  });

  it('groups a long list by 1,000: a load inside the last group refreshes that group alone; a row in a folded group is revealed', async () => {
    await withPageSize100(async () => {
      await vscode.commands.executeCommand('newsletter.addConnection', { provider: 'sender', label: 'Groups', baseUrl: sandbox.sender.baseUrl });
      assert.equal(await vscode.commands.executeCommand('newsletter.setToken', sandbox.sender.token), 'saved');
      await a.subscribers.getChildren();
      while (a.subscribers.list.state.items.length < 1100) await a.subscribers.loadMore();
      const groups = await a.subscribers.getChildren();
      const item = (g: (typeof groups)[number]) => a.subscribers.getTreeItem(g);
      assert.deepEqual(groups.map((g) => [String(item(g).label), item(g).collapsibleState]), [
        ['1–1,000', vscode.TreeItemCollapsibleState.Collapsed],
        ['1,001–1,100', vscode.TreeItemCollapsibleState.Expanded],
      ]);
      assert.equal((await a.subscribers.getChildren(groups[0])).length, 1000);
      const last = await a.subscribers.getChildren(groups[1]);
      assert.deepEqual([last.length, last.at(-1)?.type], [101, 'loadMore']);
      assert.equal(a.subscribers.getTreeItem(last[0]).command, undefined, 'the open command is built only when a row is clicked');
      assert.equal(a.subscribers.resolveTreeItem(a.subscribers.getTreeItem(last[0]), last[0]).command?.command, 'newsletter.openDetails');

      const refreshed: unknown[] = [];
      const sub = a.subscribers.onDidChangeTreeData((e) => refreshed.push(e));
      await vscode.commands.executeCommand('newsletter.loadMore', last.at(-1));
      await waitFor('the refresh', () => refreshed.length > 0);
      sub.dispose();
      assert.deepEqual(refreshed, [groups[1]], 'the root was refreshed, or more than once');
      assert.equal((await a.subscribers.getChildren(groups[1])).length, 201);

      const folded = (await a.subscribers.getChildren(groups[0]))[500] as { type: 'item'; item: { id: string } };
      assert.equal(a.subscribers.getParent(folded as never), groups[0]);
      await a.subscribers.reveal(folded.item as never);
      await waitFor('the row to be selected', () => (a.subscribers.view.selection[0] as typeof folded | undefined)?.item?.id === folded.item.id);

      // By keyboard across the boundary: row 1,000 (the last of the first group), Down to the next group's header,
      // Down to row 1,001, Enter: its row is selected and its card opens.
      const items = a.subscribers.list.state.items;
      await a.subscribers.reveal(items[999] as never, true);
      await waitFor('row 1,000 selected', () => (a.subscribers.view.selection[0] as typeof folded | undefined)?.item?.id === items[999].id);
      await vscode.commands.executeCommand('list.focusDown');
      await vscode.commands.executeCommand('list.focusDown');
      await vscode.commands.executeCommand('list.select');
      await waitFor('row 1,001 selected by Enter', () => (a.subscribers.view.selection[0] as typeof folded | undefined)?.item?.id === items[1000].id);
      await waitFor("row 1,001's card", () => a.cards.isOpen(`${a.connections.active!.profile.id}:subscriber:${items[1000].id}`));
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });
  });
});
