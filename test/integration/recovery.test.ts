import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { api, control, removeAllConnections, sandbox, waitFor } from './helpers';

/** A port nothing listens on: taken from the system, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** Recovery that stays: a wrong URL keeps the pasted token for the retry, and an automatic name follows the URL. */
describe('recovering from a wrong URL', function () {
  after(() => control('reset'));

  it('keeps the pasted token (never saved) for Try Again after Edit URL, and the automatic name follows the new URL', async () => {
    const a = await api();
    await removeAllConnections(a);
    const wrong = `http://127.0.0.1:${await closedPort()}`;
    const made = (await vscode.commands.executeCommand('newsletter.addConnection', { provider: 'sendportal', baseUrl: wrong })) as { id: string; label: string };
    assert.equal(made.label, `SendPortal · ${new URL(wrong).host}`);
    // The server does not answer: its warning waits unanswered (this VS Code hides toasts), and the token is kept.
    void vscode.commands.executeCommand('newsletter.setToken', sandbox.sendportal.token);
    assert.equal(await vscode.commands.executeCommand('newsletter.editConnection', made.id, 'baseUrl', sandbox.sendportal.baseUrl), true);
    const fixed = a.connections.profiles.find((p) => p.id === made.id)!;
    assert.equal(fixed.label, `SendPortal · ${new URL(sandbox.sendportal.baseUrl).host}`, 'the automatic name kept the wrong port');
    assert.equal(a.connections.active?.tokenState, 'missing', 'a token nobody could check was saved');
    let result: unknown;
    await waitFor('the pasted token kept, then checked where the connection points now', async () => (result = await vscode.commands.executeCommand('newsletter.checkKeptToken')) !== undefined);
    assert.equal(result, 'saved');
    assert.equal(await vscode.commands.executeCommand('newsletter.checkKeptToken'), undefined, 'a saved token is still held in memory');
    assert.match(String(a.connections.profiles.length && a.connections.active?.tokenState), /^(valid|unchecked)$/);
  });

  it('a name the person chose never changes with the URL', async () => {
    const a = await api();
    await removeAllConnections(a);
    const made = (await vscode.commands.executeCommand('newsletter.addConnection', { provider: 'sendportal', label: 'Our newsletter', baseUrl: sandbox.sendportal.baseUrl })) as { id: string };
    const elsewhere = sandbox.sendportal.baseUrl.replace('127.0.0.1', 'localhost');
    assert.equal(await vscode.commands.executeCommand('newsletter.editConnection', made.id, 'baseUrl', elsewhere), true);
    assert.equal(a.connections.profiles.find((p) => p.id === made.id)?.label, 'Our newsletter');
  });
});

/** One card tab follows the selection, as VS Code's preview editors do; a setting gives a tab per item. */
describe('card tabs', function () {
  after(async () => {
    await vscode.workspace.getConfiguration('newsletter').update('cardTabs', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await control('reset');
  });

  const cardTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && (t.input as vscode.TabInputWebview).viewType.endsWith('newsletter.card'));

  it('browsing ten people keeps one card tab, showing the last; with cardTabs "each", ten', async () => {
    const a = await api();
    await removeAllConnections(a);
    await vscode.commands.executeCommand('newsletter.addConnection', { provider: 'sendportal', label: 'Tabs', baseUrl: sandbox.sendportal.baseUrl });
    assert.equal(await vscode.commands.executeCommand('newsletter.setToken', sandbox.sendportal.token), 'saved');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const rows = (await a.subscribers.getChildren()).filter((r) => r.type === 'item').slice(0, 10) as { type: 'item'; item: { id: string; firstName?: string; email: string } }[];
    for (const row of rows) await vscode.commands.executeCommand('newsletter.openDetails', row);
    await waitFor('one card tab', () => cardTabs().length === 1);
    const last = rows.at(-1)!.item;
    assert.equal(cardTabs()[0].label, [last.firstName, (last as { lastName?: string }).lastName].filter(Boolean).join(' ') || last.email);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('newsletter').update('cardTabs', 'each', vscode.ConfigurationTarget.Global);
    for (const row of rows) await vscode.commands.executeCommand('newsletter.openDetails', row);
    await waitFor('a tab per person', () => cardTabs().length === 10);
  });
});
