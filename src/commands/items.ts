import * as vscode from 'vscode';
import { LISTS_VIEW } from '../views/listsView';
import type { Row } from '../views/pagedTree';
import { command, type Services, showError, withProgress } from './services';
import { fmt } from '../views/format';


/** Looks up the items a walk missed, with a progress notification that can be cancelled. */
async function findMissing(app: Services, row?: Row<unknown>): Promise<void> {
  if (row?.type !== 'missing') return;
  const tree = [app.subscribers, app.campaigns].find((t) => t.viewId === row.viewId);
  if (!tree) return;
  try {
    const result = await withProgress(vscode.l10n.t('Looking up {0} missing {1}…', row.count, tree === app.subscribers ? vscode.l10n.t('subscribers') : vscode.l10n.t('campaigns')), (signal, report) =>
      tree.findMissing(signal, (checked, found, bound) => report(vscode.l10n.t('{0} found · {1} of at most {2} ids checked', found, checked, bound))),
      { background: true },
    );
    if (!result) return;
    if (result.found >= result.missing) void vscode.window.showInformationMessage(vscode.l10n.t('Found all {0} missing.', result.found));
    else {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Found {0} of {1}; the other {2} no longer exist or were added after the walk: Refresh to load the list again.', result.found, result.missing, result.missing - result.found),
      );
    }
  } catch (e) {
    showError(e);
  }
}

/** Loads the rest of a view's list with a progress notification ("1,250 of 2,500") and Cancel. */
async function loadAll(app: Services, viewId: string): Promise<void> {
  const tree = [app.subscribers, app.campaigns].find((t) => t.viewId === viewId);
  if (!tree || !app.connections.active) return;
  await withProgress(vscode.l10n.t('Loading every page of {0}…', app.connections.active.profile.label), (signal, report) =>
    tree.loadAll(signal, (loaded, total) => report(total ? vscode.l10n.t('{0} of {1}', fmt(loaded), fmt(total)) : fmt(loaded))),
    { background: true },
  );
}

export function registerItemCommands(app: Services): vscode.Disposable[] {
  const trees = [app.subscribers, app.campaigns];
  const loadMore = (row?: Row<unknown>) => {
    if (row?.type !== 'loadMore' && row?.type !== 'error') return undefined;
    if (row.viewId === LISTS_VIEW) return app.lists.loadMore(row.key);
    return trees.find((t) => t.viewId === row.viewId)?.loadMore();
  };
  return [
    command(app, 'newsletter.loadMore', loadMore),
    command(app, 'newsletter.retry', loadMore),
    command(app, 'newsletter.loadAllSubscribers', () => loadAll(app, app.subscribers.viewId)),
    command(app, 'newsletter.loadAllCampaigns', () => loadAll(app, app.campaigns.viewId)),
    command(app, 'newsletter.findMissing', (row?: Row<unknown>) => findMissing(app, row)),
  ];
}
