import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { NewsletterApi } from '../../src/extension';
import * as os from 'node:os';
import { api, connectFresh, control, listenOnLoopback, mark, removeAllConnections, requestsSince, sandbox, waitFor, WRITES } from './helpers';

/** A loopback "attacker" that records every request it gets. */
async function startAttacker(): Promise<{ origin: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = await listenOnLoopback((req, res) => {
    hits.push(`${req.method} ${req.url} auth=${req.headers.authorization ? 'yes' : 'no'}`);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"data":[],"meta":{"current_page":1,"last_page":1,"total":0}}');
  });
  return { ...server, hits };
}

describe('a hostile workspace cannot redirect a saved token', function () {
  let a: NewsletterApi;
  let attacker: Awaited<ReturnType<typeof startAttacker>>;
  let workspaceSettings: string;
  let userSettingsBefore: string;
  let connectionId: string;
  const userSettings = process.env.NEWSLETTER_USER_SETTINGS ?? '';

  let round = 0;

  before(async () => {
    a = await api();
    attacker = await startAttacker();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the integration run opens a folder');
    workspaceSettings = path.join(folder, '.vscode', 'settings.json');
  });

  // Each test: a user's own connection with its token, and a cloned repository's settings pointing it elsewhere.
  beforeEach(async () => {
    await removeAllConnections(a);
    await control('reset');
    attacker.hits.length = 0;
    const created = (await vscode.commands.executeCommand('newsletter.addConnection', {
      provider: 'sendportal',
      label: 'Mine',
      baseUrl: sandbox.sendportal.baseUrl,
    })) as { id: string };
    connectionId = created.id;
    assert.equal(await vscode.commands.executeCommand('newsletter.setToken', sandbox.sendportal.token), 'saved');
    userSettingsBefore = fs.readFileSync(userSettings, 'utf8');

    // A cloned repository's .vscode/settings.json: the same connection id pointed at the attacker with the token
    // in the query, plus a connection of its own. statusPollInterval is a canary, new each test, that proves VS Code
    // read this file.
    const canary = 11 + (round++ % 40);
    fs.mkdirSync(path.dirname(workspaceSettings), { recursive: true });
    fs.writeFileSync(
      workspaceSettings,
      JSON.stringify({
        'newsletter.statusPollInterval': canary,
        'newsletter.connections': [
          { id: connectionId, label: 'Mine', provider: 'sendportal', baseUrl: attacker.origin, tokenInQuery: true },
          { id: 'workspace-only', label: 'Sender', provider: 'sender', baseUrl: `${attacker.origin}/v2/` },
        ],
      }),
    );
    await waitFor('VS Code to read the workspace settings', () =>
      vscode.workspace.getConfiguration('newsletter').inspect('statusPollInterval')?.workspaceValue === canary,
    );
  });

  /** What a person does first: the views load, the status bar checks, a token is set again. */
  const useIt = async () => {
    await vscode.commands.executeCommand('newsletter.refreshSubscribers');
    assert.ok((await a.subscribers.getChildren()).length > 1);
    await vscode.commands.executeCommand('newsletter.checkHealth');
    assert.equal(await vscode.commands.executeCommand('newsletter.setToken', sandbox.sendportal.token), 'saved');
  };

  after(async () => {
    fs.rmSync(path.dirname(workspaceSettings), { recursive: true, force: true });
    await attacker.close();
  });

  it('declares the connections application-scoped and restricted in untrusted workspaces', () => {
    const pkg = vscode.extensions.getExtension('newsletter-explorer.newsletter-explorer')?.packageJSON as {
      capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
      contributes: { configuration: { properties: Record<string, { scope?: string }> } };
    };
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['newsletter.connections']);
    assert.equal(pkg.contributes.configuration.properties['newsletter.connections'].scope, 'application');
    assert.equal(vscode.workspace.getConfiguration('newsletter').inspect('connections')?.workspaceValue, undefined, 'VS Code itself ignores the workspace value');
  });

  it('keeps only the user-level connections: the workspace list neither adds nor replaces one', () => {
    assert.deepEqual(
      a.connections.profiles.map((p) => [p.id, p.baseUrl]),
      [[connectionId, sandbox.sendportal.baseUrl]],
    );
    assert.equal(a.connections.active?.profile.baseUrl, sandbox.sendportal.baseUrl);
  });

  it('sends the attacker nothing while views load, the status bar checks and a token is set', async () => {
    await useIt();
    // The status bar's check, as its schedule runs it after a change (the same session, the same request path):
    // answered by the saved host, so the attacker could have been asked by nothing that ran.
    const health = await a.health.checkNow();
    assert.equal(health?.reachable, true, 'the check reached no server');
    assert.deepEqual(attacker.hits, []);
  });

  it('leaves the user settings file as it was', async () => {
    await useIt();
    assert.equal(fs.readFileSync(userSettings, 'utf8'), userSettingsBefore);
  });

  it('a connection the user points elsewhere sends nothing there until its token is set for the new host', async () => {
    const first = a.connections.profiles[0];
    await a.connections.update(first.id, { baseUrl: attacker.origin });
    await a.connections.setActive(first.id);
    const shown = await a.subscribers.getChildren();
    assert.equal(shown.length, 1);
    assert.equal(String(a.subscribers.getTreeItem(shown[0]).label), `This connection now points at ${new URL(attacker.origin).host}: set its token again`);
    await vscode.commands.executeCommand('newsletter.checkHealth');
    assert.ok(attacker.hits.every((h) => h.endsWith('auth=no') && !h.includes('api_token')), attacker.hits.join('\n'));
    await a.connections.update(first.id, { baseUrl: sandbox.sendportal.baseUrl });
    assert.equal(a.connections.active?.tokenState, 'unchecked', 'back where it was saved for, the token is usable again');
  });

  it('Add Connection saves only what the user added, and asks for the new connection’s token', async () => {
    const created = (await vscode.commands.executeCommand('newsletter.addConnection', {
      provider: 'sender',
      label: 'Mine too',
      baseUrl: sandbox.sender.baseUrl,
    })) as { id: string };
    assert.equal(a.connections.active?.profile.id, created.id, 'the new connection is the active one');
    assert.equal(await vscode.commands.executeCommand('newsletter.setToken', { connectionId: created.id, token: sandbox.sender.token }), 'saved');
    const saved = vscode.workspace.getConfiguration('newsletter').inspect<{ id: string; baseUrl?: string }[]>('connections')?.globalValue ?? [];
    assert.deepEqual(saved.map((c) => c.id), [connectionId, created.id]);
    assert.ok(saved.every((c) => !c.baseUrl?.startsWith(attacker.origin)), 'an attacker URL reached the user settings');
    assert.deepEqual(attacker.hits, []);
  });
});

describe("another extension's arguments skip no question", function () {
  this.timeout(60_000);

  it('Send Now, Schedule, Delete, Add (an existing address), Import and Remove Connection each ask whatever they are passed; declined, nothing is written', async () => {
    const { a, id } = await connectFresh('sender', 'Asked');
    const p = a.connections.active!.provider();
    const draft = (await p.listCampaigns(1, { status: 'draft' })).items[0];
    const person = (await p.listSubscribers(1)).items[0];
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'asked-')), 'people.csv');
    fs.writeFileSync(file, 'email\nnew.person@example.com\n');
    const asked: string[] = [];
    const { confirm, choose } = a.ui;
    a.ui.confirm = (message) => (asked.push(message), Promise.resolve(false));
    a.ui.choose = (message) => (asked.push(message), Promise.resolve(undefined));
    const since = await mark();
    try {
      // What another extension could pass to skip the modal: true, the campaign itself, `yes`, an id.
      await vscode.commands.executeCommand('newsletter.sendCampaign', { type: 'item', item: draft }, true);
      await vscode.commands.executeCommand('newsletter.scheduleCampaign', { type: 'item', item: draft }, '2099-01-01 09:30', draft);
      await vscode.commands.executeCommand('newsletter.deleteSubscriber', { type: 'item', item: person }, true);
      await vscode.commands.executeCommand('newsletter.addSubscriber', { email: person.email, firstName: 'Overwritten', update: true });
      await vscode.commands.executeCommand('newsletter.importSubscribers', { file, yes: true, guessedColumns: true });
      await vscode.commands.executeCommand('newsletter.removeConnection', id);
    } finally {
      Object.assign(a.ui, { confirm, choose });
    }
    const expected = [/^Send "/, /^Schedule "/, /^Delete /, /is already a subscriber.*Update their details\?$/, /^Import /, /^Remove /];
    assert.equal(asked.length, expected.length, asked.join('\n'));
    expected.forEach((re, i) => assert.match(asked[i], re));
    assert.equal(await requestsSince('sender', since, WRITES), 0, 'a write without a yes');
    assert.ok(a.connections.profiles.some((c) => c.id === id), 'the connection was removed unasked');
  });
});
