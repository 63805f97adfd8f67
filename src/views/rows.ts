import * as vscode from 'vscode';
import { type Campaign, type SubscriberList, isApiError, safeText } from '../api';
import type { PagedListState } from '../paging/pagedList';
import { errorText } from './errorText';
import { fmt } from './format';

/** The campaign a command was given: a tree row's (or a card's) item, when it is a campaign. */
export function campaignOf(row: unknown): Campaign | undefined {
  const r = row as { type?: string; item?: Campaign } | undefined;
  return r?.type === 'item' && r.item && !('email' in r.item) ? r.item : undefined;
}

/** The rows of a paged tree besides the items themselves; each names its view so commands find their list. */
export type StatusRow =
  | { type: 'loadMore'; viewId: string; key?: string }
  | { type: 'error'; viewId: string; error: unknown; key?: string }
  | { type: 'signIn' }
  | { type: 'moved'; host: string }
  | { type: 'skipped'; count: number; reason: string }
  | { type: 'changed'; viewId: string; from: number; to: number; refreshCommand: string }
  | { type: 'missing'; viewId: string; count: number; total: number; canFind: boolean }
  | { type: 'message'; text: string; icon: string; key?: string };

function loadMoreLabel(list: PagedListState<unknown>): string {
  const loaded = list.items.length;
  if (list.filteredClientSide) {
    return vscode.l10n.t('Load more (page {0} of {1} searched)', fmt(list.pagesLoaded), list.lastPage ? fmt(list.lastPage) : '?');
  }
  if (list.total !== undefined && list.total > loaded) {
    const next = Math.min(list.perPage ?? 25, list.total - loaded);
    return vscode.l10n.t('Load {0} more ({1} of {2})', fmt(next), fmt(loaded), fmt(list.total));
  }
  return vscode.l10n.t('Load more ({0} loaded)', fmt(loaded));
}

type Builder<K extends StatusRow['type']> = (
  row: Extract<StatusRow, { type: K }>,
  list: PagedListState<unknown>,
  noun: string,
  waitingUntil?: number,
) => vscode.TreeItem;

/** One small function per kind of status row. */
const BUILDERS: { [K in StatusRow['type']]: Builder<K> } = {
  loadMore: (row, list, noun, waitingUntil) => {
    const waitSecs = list.loading && waitingUntil ? Math.ceil((waitingUntil - Date.now()) / 1000) : 0;
    const label =
      waitSecs > 0
        ? vscode.l10n.t('Waiting for the rate limit · {0} s', waitSecs)
        : list.loading
          ? vscode.l10n.t('Loading…')
          : loadMoreLabel(list);
    const item = new vscode.TreeItem(label);
    item.id = `${row.viewId}:${row.key ?? ''}:loadMore`;
    item.iconPath = new vscode.ThemeIcon(list.loading ? 'loading~spin' : 'ellipsis');
    item.tooltip = vscode.l10n.t('Load the next page of {0}', noun);
    item.command = { command: 'newsletter.loadMore', title: label, arguments: [row] };
    item.contextValue = 'loadMore';
    return item;
  },
  error: (row) => {
    const message = errorText(row.error);
    const item = new vscode.TreeItem(message);
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    // Plain text, never markdown: an error may quote the server, and a markdown hover links addresses and URLs.
    item.tooltip = `${message}\n\n${vscode.l10n.t('Click to try again.')}`;
    item.command = { command: 'newsletter.retry', title: vscode.l10n.t('Retry'), arguments: [row] };
    item.contextValue = isApiError(row.error) ? `error.${row.error.kind}` : 'error';
    return item;
  },
  signIn: () => {
    const item = new vscode.TreeItem(vscode.l10n.t('The API token was refused: set a new token'));
    item.iconPath = new vscode.ThemeIcon('key', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.tooltip = vscode.l10n.t('The API answered 401: the token is missing, wrong or expired. Click to set a new one.');
    item.command = { command: 'newsletter.setToken', title: vscode.l10n.t('Set API Token') };
    item.contextValue = 'signIn';
    return item;
  },
  moved: (row) => {
    const item = new vscode.TreeItem(vscode.l10n.t('This connection now points at {0}: set its token again', row.host));
    item.iconPath = new vscode.ThemeIcon('shield', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.tooltip = vscode.l10n.t(
      'The saved token was stored for another server or token mode. It is not sent to {0} until you set it again for this host.',
      row.host,
    );
    item.command = { command: 'newsletter.setToken', title: vscode.l10n.t('Set API Token') };
    item.contextValue = 'moved';
    return item;
  },
  skipped: (row) => {
    const item = new vscode.TreeItem(
      row.count === 1 ? vscode.l10n.t('1 item could not be shown') : vscode.l10n.t('{0} items could not be shown', fmt(row.count)),
    );
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.tooltip = vscode.l10n.t('The server sent items that cannot be read: {0}', safeText(row.reason));
    item.contextValue = 'skipped';
    return item;
  },
  changed: (row) => {
    const item = new vscode.TreeItem(vscode.l10n.t('The list changed on the server ({0} → {1}): Refresh', fmt(row.from), fmt(row.to)));
    item.iconPath = new vscode.ThemeIcon('sync', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.tooltip = vscode.l10n.t(
      'Items were added or removed while the pages were loading, so some may be missing or listed twice. Click to load the list again.',
    );
    item.command = { command: row.refreshCommand, title: vscode.l10n.t('Refresh') };
    item.contextValue = 'changed';
    return item;
  },
  missing: (row, _list, noun) => {
    const item = new vscode.TreeItem(
      vscode.l10n.t("{0} of {1} {2} were not listed: the server's order shifted", fmt(row.count), fmt(row.total), noun),
    );
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.tooltip = row.canFind
      ? vscode.l10n.t(
          'The server sorts this list by a field many items share and returned them in a different order for ' +
            'different pages: some came twice, others never. Click to look the missing ones up by id.',
        )
      : vscode.l10n.t(
          'The server returned items in a different order for different pages: some came twice, others never. ' +
            'This service cannot look them up one by one; Refresh to walk the list again.',
        );
    if (row.canFind) item.command = { command: 'newsletter.findMissing', title: vscode.l10n.t('Find the Missing'), arguments: [row] };
    item.contextValue = 'missing';
    return item;
  },
  message: (row) => {
    const item = new vscode.TreeItem(row.text);
    item.id = row.key;
    item.iconPath = new vscode.ThemeIcon(row.icon);
    item.contextValue = 'message';
    return item;
  },
};

export function statusTreeItem(row: StatusRow, list: PagedListState<unknown>, noun: string, waitingUntil?: number): vscode.TreeItem {
  return (BUILDERS[row.type] as Builder<StatusRow['type']>)(row, list, noun, waitingUntil);
}

/** A group, segment or tag in the Lists view: its name, its counts (in words for screen readers), never its id. */
export function listTreeItem(list: SubscriberList, connectionId: string, editable: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(safeText(list.name, [], 120), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `list:${connectionId}:${list.kind}:${list.id}`;
  const { count, active } = list;
  item.description =
    count === undefined ? undefined : active !== undefined ? vscode.l10n.t('{0} · {1} active', fmt(count), fmt(active)) : fmt(count);
  item.iconPath = new vscode.ThemeIcon(list.kind === 'tag' ? 'tag' : list.kind === 'segment' ? 'filter' : 'organization');
  item.tooltip = [safeText(list.name), count === undefined ? undefined : vscode.l10n.t('{0} subscribers', fmt(count))]
    .filter(Boolean)
    .join('\n');
  // What a screen reader says: the name and the counts in words, never the id.
  const counts =
    count === undefined
      ? ''
      : active !== undefined
        ? vscode.l10n.t('{0} subscribers, {1} active', fmt(count), fmt(active))
        : vscode.l10n.t('{0} subscribers', fmt(count));
  item.accessibilityInformation = { label: [safeText(list.name, [], 120), counts].filter(Boolean).join(', ') };
  item.contextValue = editable ? 'list.editable' : 'list';
  return item;
}
