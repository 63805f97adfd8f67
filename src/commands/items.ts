import * as vscode from 'vscode';
import { type Subscriber, backgroundReserve } from '../api';
import { LISTS_VIEW } from '../views/listsView';
import type { Row } from '../views/pagedTree';
import { command, lookupsSaid, type Services, showError, withProgress } from '../app/services';
import { fmt } from '../views/format';

/** Whether to look the missing up, after saying what it can cost (tags first, then ids one by one), in a modal. */
async function confirmLookups(app: Services, count: number): Promise<boolean> {
  const session = app.connections.active;
  const provider = session?.provider();
  if (!session || !provider?.missingLookupCost) return true;
  const tags = app.lists.listsOf('tag')?.state.total ?? 0;
  const cost = provider.missingLookupCost(app.subscribers.list.heldIds, tags, count, session.ids);
  const limit = session.rateLimit.snapshot.limit ?? 60;
  const perMinute = Math.max(1, limit - backgroundReserve(limit));
  const detail = vscode.l10n.t(
    "Each tag's members first (one request per tag), then the ids not seen, one by one (those found before " +
      'first): likely about {0} look-ups, at most {1}; about {2} min at {3} a minute, at most {4}, in the ' +
      'background (your own requests go first). Whatever is found is kept if you stop.',
    fmt(cost.expected),
    fmt(cost.worst),
    fmt(Math.ceil(cost.expected / perMinute)),
    fmt(perMinute),
    fmt(Math.ceil(cost.worst / perMinute)),
  );
  const question = vscode.l10n.t('Look up the {0} subscribers the list never showed?', fmt(count));
  return app.ui.confirm(question, detail, vscode.l10n.t('Look Them Up'), true);
}

/** Looks up the items a walk missed, with a progress notification that can be cancelled; what was found stays. */
async function findMissing(app: Services, row?: Row<unknown>): Promise<void> {
  if (row?.type !== 'missing') return;
  const tree = [app.subscribers, app.campaigns].find((t) => t.viewId === row.viewId);
  const session = app.connections.active;
  if (!tree || !session || !(await confirmLookups(app, row.count))) return;
  try {
    const result = await withProgress(
      vscode.l10n.t(
        'Looking up {0} missing {1}…',
        row.count,
        tree === app.subscribers ? vscode.l10n.t('subscribers') : vscode.l10n.t('campaigns'),
      ),
      async (signal, report) => {
        const found = await tree.findMissing(signal, (checked, got, bound) => report(lookupsSaid(session, row.count, checked, got, bound)));
        if (tree === app.subscribers && found) session.walk.addFound(found.found as Subscriber[]); // a search finds them too
        return found && { found: found.found.length, missing: found.missing, stopped: signal.aborted };
      },
      { background: true },
    );
    if (!result) return;
    if (result.stopped)
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Stopped: {0} of {1} found, and kept in the list.', result.found, result.missing),
      );
    else if (result.found >= result.missing)
      void vscode.window.showInformationMessage(vscode.l10n.t('Found all {0} missing.', result.found));
    else {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Found {0} of {1}; the other {2} no longer exist or were added after the walk: Refresh to load the list again.',
          result.found,
          result.missing,
          result.missing - result.found,
        ),
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
  await withProgress(
    vscode.l10n.t('Loading every page of {0}…', app.connections.active.profile.label),
    (signal, report) =>
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
    // From the row: (row); from tests: (row, true) skips the modal.
    command(app, 'newsletter.findMissing', (row?: Row<unknown>) => findMissing(app, row)),
  ];
}
