import * as vscode from 'vscode';
import { type ListKindInfo, type Subscriber, type SubscriberList, safeText } from '../api';
import type { Connections } from '../connections/connections';
import type { Session } from '../connections/session';
import { settings } from '../connections/settings';
import type { PagedList } from '../paging/pagedList';
import type { Change, Changes, Membership } from './changes';
import { PagedParent, type RangeRow } from './pagedParent';
import { type StatusRow, listTreeItem } from './rows';
import { repeatedNames, subscriberTooltip, subscriberTreeItem } from './subscribersView';

export const LISTS_VIEW = 'newsletter.lists';

/** The rows of the Lists view: a kind (when the service has several), a list, a member, a range or a status row. */
export type ListsRow =
  | { type: 'kind'; info: ListKindInfo }
  | { type: 'list'; list: SubscriberList }
  | { type: 'item'; item: Subscriber; list: SubscriberList }
  | RangeRow
  | StatusRow;

type ListRow = Extract<ListsRow, { type: 'list' }>;
type MemberRow = Extract<ListsRow, { type: 'item' }>;

/** The loaded state of one session: its lists per kind and the members of each list opened, each a paged parent. */
interface Loaded {
  session: Session;
  kinds: Map<string, { type: 'kind'; info: ListKindInfo }>;
  lists: Map<string, PagedParent<SubscriberList, ListRow, ListsRow>>;
  members: Map<string, PagedParent<Subscriber, MemberRow, ListsRow>>;
}

const membersKey = (list: SubscriberList) => `${list.kind}:${list.id}`;

/**
 * Groups and segments (Sender) or tags (SendPortal), each expanding into its members: every list here is a
 * PagedParent, as in the other views (Load more, countdown, error and retry rows, range groups), nothing loads until
 * a node is expanded, and changes made anywhere apply in place, one element refreshed per change.
 */
export class ListsTree implements vscode.TreeDataProvider<ListsRow>, vscode.Disposable {
  readonly view: vscode.TreeView<ListsRow>;
  private readonly emitter = new vscode.EventEmitter<ListsRow | ListsRow[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[];
  private loaded?: Loaded;
  /** Writes running now: only then does a member row ask its list what is being written (see PagedTree). */
  private writes = 0;

  constructor(
    private readonly connections: Connections,
    changes: Changes,
  ) {
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
      changes.onDidChange((change) => this.follow(change)),
      changes.onWriting((w) => {
        if (w.kind !== 'subscriber') return () => undefined;
        this.writes++;
        const undo = [...(this.state?.members.values() ?? [])].map((m) => m.markWriting(w.ids, w.label));
        return () => {
          this.writes--;
          undo.forEach((u) => u());
        };
      }),
    ];
    void connections.ready.then(() => (this.view.description = connections.active?.profile.label));
  }

  /** The active session's state; a new session (connection, token or URL) starts empty. */
  private get state(): Loaded | undefined {
    const session = this.connections.active;
    if (!session) return undefined;
    if (this.loaded?.session !== session) this.loaded = { session, kinds: new Map(), lists: new Map(), members: new Map() };
    return this.loaded;
  }

  private host(state: Loaded) {
    return {
      viewId: LISTS_VIEW,
      refresh: (elements: ListsRow | readonly ListsRow[] | undefined) => {
        if (this.loaded === state) this.emitter.fire(elements as ListsRow | ListsRow[] | undefined);
      },
      waitMs: () => state.session.rateLimit.waitMs(),
      reveal: (row: object) => {
        if (this.loaded === state) void this.view.reveal(row as ListsRow, { select: false, focus: false }).then(undefined, () => undefined);
      },
    };
  }

  private kindRow(state: Loaded, info: ListKindInfo): { type: 'kind'; info: ListKindInfo } {
    let row = state.kinds.get(info.kind);
    if (!row) state.kinds.set(info.kind, (row = { type: 'kind', info }));
    return row;
  }

  private listsNode(kind: ListKindInfo['kind']): PagedParent<SubscriberList, ListRow, ListsRow> | undefined {
    const state = this.state;
    if (!state) return undefined;
    let node = state.lists.get(kind);
    if (!node) {
      const label = state.session.descriptor.listKinds.find((k) => k.kind === kind)?.label ?? kind;
      node = new PagedParent<SubscriberList, ListRow, ListsRow>(this.host(state), {
        key: kind,
        idPrefix: `lists:${state.session.profile.id}:${kind}`,
        noun: label.toLowerCase(),
        fetch: (page, signal) => state.session.provider().listLists(kind, page, { signal }),
        toRow: (list) => ({ type: 'list', list }),
        emptyText: () => vscode.l10n.t('No {0} yet.', label.toLowerCase()),
      });
      state.lists.set(kind, node);
    }
    return node;
  }

  private membersNode(list: SubscriberList): PagedParent<Subscriber, MemberRow, ListsRow> | undefined {
    const state = this.state;
    if (!state) return undefined;
    let node = state.members.get(membersKey(list));
    if (!node) {
      const provider = () => state.session.provider();
      node = new PagedParent<Subscriber, MemberRow, ListsRow>(this.host(state), {
        key: membersKey(list),
        idPrefix: `member:${state.session.profile.id}:${membersKey(list)}`,
        noun: vscode.l10n.t('subscribers'),
        fetch: (page, signal) =>
          provider().listMembers(list, page, { signal, limit: settings.pageSize(provider().descriptor.pageSize.max) }),
        toRow: (item) => ({ type: 'item', item, list }),
        emptyText: () => vscode.l10n.t('No subscribers in {0}.', safeText(list.name, [], 80)),
      });
      state.members.set(membersKey(list), node);
    }
    return node;
  }

  /** The lists of one kind. */
  listsOf(kind: ListKindInfo['kind']): PagedList<SubscriberList> | undefined {
    return this.listsNode(kind)?.list;
  }

  /** The members of one list. */
  membersOf(list: SubscriberList): PagedList<Subscriber> | undefined {
    return this.membersNode(list)?.list;
  }

  /** Loads the next page of the list a status row belongs to. */
  loadMore(key: string | undefined): Promise<void> | undefined {
    const state = this.state;
    if (!state || key === undefined) return undefined;
    return (state.lists.get(key) ?? state.members.get(key))?.loadMore();
  }

  /** A change made anywhere: members and lists change in place; a list's count follows who joined or left it. */
  private follow(change: Change): void {
    const state = this.state;
    // Another connection's write: its lists are read afresh when it is shown again (only the active one's are held).
    if (!state || state.session !== change.session) return;
    const people = change.subscribers;
    if (people)
      for (const node of state.members.values())
        node.list.apply({ replace: [...(people.replace ?? []), ...(people.add ?? [])], remove: people.remove });
    for (const list of [...(change.lists?.add ?? []), ...(change.lists?.replace ?? [])]) {
      this.listsOf(list.kind)?.apply(change.lists?.add?.includes(list) ? { add: [list] } : { replace: [list] });
    }
    for (const id of change.lists?.remove ?? []) for (const node of state.lists.values()) node.list.apply({ remove: [id] });
    for (const m of change.membership ?? []) this.membershipChanged(m);
  }

  /** Members added to or removed from a list: its count follows, and its loaded members. */
  private membershipChanged({ list, subscribers, added }: Membership): void {
    const lists = this.listsOf(list.kind);
    const held = lists?.state.items.find((l) => l.id === list.id);
    // Those already in it (their rows name it) do not add to the count again.
    const changed = added ? subscribers.filter((x) => !x.tags.includes(list.name)).length : subscribers.length;
    if (held?.count !== undefined) lists?.apply({ replace: [{ ...held, count: Math.max(0, held.count + (added ? changed : -changed)) }] });
    const members = this.state?.members.get(membersKey(list));
    if (members?.list.started) members.list.apply(added ? { add: subscribers } : { remove: subscribers.map((x) => x.id) });
  }

  /** The paged parent a row belongs to (by its key, or by which list made it). */
  private nodeOf(row: ListsRow): PagedParent<SubscriberList, ListRow, ListsRow> | PagedParent<Subscriber, MemberRow, ListsRow> | undefined {
    const state = this.state;
    if (!state) return undefined;
    if (row.type === 'item') return state.members.get(membersKey(row.list));
    if (row.type === 'list') return state.lists.get(row.list.kind);
    const key = 'key' in row ? row.key : undefined;
    if (key === undefined) return undefined;
    return (
      state.lists.get(key) ??
      state.members.get(key) ??
      state.members.get(key.replace(/:empty$/, '')) ??
      state.lists.get(key.replace(/:empty$/, ''))
    );
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
      case 'list':
        return listTreeItem(row.list, connectionId, this.editable(row.list));
      case 'item': {
        const members = this.state?.members.get(membersKey(row.list))?.list.state.items ?? [];
        const id = `member:${connectionId}:${row.list.kind}:${row.list.id}:${row.item.id}`;
        const item = subscriberTreeItem(row.item, id, true, repeatedNames(members));
        item.contextValue = `${item.contextValue}.member${this.editable(row.list) ? '.editable' : ''}`;
        return (this.writes && this.state?.members.get(membersKey(row.list))?.decorate(item, row)) || item;
      }
      case 'range':
        return this.nodeOf(row)?.rangeItem(row) ?? new vscode.TreeItem('');
      default: {
        const node = this.nodeOf(row);
        return node ? node.statusItem(row) : new vscode.TreeItem('');
      }
    }
  }

  private editable(list: SubscriberList): boolean {
    return !!this.connections.active?.descriptor.listKinds.find((k) => k.kind === list.kind)?.editable;
  }

  resolveTreeItem(item: vscode.TreeItem, row: ListsRow): vscode.TreeItem {
    if (row.type === 'item' && item.tooltip === undefined) item.tooltip = subscriberTooltip(row.item);
    return item;
  }

  getParent(row: ListsRow): ListsRow | undefined {
    if (row.type === 'kind' || row.type === 'signIn' || row.type === 'moved') return undefined;
    return this.nodeOf(row)?.parentOf(row as never);
  }

  async getChildren(row?: ListsRow): Promise<ListsRow[]> {
    await this.connections.ready;
    const session = this.connections.active;
    const state = this.state;
    if (!session || !state || session.tokenState === 'missing') return [];
    if (!row) {
      if (session.tokenState === 'moved') return [{ type: 'moved', host: session.host ?? '?' }];
      if (session.tokenState === 'invalid') return [{ type: 'signIn' }];
      const kinds = session.descriptor.listKinds;
      if (kinds.length > 1) return kinds.map((info) => this.kindRow(state, info));
      return (await this.listsNode(kinds[0].kind)?.children(undefined)) ?? [];
    }
    if (row.type === 'kind') return (await this.listsNode(row.info.kind)?.children(row)) ?? [];
    if (row.type === 'list') return (await this.membersNode(row.list)?.children(row)) ?? [];
    if (row.type === 'range') return (await this.nodeOf(row)?.children(row)) ?? [];
    return [];
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
