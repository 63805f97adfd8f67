import * as vscode from 'vscode';
import { AuthError, type FindMissingOptions, type NewsletterProvider, type Page } from '../api';
import type { Connections } from '../connections/connections';
import type { Session } from '../connections/session';
import { PagedList } from '../paging/pagedList';
import { type StatusRow, statusTreeItem } from './rows';

/** How many connections' lists are kept for switching back. */
const KEPT_LISTS = 4;
/** The key of the list shown with no connection. */
const NO_SESSION = {} as Session;

export type Row<T> = { type: 'item'; item: T } | StatusRow;

/** What makes one paged view: how to fetch a page and how to show an item. */
export interface PagedSource<T> {
  readonly viewId: string;
  /** "subscribers", for tooltips. */
  readonly noun: string;
  fetch(provider: NewsletterProvider, page: number, signal: AbortSignal): Promise<Page<T>>;
  /** The row without its tooltip, cheap: it is built for every row on every render. */
  toTreeItem(item: T, connectionId: string): vscode.TreeItem;
  /** Built only when the row is hovered. */
  /** Plain text, never markdown (see subscriberTooltip). */
  tooltip(item: T): string;
  emptyText(): string;
  /** A filter or sort to name in the view's description. */
  describe?(): string | undefined;
  /** The command that loads the view again. */
  readonly refreshCommand: string;
  /** Whether rows can be selected together (for commands on many). */
  readonly canSelectMany?: boolean;
  /** Looks up the items a full walk missed, where the service allows it. */
  findMissing?(provider: NewsletterProvider, held: ReadonlySet<string>, missing: number, opts: FindMissingOptions): Promise<T[]> | undefined;
}

/**
 * A view over one paged API list of the active connection. Opening it loads page 1 only; the last row loads
 * more (progress shows on the view, and the rows change once per load); a change of connection or token starts
 * again; a 401 adds a sign-in row above what was loaded. With no connection or no token the view is empty so
 * that its `viewsWelcome` shows.
 */
export class PagedTree<T extends { id: string }> implements vscode.TreeDataProvider<Row<T>>, vscode.Disposable {
  /** The lists of the last few sessions, newest last: switching away and back keeps what was loaded. */
  private readonly lists = new Map<Session, PagedList<T>>();
  readonly view: vscode.TreeView<Row<T>>;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly applied = new vscode.EventEmitter<{ replace: readonly T[]; remove: readonly string[] }>();
  /** Items a write here added, changed or removed, for whatever else shows them (their cards). */
  readonly onDidApply = this.applied.event;
  private readonly disposables: vscode.Disposable[];
  /**
   * Each item's row, built once: every load refreshes the whole list, and building rows again for thousands of
   * loaded items was most of a refresh's cost. An item replaced in the list is a new object, so it gets a new row.
   */
  private readonly rowsBuilt = new WeakMap<T, vscode.TreeItem>();
  /** While a load waits for the rate limit: when it may go (the load-more row says so). */
  private waitingUntil?: number;

  constructor(
    private readonly source: PagedSource<T>,
    private readonly connections: Connections,
  ) {
    this.view = vscode.window.createTreeView(source.viewId, { treeDataProvider: this, canSelectMany: source.canSelectMany });
    this.disposables = [
      this.view,
      this.emitter,
      this.applied,
      connections.onDidChange((change) => {
        if (change === 'client') this.refresh(false);
        else if (change === 'active') {
          this.describe();
          this.emitter.fire();
        } else if (change === 'tokenState') this.emitter.fire();
      }),
    ];
    void connections.ready.then(() => this.describe());
  }

  get viewId(): string {
    return this.source.viewId;
  }

  /** The active connection's list (a new session — a new token, URL or timeout — starts a new one). */
  get list(): PagedList<T> {
    const session = this.connections.active;
    const key = session ?? NO_SESSION;
    let list = this.lists.get(key);
    if (list) this.lists.delete(key);
    else {
      const own: PagedList<T> = new PagedList<T>(
        (page, signal) => (session ? this.source.fetch(session.provider(), page, signal) : Promise.resolve({ items: [], page, perPage: 0, hasMore: false })),
        () => {
          if (this.lists.get(this.connections.active ?? NO_SESSION) !== own) return;
          this.describe();
          this.emitter.fire();
        },
      );
      list = own;
    }
    this.lists.set(key, list);
    for (const [old] of this.lists) if (this.lists.size > KEPT_LISTS) this.lists.delete(old);
    return list;
  }

  /** Loads the next page with progress shown on the view; a wait for the rate limit shows on the row, counting down. */
  loadMore(): Promise<void> {
    const done = this.list.loadMore();
    if (this.list.state.loading) {
      void vscode.window.withProgress({ location: { viewId: this.source.viewId } }, () => done);
      const wait = this.connections.active?.rateLimit.waitMs() ?? 0;
      if (wait > 1000) {
        this.waitingUntil = Date.now() + wait;
        this.emitter.fire();
        void done.finally(() => (this.waitingUntil = undefined));
      }
    }
    return done;
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
   * Looks up what a full walk missed, with progress and Cancel; whatever is found is added at the end. Returns how
   * many were found, or undefined when this service cannot look them up.
   */
  async findMissing(signal: AbortSignal, onProgress: FindMissingOptions['onProgress']): Promise<{ found: number; missing: number } | undefined> {
    const session = this.connections.active;
    const missing = this.list.state.missing;
    if (!session || !missing) return undefined;
    const search = this.source.findMissing?.(session.provider(), this.list.heldIds, missing, { signal, onProgress });
    if (!search) return undefined;
    const found = await search;
    this.list.addFound(found);
    return { found: found.length, missing };
  }

  /** Shows an item made here (a new subscriber) at the top without reloading. */
  prepend(item: T): void {
    this.list.prepend(item);
  }

  /** Changes made here, in place: rows added at the top, replaced or removed, never a reload. */
  apply(changes: { add?: readonly T[]; replace?: readonly T[]; remove?: readonly string[] }): void {
    this.list.apply(changes);
    // Added may be updated (an import's upserts): whoever shows one of them hears of it too.
    const changed = [...(changes.replace ?? []), ...(changes.add ?? [])];
    if (changed.length || changes.remove?.length) this.applied.fire({ replace: changed, remove: changes.remove ?? [] });
  }

  /** Selects an item's row and scrolls to it, keeping the keyboard where it is. */
  async reveal(item: T): Promise<void> {
    await this.view.reveal({ type: 'item', item }, { select: true, focus: false }).then(undefined, () => undefined);
  }

  /** Every row is at the top level. */
  getParent(): undefined {
    return undefined;
  }

  /** The view's description: the connection, the filter, and how many the server has ("2,500 subscribers"). */
  describe(): void {
    const label = this.connections.active?.profile.label;
    const total = this.connections.active ? this.list.state.total : undefined;
    const count = total !== undefined && !this.list.state.filteredClientSide ? `${total.toLocaleString('en-US')} ${this.source.noun}` : undefined;
    const description = [label, this.source.describe?.(), count].filter(Boolean).join(' · ') || undefined;
    if (this.view.description !== description) this.view.description = description;
  }

  /** Loads every remaining page, paced by the rate limit like any load; stops on a failure or when cancelled. */
  async loadAll(signal: AbortSignal, onProgress: (loaded: number, total?: number) => void): Promise<void> {
    const list = this.list;
    while (list.state.hasMore && !signal.aborted) {
      await this.loadMore();
      if (list.state.error !== undefined) return;
      onProgress(list.state.items.length, list.state.total);
    }
  }

  getTreeItem(row: Row<T>): vscode.TreeItem {
    if (row.type === 'item') {
      let item = this.rowsBuilt.get(row.item);
      if (!item) this.rowsBuilt.set(row.item, (item = this.source.toTreeItem(row.item, this.connections.active?.profile.id ?? '')));
      return item;
    }
    return statusTreeItem(row, this.list.state, this.source.noun, this.waitingUntil);
  }

  resolveTreeItem(item: vscode.TreeItem, row: Row<T>): vscode.TreeItem {
    if (row.type === 'item' && item.tooltip === undefined) item.tooltip = this.source.tooltip(row.item);
    return item;
  }

  async getChildren(row?: Row<T>): Promise<Row<T>[]> {
    await this.connections.ready;
    const session = this.connections.active;
    if (row || !session || session.tokenState === 'missing') return [];
    if (session.tokenState === 'moved') return [{ type: 'moved', host: session.host ?? '?' }];
    if (!this.list.started) await this.loadMore();
    const list = this.list.state;
    const rows: Row<T>[] = [];
    if (session.tokenState === 'invalid') rows.push({ type: 'signIn' });
    for (const item of list.items.length ? list.items : (list.replaced ?? [])) rows.push({ type: 'item', item });
    if (list.skipped) rows.push({ type: 'skipped', ...list.skipped });
    if (list.totalChanged) rows.push({ type: 'changed', viewId: this.viewId, ...list.totalChanged, refreshCommand: this.source.refreshCommand });
    else if (list.missing && list.total !== undefined) {
      const canFind = !!this.connections.active?.provider().findMissingSubscribers && !!this.source.findMissing;
      rows.push({ type: 'missing', viewId: this.viewId, count: list.missing, total: list.total, canFind });
    }
    if (list.error instanceof AuthError) return rows; // the sign-in row says it all
    if (list.error !== undefined) rows.push({ type: 'error', viewId: this.source.viewId, error: list.error });
    else if (list.hasMore || list.loading) rows.push({ type: 'loadMore', viewId: this.source.viewId });
    else if (!list.items.length) rows.push({ type: 'message', text: this.source.emptyText(), icon: 'info' });
    return rows;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
