import * as vscode from 'vscode';
import { isApiError } from '../api';
import { errorText } from './errorText';
import type { PagedList } from './pagedList';

/** The rows of a paged tree besides the items themselves. */
export type ExtraNode =
  | { type: 'loadMore'; list: PagedList<{ id: string }>; noun: string }
  | { type: 'error'; list: PagedList<{ id: string }>; error: unknown }
  | { type: 'signIn' }
  | { type: 'message'; text: string; icon: string };

const fmt = (n: number) => n.toLocaleString('en-US');

export function extraTreeItem(node: ExtraNode): vscode.TreeItem {
  switch (node.type) {
    case 'loadMore': {
      const { list } = node;
      if (list.loading) {
        const item = new vscode.TreeItem(vscode.l10n.t('Loading…'));
        item.iconPath = new vscode.ThemeIcon('loading~spin');
        item.contextValue = 'loading';
        return item;
      }
      const loaded = list.items.length;
      let label: string;
      if (list.filteredClientSide) {
        label = vscode.l10n.t('Load more (page {0} of {1} searched)', fmt(list.pagesLoaded), list.lastPage ? fmt(list.lastPage) : '?');
      } else if (list.total !== undefined) {
        const next = Math.min(list.perPage ?? 25, list.total - loaded);
        label = vscode.l10n.t('Load {0} more ({1} of {2})', fmt(next), fmt(loaded), fmt(list.total));
      } else label = vscode.l10n.t('Load more ({0} loaded)', fmt(loaded));
      const item = new vscode.TreeItem(label);
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.tooltip = vscode.l10n.t('Load the next page of {0}', node.noun);
      item.command = { command: 'newsletter.loadMore', title: label, arguments: [node] };
      item.contextValue = 'loadMore';
      return item;
    }
    case 'error': {
      const message = errorText(node.error);
      const item = new vscode.TreeItem(message);
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.tooltip = new vscode.MarkdownString(`${message}\n\n${vscode.l10n.t('Click to try again.')}`);
      item.command = { command: 'newsletter.retry', title: vscode.l10n.t('Retry'), arguments: [node] };
      item.contextValue = isApiError(node.error) ? `error.${node.error.kind}` : 'error';
      return item;
    }
    case 'signIn': {
      const item = new vscode.TreeItem(vscode.l10n.t('The API token was refused: set a new token'));
      item.iconPath = new vscode.ThemeIcon('key', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      item.tooltip = vscode.l10n.t('The API answered 401: the token is missing, wrong or expired. Click to set a new one.');
      item.command = { command: 'newsletter.setToken', title: vscode.l10n.t('Set API Token') };
      item.contextValue = 'signIn';
      return item;
    }
    case 'message': {
      const item = new vscode.TreeItem(node.text);
      item.iconPath = new vscode.ThemeIcon(node.icon);
      item.contextValue = 'message';
      return item;
    }
  }
}
