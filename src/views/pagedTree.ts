import * as vscode from 'vscode';
import type { FindMissingOptions } from '../api';
import type { Connections } from '../connections/connections';
import type { Session } from '../connections/session';
import type { PagedList } from '../paging/pagedList';
import type { Changes, ItemChanges } from './changes';
import { PagedParent, type RangeRow } from './pagedParent';
import type { PagedSource, Row } from './pagedSource';
import type { StatusRow } from './rows';

export type { PagedSource, Row } from './pagedSource';

/** How many connections' lists are kept for switching back. */
const KEPT_LISTS = 4;
/** The key of the list shown with no connection. */
const NO_SESSION = {} as Session;

type ItemRow<T> = { type: 'item'; item: T };

/**
 * A view over one paged API list of the active connection: a PagedParent at the root. Opening it loads page 1
 * only; a change of connection or token starts again; a 401 adds a sign-in row above what was loaded. With no
 * connection or no token the view is empty so that its `viewsWelcome` shows. Writes reach it through Changes.
 */
export class PagedTree<T extends { id: string }> implements vscode.TreeDataProvider<Row<T>>, vscode.Disposable {
  /** The lists of the last few sessions, newest last: switching away and back keeps what was loaded. */
  private readonly parents = new Map<Session, PagedParent<T, ItemRow<T>, never>>();
  readonly view: vscode.TreeView<Row<T>>;
  private readonly emitter = new vscode.EventEmitter<Row<T> | Row<T>[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[];
  /** Each item's tree item, built once (an item replaced in the list is a new object, so it gets a new one). */
  private readonly built = new WeakMap<T, vscode.TreeItem>();
  /**
   * Writes running now: only then does a row ask its list what is being written. Finding the active connection's
   * list for every row drawn cost ~40 ms a Load more (`connections.active` is not free).
   */
  private writes = 0;

  constructor(
    private readonly source: PagedSource<T>,
    private readonly connections: Connections,
    changes: Changes,
  ) {
    this.view = vscode.window.createTreeView(source.viewId, { treeDataProvider: this, canSelectMany: source.canSelectMany });
    this.disposables = [
      this.view,
      this.emitter,
      connections.onDidChange((change) => {
        if (change === 'client') this.refresh(false);
        else if (change === 'active') {
          this.describe();
          this.emitter.fire(undefined);
        } else if (change === 'tokenState') this.emitter.fire(undefined);
      }),
      changes.onDidChange((change) => {
        const mine = (source.kind === 'subscriber' ? change.subscribers : change.campaigns) as ItemChanges<T> | undefined;
        const shows = source.shows?.bind(source);
        // The write's own connection's rows (held while another is shown: they are right when it is shown again).
        const list = this.parents.get(change.session)?.list;
        if (mine && list) list.apply(shows && mine.add ? { ...mine, add: mine.add.filter((i) => shows(i)) } : mine);
      }),
      changes.onWriting((w) => {
        if (w.kind !== source.kind) return () => undefined;
        this.writes++;
        const undo = this.node.markWriting(w.ids, w.label);
        return () => {
          this.writes--;
          undo();
        };
      }),
    ];
    void connections.ready.then(() => this.describe());
  }

  get viewId(): string {
    return this.source.viewId;
  }

  /** The active connection's paged root (a new session — a new token, URL or timeout — starts a new one). */
  private get node(): PagedParent<T, ItemRow<T>, never> {
    const session = this.connections.active;
    const key = session ?? NO_SESSION;
    let node = this.parents.get(key);
    if (node) this.parents.delete(key);
    else {
      const own: PagedParent<T, ItemRow<T>, never> = new PagedParent<T, ItemRow<T>, never>(
        {
          viewId: this.source.viewId,
          refresh: (elements) => {
            if (this.parents.get(this.connections.active ?? NO_SESSION) !== own) return;
            if (elements === undefined) this.describe();
            this.emitter.fire(elements as Row<T> | Row<T>[] | undefined);
          },
          waitMs: () => this.connections.active?.rateLimit.waitMs() ?? 0,
          // Folded groups keep their items, not the tree items built to show them (built again if unfolded).
          folded: (items) => {
            for (const x of items) this.built.delete(x as T);
          },
          reveal: (row) => void this.view.reveal(row as Row<T>, { select: false, focus: false }).then(undefined, () => undefined),
        },
        {
          key: '',
          idPrefix: `${this.source.viewId}:${session?.profile.id ?? ''}`,
          noun: this.source.noun,
          fetch: (page, signal) =>
            session
              ? this.source.fetch(session.provider(), page, signal)
              : Promise.resolve({ items: [], page, perPage: 0, hasMore: false }),
          toRow: (item) => ({ type: 'item', item }),
          emptyText: () => this.source.emptyText(),
          noticeRows: (state) => this.noticeRows(session, state),
          signInRow: false, // said once, above everything
        },
      );
      node = own;
    }
    this.parents.set(key, node);
    for (const [old] of this.parents) if (this.parents.size > KEPT_LISTS) this.parents.delete(old);
    return node;
  }

  /** The active connection's list. */
  get list(): PagedList<T> {
    return this.node.list;
  }

  loadMore(): Promise<void> {
    return this.node.loadMore();
  }

  /** Loads up to `pages` more pages until an item with this id is held (to reveal a row not loaded yet). */
  loadUntil(id: string, pages: number): Promise<T | undefined> {
    return this.node.loadUntil((x) => x.id === id, pages);
  }

  loadAll(signal: AbortSignal, onProgress: (loaded: number, total?: number) => void): Promise<void> {
    return this.node.loadAll(signal, onProgress);
  }

  /**
   * Starts again from page 1 (loaded when the view asks for its rows). A Refresh keeps showing the rows it had
   * until page 1 arrives, and under the error row if it fails; a new token or filter starts empty.
   */
  refresh(keepRows = true): void {
    this.describe();
    this.list.reset(keepRows);
  }

  /**
   * Looks up what a full walk missed, with progress and Cancel; whatever is found is added at the end, also when
   * cancelled or stopped by a failure. Answers those found, or undefined when this service cannot look them up.
   */
  async findMissing(
    signal: AbortSignal,
    onProgress: FindMissingOptions['onProgress'],
  ): Promise<{ found: T[]; missing: number } | undefined> {
    const session = this.connections.active;
    const missing = this.list.state.missing;
    if (!session || !missing) return undefined;
    const found: T[] = [];
    const search = this.source.findMissing?.(session.provider(), this.list.heldIds, missing, {
      signal,
      onProgress,
      onFound: (x) => found.push(x as unknown as T),
      memory: session.ids,
    });
    if (!search) return undefined;
    try {
      await search;
    } finally {
      this.list.addFound(found);
    }
    return { found, missing };
  }

  /** Selects an item's row and scrolls to it, where it is loaded; `focus` moves the keyboard there too. */
  async reveal(item: T, focus = false): Promise<boolean> {
    const held = this.list.state.items.find((x) => x.id === item.id);
    if (!held) return false;
    return this.view.reveal(this.node.rowOf(held), { select: true, focus }).then(
      () => true,
      () => false,
    );
  }

  getParent(row: Row<T>): Row<T> | undefined {
    if (row.type === 'signIn' || row.type === 'moved') return undefined;
    return this.node.parentOf(row) as Row<T> | undefined;
  }

  /** The view's description: the connection, the filter, and how many the server has ("2,500 subscribers"). */
  describe(): void {
    const label = this.connections.active?.profile.label;
    const total = this.connections.active ? this.list.state.total : undefined;
    const count =
      total !== undefined && !this.list.state.filteredClientSide ? `${total.toLocaleString('en-US')} ${this.source.noun}` : undefined;
    const description = [label, this.source.describe?.(), count].filter(Boolean).join(' · ') || undefined;
    if (this.view.description !== description) this.view.description = description;
  }

  getTreeItem(row: Row<T>): vscode.TreeItem {
    if (row.type === 'range') return this.node.rangeItem(row);
    if (row.type === 'item') {
      let item = this.built.get(row.item);
      if (!item) this.built.set(row.item, (item = this.source.toTreeItem(row.item, this.connections.active?.profile.id ?? '')));
      return this.writes ? this.node.decorate(item, row) : item;
    }
    return this.node.statusItem(row);
  }

  /** The tooltip when hovered, and the open command when clicked: neither is built for rows never touched. */
  resolveTreeItem(item: vscode.TreeItem, row: Row<T>): vscode.TreeItem {
    if (row.type !== 'item') return item;
    if (item.tooltip === undefined) item.tooltip = this.source.tooltip(row.item);
    item.command ??= { command: 'newsletter.openDetails', title: vscode.l10n.t('Open Details'), arguments: [row] };
    return item;
  }

  async getChildren(row?: Row<T>): Promise<Row<T>[]> {
    await this.connections.ready;
    const session = this.connections.active;
    if ((row && row.type !== 'range') || !session || session.tokenState === 'missing') return [];
    if (session.tokenState === 'moved') return [{ type: 'moved', host: session.host ?? '?' }];
    const above: Row<T>[] = !row && session.tokenState === 'invalid' ? [{ type: 'signIn' }] : [];
    return (await this.node.children(row as RangeRow | undefined, above)) as Row<T>[];
  }

  /** "The list changed on the server", or how many a walk never listed (and whether they can be looked up). */
  private noticeRows(session: Session | undefined, list: PagedList<T>['state']): StatusRow[] {
    if (list.totalChanged)
      return [{ type: 'changed', viewId: this.viewId, ...list.totalChanged, refreshCommand: this.source.refreshCommand }];
    if (list.missing && list.total !== undefined && session) {
      const canFind = !!session.provider().findMissingSubscribers && !!this.source.findMissing;
      return [{ type: 'missing', viewId: this.viewId, count: list.missing, total: list.total, canFind }];
    }
    return [];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
