import * as vscode from 'vscode';
import { type SubscriberChanges, type SubscriberSortField, type SubscriberStatus } from '../api';
import { SUBSCRIBER_STATUS_NAMES } from '../views/subscribersView';
import { command, type Services } from '../app/services';
import type { AddSubscriberArgs } from './subscriberAdd';

// What the commands on people do, loaded when one first runs.
const edit = () => import('./subscriberEdit');
const find = () => import('./subscriberFind');

/** Filter Subscribers…: a status, shown page by page (neither API filters subscribers by status). */
async function filterSubscribers(app: Services, given?: SubscriberStatus | 'all'): Promise<void> {
  const session = app.connections.active;
  if (!session) return;
  let choice = given;
  if (!choice) {
    const current = app.subscriberFilter.value.status;
    const pick = await vscode.window.showQuickPick(
      [
        { label: vscode.l10n.t('All subscribers'), status: 'all' as const, description: current ? undefined : vscode.l10n.t('current') },
        ...session.descriptor.subscriberStatuses.map((status) => ({
          label: SUBSCRIBER_STATUS_NAMES[status],
          status,
          description: status === current ? vscode.l10n.t('current') : undefined,
        })),
      ],
      {
        title: vscode.l10n.t('Show Subscribers by Status'),
        placeHolder: vscode.l10n.t("{0}'s API has no status filter: each loaded page is filtered here", session.descriptor.displayName),
      },
    );
    if (!pick) return;
    choice = pick.status;
  }
  await app.subscriberFilter.set({ ...app.subscriberFilter.value, status: choice === 'all' ? undefined : choice });
  app.subscribers.refresh(false);
}

/** Sort Subscribers…: the orders the API offers (Sender); SendPortal has only its own, and the command says so. */
async function sortSubscribers(
  app: Services,
  given?: { field: SubscriberSortField; direction: 'asc' | 'desc' } | 'default',
): Promise<void> {
  const session = app.connections.active;
  if (!session) return;
  const fields = session.descriptor.subscriberSorts;
  if (!fields.length) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t("{0}'s API lists subscribers in one order only.", session.descriptor.displayName),
    );
    return;
  }
  let choice = given;
  if (!choice) {
    const items = [
      { label: vscode.l10n.t("The API's order"), sort: 'default' as const },
      ...fields.flatMap((field) =>
        (['asc', 'desc'] as const).map((direction) => ({
          label: app.subscriberFilter.sortName(field, direction),
          sort: { field, direction },
        })),
      ),
    ];
    const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Sort Subscribers') });
    if (!pick) return;
    choice = pick.sort;
  }
  await app.subscriberFilter.set({ ...app.subscriberFilter.value, sort: choice === 'default' ? undefined : choice });
  app.subscribers.refresh(false);
}

/** Open in Web App: the item's page in the service's own app, in the browser. */
async function openInWebApp(app: Services, row?: { type: 'item'; item: { id: string; email?: string } }): Promise<string | undefined> {
  const session = app.connections.active;
  const item = row?.type === 'item' ? row.item : undefined;
  if (!session || !item) return undefined;
  const url = session.descriptor.webUrl(session.descriptor.apiBase(session.profile.baseUrl), {
    kind: 'email' in item ? 'subscriber' : 'campaign',
    id: item.id,
  });
  await vscode.env.openExternal(vscode.Uri.parse(url));
  return url;
}

export function registerSubscriberCommands(app: Services): vscode.Disposable[] {
  return [
    // What a search, the import check and an export share follows every write made here.
    app.changes.onDidChange((c) => c.subscribers && c.session.walk.apply(c.subscribers)),
    command(app, 'newsletter.refreshSubscribers', () => app.subscribers.refresh()),
    command(app, 'newsletter.unsubscribe', async (row?: unknown, rows?: unknown) => (await edit()).setSubscribed(app, false, row, rows)),
    command(app, 'newsletter.resubscribe', async (row?: unknown, rows?: unknown) => (await edit()).setSubscribed(app, true, row, rows)),
    // From a tree: (row, selected rows). From tests: (row, true) confirms.
    command(app, 'newsletter.deleteSubscriber', async (row?: unknown, rows?: unknown) =>
      (await edit()).deleteSubscribers(app, row, Array.isArray(rows) ? rows : undefined),
    ),
    command(app, 'newsletter.editSubscriber', async (row?: unknown, changes?: unknown) =>
      (await edit()).editSubscriber(
        app,
        row,
        typeof changes === 'object' && changes !== null && !Array.isArray(changes) ? (changes as SubscriberChanges) : undefined,
      ),
    ),
    command(app, 'newsletter.findSubscriber', async (key?: string) =>
      (await find()).findSubscriber(app, typeof key === 'string' ? key : undefined),
    ),
    command(app, 'newsletter.searchSubscribers', async (text?: string) =>
      (await find()).searchSubscribers(app, typeof text === 'string' ? text : undefined),
    ),
    command(app, 'newsletter.addSubscriber', async (args?: AddSubscriberArgs) =>
      (await import('./subscriberAdd')).addSubscriber(app, args?.email !== undefined ? args : undefined),
    ),
    command(app, 'newsletter.copyEmail', async (row?: unknown, rows?: unknown) => (await edit()).copyEmails(app, row, rows)),
    command(app, 'newsletter.filterSubscribers', (status?: SubscriberStatus | 'all') =>
      filterSubscribers(app, typeof status === 'string' ? status : undefined),
    ),
    command(app, 'newsletter.filterSubscribersOn', () => filterSubscribers(app)),
    command(app, 'newsletter.sortSubscribers', (sort?: { field: SubscriberSortField; direction: 'asc' | 'desc' } | 'default') =>
      sortSubscribers(app, sort),
    ),
    command(app, 'newsletter.openInWebApp', (row?: { type: 'item'; item: { id: string; email?: string } }) => openInWebApp(app, row)),
  ];
}
