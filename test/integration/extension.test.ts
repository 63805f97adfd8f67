import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { NewsletterApi } from '../../src/extension';
import { HealthMonitor } from '../../src/status/healthMonitor';
import { answered, api, connectAlso, connectFresh, control, mark, removeAllConnections, requestsSince, rows, sandbox, stats, waitFor } from './helpers';

const packageJson = vscode.extensions.getExtension('newsletter-explorer.newsletter-explorer')!.packageJSON as {
  contributes: { commands: { command: string }[] };
};

describe('Newsletter Explorer in VS Code', function () {
  let a: NewsletterApi;

  before(async () => {
    a = await api();
    await removeAllConnections(a);
    await control('reset');
  });

  it('activates and registers every contributed command', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = packageJson.contributes.commands.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepEqual(missing, []);
  });

  it('the status monitor sleeps until the extension is used: no timer, no check, until woken (a command wakes it)', async () => {
    const asleep = new HealthMonitor(a.connections);
    try {
      await a.connections.ready;
      await Promise.resolve();
      assert.equal(asleep.polling, false, 'a monitor nobody woke is checking');
      asleep.wake();
      await waitFor('the woken monitor to schedule its checks', () => asleep.polling);
    } finally {
      asleep.dispose();
    }
    await vscode.commands.executeCommand('newsletter.refreshSubscribers');
    assert.equal(a.health.polling, true, 'a command ran and the status monitor still sleeps');
  });

  it('shows no rows without a connection (the welcome view), and the status bar says so', async () => {
    await removeAllConnections(a);
    await vscode.commands.executeCommand('newsletter.refreshSubscribers'); // in use: the status item shows
    assert.deepEqual(await a.subscribers.getChildren(), []);
    await waitFor('the status item', () => /Newsletter/.test(a.statusItem.text));
    assert.equal(a.statusItem.text, '$(mail) Newsletter');
  });

  // Each test starts as a new user: the connection it needs, made fresh (with its token unless the test is about one).
  /** A new user's SendPortal connection, "Sandbox SP". */
  const sendPortal = (token = true) => connectFresh('sendportal', 'Sandbox SP', { token });
  /** The first page of subscribers, then one more: 50 rows and a Load more. */
  const twoPages = async () => {
    const loadMore = (await a.subscribers.getChildren()).at(-1)!;
    await vscode.commands.executeCommand('newsletter.loadMore', loadMore);
    assert.equal((await a.subscribers.getChildren()).length, 51);
  };

  describe('a SendPortal connection', () => {
    it('is active with no token: views empty for the welcome, status bar warns', async () => {
      await sendPortal(false);
      assert.equal(a.connections.active?.profile.label, 'Sandbox SP');
      assert.equal(a.connections.active?.tokenState, 'missing');
      assert.deepEqual(await a.campaigns.getChildren(), []);
      assert.match(a.statusItem.text, /Sandbox SP · no token/);
    });

    it('refuses a wrong token after checking it, and saves nothing', async () => {
      await sendPortal(false);
      const result = await vscode.commands.executeCommand('newsletter.setToken', sandbox.sendportal.expiredToken);
      assert.equal(result, 'refused');
      assert.equal((await a.connections.tokens.load(a.connections.active!.profile.id))?.token, undefined);
    });

    it('stores a pasted token, trimmed, in SecretStorage and nowhere in settings', async () => {
      await sendPortal(false);
      const result = await vscode.commands.executeCommand('newsletter.setToken', `  ${sandbox.sendportal.token} \n`);
      assert.equal(result, 'saved');
      assert.equal(a.connections.active?.tokenState, 'valid');
      assert.equal((await a.connections.tokens.load(a.connections.active!.profile.id))?.token, sandbox.sendportal.token);
      const settingsText = JSON.stringify(vscode.workspace.getConfiguration('newsletter'));
      assert.ok(!settingsText.includes(sandbox.sendportal.token), 'the token is in settings');
    });

    it('loads only the first page, then one more page per Load more, which cannot double-fire', async () => {
      await sendPortal();
      const since = await mark();
      let shown = await rows(a.subscribers);
      assert.equal(shown.length, 26);
      assert.equal(shown.at(-1)!.label, 'Load 25 more (25 of 2,500)');
      assert.equal(await requestsSince('sendportal', since), 1, 'more than one request for page 1');

      const loadMore = shown.at(-1)!.node;
      await Promise.all([vscode.commands.executeCommand('newsletter.loadMore', loadMore), vscode.commands.executeCommand('newsletter.loadMore', loadMore)]);
      shown = await rows(a.subscribers);
      assert.equal(shown.length, 51);
      assert.equal(shown.at(-1)!.label, 'Load 25 more (50 of 2,500)');
      assert.equal(await requestsSince('sendportal', since), 2);
    });

    it('keeps loaded pages when asked again, and Refresh starts from page 1', async () => {
      await sendPortal();
      await twoPages();
      assert.equal((await a.subscribers.getChildren()).length, 51);
      await vscode.commands.executeCommand('newsletter.refreshSubscribers');
      assert.equal((await a.subscribers.getChildren()).length, 26);
    });

    it('turns a failed page into an error row with retry, keeping the rows loaded before', async () => {
      await sendPortal();
      assert.equal((await a.subscribers.getChildren()).length, 26);
      await control('faults', { faults: [{ kind: 'status', status: 500, provider: 'sendportal', method: 'GET', pattern: '^/subscribers$', query: 'page=' }] });
      const loadMore = (await a.subscribers.getChildren()).at(-1)!;
      await vscode.commands.executeCommand('newsletter.loadMore', loadMore);
      const shown = await rows(a.subscribers);
      assert.equal(shown.length, 26);
      assert.equal(shown.at(-1)!.node.type, 'error');
      assert.match(shown.at(-1)!.label, /server failed \(500\)/);
      await vscode.commands.executeCommand('newsletter.retry', shown.at(-1)!.node);
      assert.equal((await a.subscribers.getChildren()).length, 51);
    });

    it('filters campaigns by status on each page, and says so in the view', async () => {
      await sendPortal();
      await vscode.commands.executeCommand('newsletter.filterCampaigns', 'sent');
      const shown = await rows(a.campaigns);
      const items = shown.filter((r) => r.node.type === 'item');
      assert.ok(items.length > 0);
      assert.ok(items.every((r) => (r.node as { item: { status: string } }).item.status === 'sent'));
      assert.match(a.campaigns.view.description ?? '', /Sent \(filtered page by page\)/);
      await vscode.commands.executeCommand('newsletter.filterCampaigns', 'all');
      assert.doesNotMatch(a.campaigns.view.description ?? '', /Sent/);
    });

    it('shows health and the remaining rate limit in the status bar, from ordinary responses', async () => {
      await sendPortal();
      const checks = async () => (await stats()).byPath['GET sendportal/tags'] ?? 0;
      const before = await checks();
      await vscode.commands.executeCommand('newsletter.refreshSubscribers');
      await a.subscribers.getChildren();
      assert.match(a.statusItem.text, /^\$\(pulse\) Sandbox SP · \d+\/60$/);
      assert.equal((await checks()) - before, 0, 'the status bar spent requests of its own while views were busy');
    });

    it('shows a rate-limited state with a countdown during a 429, then recovers', async () => {
      await sendPortal();
      assert.equal((await a.subscribers.getChildren()).length, 26);
      await control('faults', { faults: [{ kind: 'tooMany', retryAfter: 2, provider: 'sendportal', method: 'GET', pattern: '^/subscribers$', query: 'page=' }] });
      const loadMore = (await a.subscribers.getChildren()).at(-1)!;
      const done = vscode.commands.executeCommand('newsletter.loadMore', loadMore);
      await waitFor('the rate-limited status', () => /resets in \d+s/.test(a.statusItem.text));
      assert.match(a.statusItem.text, /^\$\(watch\) Sandbox SP · 0\/60 · resets in [1-3]s$/);
      await done;
      assert.equal((await a.subscribers.getChildren()).length, 51);
      assert.match(a.statusItem.text, /^\$\(pulse\) /);
    });

    it('turns the status bar to unreachable when the API cannot be reached, and back on the next answer', async () => {
      await sendPortal();
      await control('faults', { faults: [{ kind: 'reset', provider: 'sendportal', method: 'GET', pattern: '^/campaigns$', times: 3 }] });
      await vscode.commands.executeCommand('newsletter.refreshCampaigns');
      const shown = await rows(a.campaigns);
      assert.match(shown.at(-1)!.label, /Could not reach 127\.0\.0\.1:\d+/);
      assert.match(a.statusItem.text, /^\$\(debug-disconnect\) Sandbox SP · unreachable$/);
      await vscode.commands.executeCommand('newsletter.retry', shown.at(-1)!.node);
      assert.match(a.statusItem.text, /^\$\(pulse\) Sandbox SP · \d+\/60$/);
    });

    it('finds a subscriber by id and opens its details; explains why an email cannot be looked up', async () => {
      await sendPortal();
      const found = (await vscode.commands.executeCommand('newsletter.findSubscriber', '42')) as { id: string; tags: string[] };
      assert.equal(found.id, '42');
      assert.ok(Array.isArray(found.tags), 'the card shows the full record, tags included');
      const since = await mark();
      assert.equal(await vscode.commands.executeCommand('newsletter.findSubscriber', 'ada@example.com'), undefined);
      assert.equal(await requestsSince('sendportal', since), 0, 'a request was sent for an email lookup');
    });

    it('opens details from the tree, asking again only for fields the list lacks (tags)', async () => {
      await sendPortal();
      const first = (await a.subscribers.getChildren())[0];
      const since = await mark();
      const shown = (await vscode.commands.executeCommand('newsletter.openDetails', first)) as { raw: Record<string, unknown> };
      assert.ok('tags' in shown.raw);
      assert.equal(await requestsSince('sendportal', since), 1);
      const name = `${(shown as unknown as { firstName: string }).firstName} ${(shown as unknown as { lastName: string }).lastName}`;
      const cards = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === name && t.input instanceof vscode.TabInputWebview);
      await waitFor('the card in a webview tab', () => cards().length === 1);
      // Something else in front, then the same card again: once it is in front, any second tab would be there too.
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: 'elsewhere' }));
      await vscode.commands.executeCommand('newsletter.openDetails', first);
      const active = () => vscode.window.tabGroups.activeTabGroup.activeTab;
      await waitFor('the card in front again', () => active()?.label === name && active()?.input instanceof vscode.TabInputWebview);
      assert.equal(cards().length, 1, 'opening it again re-uses its card');

      const campaign = (await a.campaigns.getChildren())[0];
      const since2 = await mark();
      const json = (await vscode.commands.executeCommand('newsletter.openJson', campaign)) as vscode.TextEditor;
      // The editor in front is told to the extension host by an event of its own, which may come after the answer.
      await waitFor('the JSON in front', () => vscode.window.activeTextEditor?.document === json.document);
      assert.equal(JSON.parse(json.document.getText()).id, (campaign as unknown as { item: { raw: { id: number } } }).item.raw.id);
      assert.equal(await requestsSince('sendportal', since2), 0, 'campaign details fetched again');
    });

    it('adds a subscriber at the top of the view without reloading, and shows a 422 field message', async () => {
      await sendPortal();
      const since = await mark();
      const added = (await vscode.commands.executeCommand('newsletter.addSubscriber', { email: 'new.reader@example.com', firstName: 'New' })) as { id: string };
      assert.equal(await requestsSince('sendportal', since), 1);
      const top = (await rows(a.subscribers))[0];
      assert.equal((top.node as { item: { id: string } }).item.id, added.id);
      assert.equal(top.label, 'New');
      const message = await vscode.commands.executeCommand('newsletter.addSubscriber', { email: 'not-an-email' });
      assert.equal(message, 'The API did not accept the data: The email must be a valid email address.');
    });

    it('marks an expired token: a sign-in row above the loaded rows, the status bar turns to unauthorized', async () => {
      await sendPortal();
      const { token } = await control<{ token: string }>('tokens', { provider: 'sendportal' });
      assert.equal(await vscode.commands.executeCommand('newsletter.setToken', token), 'saved');
      const loaded = (await a.subscribers.getChildren()).length;
      await control('expire', { token });
      const loadMore = (await a.subscribers.getChildren()).at(-1)!;
      await vscode.commands.executeCommand('newsletter.loadMore', loadMore);
      const shown = await rows(a.subscribers);
      assert.equal(shown[0].node.type, 'signIn');
      assert.match(shown[0].label, /set a new token/);
      assert.equal(shown.filter((r) => r.node.type === 'item').length, loaded - 1);
      assert.equal(a.connections.active?.tokenState, 'invalid');
      assert.match(a.statusItem.text, /Sandbox SP · unauthorized/);
    });
  });

  describe('a Sender connection', () => {
    /** A new user's Sender connection, "Sandbox Sender". */
    const sender = () => connectFresh('sender', 'Sandbox Sender');
    /** Sandbox SP with its campaigns filtered to cancelled ones, then Sandbox Sender beside it, the active one. */
    const afterSendPortal = async () => {
      await sendPortal();
      await vscode.commands.executeCommand('newsletter.filterCampaigns', 'cancelled');
      await connectAlso('sender', 'Sandbox Sender');
    };

    it('switching connections starts the views again for the new one', async () => {
      await sendPortal();
      await a.subscribers.getChildren();
      await connectAlso('sender', 'Sandbox Sender');
      assert.equal(a.connections.active?.profile.label, 'Sandbox Sender');
      const first = (await a.subscribers.getChildren())[0] as { item: { email: string } };
      assert.match(first.item.email, /@example\.com$/);
      assert.match(a.subscribers.view.description ?? '', /Sandbox Sender/);
    });

    it('de-duplicates by id when the pages shift under us', async () => {
      await sender();
      assert.equal((await a.subscribers.getChildren()).length, 26);
      // A new subscriber lands on Sender's page 1 and pushes every item one place on: page 2 repeats one.
      const res = await fetch(`${sandbox.sender.baseUrl}subscribers`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${sandbox.sender.token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ email: 'shift@example.com' }),
      });
      assert.equal(res.status, 200);
      const loadMore = (await a.subscribers.getChildren()).at(-1)!;
      await vscode.commands.executeCommand('newsletter.loadMore', loadMore);
      const items = (await a.subscribers.getChildren()).filter((n) => n.type === 'item') as { item: { id: string } }[];
      assert.equal(items.length, 49);
      assert.equal(new Set(items.map((i) => i.item.id)).size, 49);
    });

    it("keeps each connection's campaign filter: none yet for this one", async () => {
      await afterSendPortal();
      assert.equal(a.campaignFilter.status, undefined);
      assert.match(a.campaigns.view.description ?? '', /^Sandbox Sender( · [\d,]+ campaigns)?$/);
    });

    it('filters campaigns on the server', async () => {
      await sender();
      await vscode.commands.executeCommand('newsletter.filterCampaigns', 'draft');
      const items = (await a.campaigns.getChildren()).filter((n) => n.type === 'item') as { item: { status: string } }[];
      assert.equal(items.length, 16);
      assert.ok(items.every((i) => i.item.status === 'draft'));
      const description = String(a.campaigns.getTreeItem(items[0] as never).description);
      assert.match(description, /^Draft, created [^·]+ · [\d,]+ recipients$/, 'a draft shows no sent or opened figures');
      assert.equal(a.campaigns.view.description, 'Sandbox Sender · Draft · 16 campaigns');
    });

    it('finds a subscriber by email', async () => {
      await sender();
      const found = (await vscode.commands.executeCommand('newsletter.findSubscriber', 'grace.lovelace.2@example.com')) as { firstName: string };
      assert.equal(found.firstName, 'Grace');
    });

    it('Clear API Token deletes it from SecretStorage and brings back the welcome', async () => {
      await sender();
      const id = a.connections.active!.profile.id;
      await vscode.commands.executeCommand('newsletter.clearToken');
      assert.equal((await a.connections.tokens.load(id))?.token, undefined);
      assert.equal(a.connections.active?.tokenState, 'missing');
      assert.deepEqual(await a.subscribers.getChildren(), []);
      assert.match(a.statusItem.text, /Sandbox Sender · no token/);
    });

    it('removing a connection deletes its token and makes another one active', async () => {
      await afterSendPortal();
      const id = a.connections.active!.profile.id;
      await answered(() => vscode.commands.executeCommand('newsletter.removeConnection', id));
      assert.equal((await a.connections.tokens.load(id))?.token, undefined);
      assert.deepEqual(a.connections.profiles.map((c) => c.label), ['Sandbox SP']);
      assert.equal(a.connections.active?.profile.label, 'Sandbox SP');
      assert.equal(a.campaignFilter.status, 'cancelled', "the SendPortal connection's filter came back with it");
      assert.match(a.campaigns.view.description ?? '', /Cancelled \(filtered page by page\)/);
    });
  });
});
