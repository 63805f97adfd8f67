import * as vscode from 'vscode';
import { AuthError, type ListKindInfo, type NewsletterProvider, type Page, type Subscriber, type SubscriberList, safeText } from '../api';
import type { Connections } from '../connections/connections';
import type { Session } from '../connections/session';
import { settings } from '../connections/settings';
import { PagedList } from '../paging/pagedList';
import { type StatusRow, statusTreeItem } from './rows';
import { subscriberTooltip, subscriberTreeItem } from './subscribersView';
import { fmt } from './format';

export const LISTS_VIEW = 'newsletter.lists';

/** The rows of the Lists view: a kind (when the service has several), a list, a member, or a status row. */
export type ListsRow =
  | { type: 'kind'; info: ListKindInfo }
  | { type: 'list'; list: SubscriberList }
  | { type: 'item'; item: Subscriber; list: SubscriberList }
  | StatusRow;


/** The loaded state of one session: its lists per kind and the members of each list opened. */
interface Loaded {
  lists: Map<string, PagedList<SubscriberList>>;
  members: Map<string, PagedList<Subscriber>>;
}

/**
 * Groups and segments (Sender) or tags (SendPortal), each expanding into its members, paged like the other views:
 * nothing loads until a node is expanded, the last row loads more, and changes made here apply in place.
 */
export class ListsTree implements vscode.TreeDataProvider<ListsRow>, vscode.Disposable {
  readonly view: vscode.TreeView<ListsRow>;
  private readonly emitter = new vscode.EventEmitter<ListsRow | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[];
  private loaded?: { session: Session; state: Loaded };

  constructor(private readonly connections: Connections) {
    this.view = vscode.window.createTreeView(LISTS_VIEW, { treeDataProvider: this, canSelectMany: true, showCollapseAll: true });
    this.disposables = [
      this.view,
      this.emitter,
      connections.onDidChange((change) => {
        if (change === 'client' || change === 'active' || change === 'tokenState') {
          this.view.description = connections.active?.profile.label;
          this.emitter.fire(undefined);
        }
      }),
    ];
    void connections.ready.then(() => (this.view.description = connections.active?.profile.label));
  }

  /** The active session's state; a new session (connection, token or URL) starts empty. */
  private get state(): Loaded | undefined {
    const session = this.connections.active;
    if (!session) return undefined;
    if (this.loaded?.session !== session) this.loaded = { session, state: { lists: new Map(), members: new Map() } };
    return this.loaded.state;
  }

  private paged<T extends { id: string }>(map: Map<string, PagedList<T>>, key: string, fetch: (p: NewsletterProvider, page: number, signal: AbortSignal) => Promise<Page<T>>): PagedList<T> {
    let list = map.get(key);
    if (!list) {
      const session = this.connections.active;
      list = new PagedList<T>(
        (page, signal) => (session ? fetch(session.provider(), page, signal) : Promise.resolve({ items: [], page, perPage: 0, hasMore: false })),
        () => this.emitter.fire(undefined),
      );
      map.set(key, list);
    }
    return list;
  }

  /** The lists of one kind. */
  listsOf(kind: ListKindInfo['kind']): PagedList<SubscriberList> | undefined {
    const state = this.state;
    return state && this.paged(state.lists, kind, (p, page, signal) => p.listLists(kind, page, { signal }));
  }

  /** The members of one list. */
  membersOf(list: SubscriberList): PagedList<Subscriber> | undefined {
    const state = this.state;
    const limit = (p: NewsletterProvider) => settings.pageSize(p.descriptor.pageSize.max);
    return state && this.paged(state.members, `${list.kind}:${list.id}`, (p, page, signal) => p.listMembers(list, page, { signal, limit: limit(p) }));
  }

  /** Loads the next page of the list a status row belongs to. */
  loadMore(key: string | undefined): Promise<void> | undefined {
    const state = this.state;
    if (!state || !key) return undefined;
    return (state.lists.get(key) ?? state.members.get(key))?.loadMore();
  }

  /** A subscriber changed here: every loaded member row of theirs shows it. */
  replaceSubscribers(changed: readonly Subscriber[]): void {
    for (const list of this.state?.members.values() ?? []) list.apply({ replace: changed });
  }

  /** Subscribers deleted here leave every list they were shown in. */
  removeSubscribers(ids: readonly string[]): void {
    for (const list of this.state?.members.values() ?? []) list.apply({ remove: ids });
  }

  /** Members added to or removed from a list: its count follows, and its loaded members. */
  membershipChanged(list: SubscriberList, subscribers: readonly Subscriber[], added: boolean): void {
    const lists = this.listsOf(list.kind);
    const held = lists?.state.items.find((l) => l.id === list.id);
    // Those already in it (their rows name it) do not add to the count again.
    const changed = added ? subscribers.filter((x) => !x.tags.includes(list.name)).length : subscribers.length;
    if (held?.count !== undefined) lists?.apply({ replace: [{ ...held, count: Math.max(0, held.count + (added ? changed : -changed)) }] });
    const members = this.state?.members.get(`${list.kind}:${list.id}`);
    if (members?.started) members.apply(added ? { add: subscribers } : { remove: subscribers.map((x) => x.id) });
  }

  getTreeItem(row: ListsRow): vscode.TreeItem {
    const connectionId = this.connections.active?.profile.id ?? '';
    switch (row.type) {
      case 'kind': {
        const item = new vscode.TreeItem(row.info.label, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `kind:${connectionId}:${row.info.kind}`;
        item.iconPath = new vscode.ThemeIcon(row.info.kind === 'segment' ? 'filter' : 'folder-library');
        item.contextValue = `listKind.${row.info.kind}`;
        return item;
      }
      case 'list': {
        const item = new vscode.TreeItem(safeText(row.list.name, [], 120), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `list:${connectionId}:${row.list.kind}:${row.list.id}`;
        const { count, active } = row.list;
        item.description = count === undefined ? undefined : active !== undefined ? vscode.l10n.t('{0} · {1} active', fmt(count), fmt(active)) : fmt(count);
        item.iconPath = new vscode.ThemeIcon(row.list.kind === 'tag' ? 'tag' : row.list.kind === 'segment' ? 'filter' : 'organization');
        item.tooltip = [safeText(row.list.name), count === undefined ? undefined : vscode.l10n.t('{0} subscribers', fmt(count)), vscode.l10n.t('Id: {0}', safeText(row.list.id))].filter(Boolean).join('\n');
        const editable = this.connections.active?.descriptor.listKinds.find((k) => k.kind === row.list.kind)?.editable;
        item.contextValue = editable ? 'list.editable' : 'list';
        return item;
      }
      case 'item': {
        const item = subscriberTreeItem(row.item, `member:${connectionId}:${row.list.kind}:${row.list.id}:${row.item.id}`);
        item.contextValue = `${item.contextValue}.member${this.connections.active?.descriptor.listKinds.find((k) => k.kind === row.list.kind)?.editable ? '.editable' : ''}`;
        return item;
      }
      default: {
        const key = 'key' in row ? row.key : undefined;
        const state = this.state;
        const list = key ? (state?.lists.get(key) ?? state?.members.get(key)) : undefined;
        return statusTreeItem(row, list?.state ?? { items: [], hasMore: false, pagesLoaded: 0, filteredClientSide: false, loading: false }, vscode.l10n.t('items'));
      }
    }
  }

  resolveTreeItem(item: vscode.TreeItem, row: ListsRow): vscode.TreeItem {
    if (row.type === 'item' && item.tooltip === undefined) item.tooltip = subscriberTooltip(row.item);
    return item;
  }

  getParent(): undefined {
    return undefined;
  }

  async getChildren(row?: ListsRow): Promise<ListsRow[]> {
    await this.connections.ready;
    const session = this.connections.active;
    if (!session || session.tokenState === 'missing') return [];
    if (!row) {
      if (session.tokenState === 'moved') return [{ type: 'moved', host: session.host ?? '?' }];
      if (session.tokenState === 'invalid') return [{ type: 'signIn' }];
      const kinds = session.descriptor.listKinds;
      if (kinds.length > 1) return kinds.map((info) => ({ type: 'kind', info }));
      row = { type: 'kind', info: kinds[0] };
    }
    if (row.type === 'kind') {
      const lists = this.listsOf(row.info.kind);
      return lists ? this.rowsOf(lists, row.info.kind, (list) => ({ type: 'list', list }), vscode.l10n.t('No {0} yet.', row.info.label.toLowerCase())) : [];
    }
    if (row.type === 'list') {
      const list = row.list;
      const members = this.membersOf(list);
      return members ? this.rowsOf(members, `${list.kind}:${list.id}`, (item) => ({ type: 'item', item, list }), vscode.l10n.t('No subscribers in {0}.', safeText(list.name, [], 80))) : [];
    }
    return [];
  }

  private async rowsOf<T extends { id: string }>(list: PagedList<T>, key: string, toRow: (item: T) => ListsRow, empty: string): Promise<ListsRow[]> {
    if (!list.started) await list.loadMore();
    const state = list.state;
    const rows = state.items.map(toRow);
    if (state.error instanceof AuthError) rows.push({ type: 'signIn' });
    else if (state.error !== undefined) rows.push({ type: 'error', viewId: LISTS_VIEW, error: state.error, key });
    else if (state.hasMore || state.loading) rows.push({ type: 'loadMore', viewId: LISTS_VIEW, key });
    else if (!state.items.length) rows.push({ type: 'message', text: empty, icon: 'info', key: `${key}:empty` });
    return rows;
  }

  /** Loads the lists of one kind all through (for a pick), paced like any load. */
  async allLists(kind: ListKindInfo['kind']): Promise<readonly SubscriberList[]> {
    const lists = this.listsOf(kind);
    if (!lists) return [];
    if (!lists.started) await lists.loadMore();
    while (lists.state.hasMore && lists.state.error === undefined) await lists.loadMore();
    if (lists.state.error !== undefined) throw lists.state.error;
    return lists.state.items;
  }

  /** Starts again: every list and member list is loaded anew when shown. */
  refresh(): void {
    this.loaded = undefined;
    this.emitter.fire(undefined);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
