/** The commands on groups, segments and tags, registered at once; what they do (listActions.ts) loads when first run. */
import type * as vscode from 'vscode';
import type { SubscriberList } from '../api';
import { command, type Services } from '../app/services';

const actions = () => import('./listActions');

export function registerListCommands(app: Services): vscode.Disposable[] {
  return [
    command(app, 'newsletter.refreshLists', () => app.lists.refresh()),
    command(app, 'newsletter.createList', async (name?: string) =>
      (await actions()).createList(app, typeof name === 'string' ? name : undefined),
    ),
    command(app, 'newsletter.renameList', async (row?: unknown, name?: string) =>
      (await actions()).renameList(app, row, typeof name === 'string' ? name : undefined),
    ),
    command(app, 'newsletter.deleteList', async (row?: unknown) => (await actions()).deleteList(app, row)),
    // From a tree: (row, selected rows); from tests: (row, rows, list).
    command(app, 'newsletter.addToList', async (row?: unknown, rows?: unknown, list?: SubscriberList) =>
      (await actions()).addToList(app, row, rows, list),
    ),
    command(app, 'newsletter.removeFromList', async (row?: unknown, rows?: unknown) => (await actions()).removeFromList(app, row, rows)),
  ];
}
