/** The commands on connections, registered at once; what they do (connectionActions.ts) loads when first run. */
import * as vscode from 'vscode';
import { command, type Services } from '../app/services';
import type { AddConnectionArgs, EditField } from './connectionActions';

const actions = () => import('./connectionActions');

export function registerConnectionCommands(app: Services): vscode.Disposable[] {
  return [
    command(app, 'newsletter.addConnection', async (args?: AddConnectionArgs) =>
      (await actions()).addConnection(app, args?.provider ? args : undefined),
    ),
    command(app, 'newsletter.switchConnection', async (id?: string) => (await actions()).switchConnection(app, id)),
    command(app, 'newsletter.renameConnection', async () => (await actions()).renameConnection(app)),
    // From a menu: (); from a warning: (id, field); from tests: (id, field, value) skips the box.
    command(app, 'newsletter.editConnection', async (id?: string, field?: EditField, value?: string) =>
      (await actions()).editConnection(app, id, field, typeof value === 'string' ? value : undefined),
    ),
    command(app, 'newsletter.removeConnection', async (id?: string) => (await actions()).removeConnection(app, id)),
    command(app, 'newsletter.editConnections', () =>
      vscode.commands.executeCommand('workbench.action.openSettings', 'newsletter.connections'),
    ),
    // Back after it could not be reached: the views that failed meanwhile offer to load again.
    app.health.onDidComeBack(async (label) => {
      if (app.subscribers.list.state.error === undefined && app.campaigns.list.state.error === undefined) return;
      const reload = vscode.l10n.t('Reload');
      if ((await vscode.window.showInformationMessage(vscode.l10n.t('{0} answers again.', label), reload)) !== reload) return;
      app.subscribers.refresh();
      app.campaigns.refresh();
      app.lists.refresh();
    }),
    command(app, 'newsletter.checkHealth', async () => (await actions()).checkHealth(app)),
    command(app, 'newsletter.showLog', () => app.log.show()),
    command(app, 'newsletter.statusMenu', async () => (await actions()).statusMenu(app)),
  ];
}
