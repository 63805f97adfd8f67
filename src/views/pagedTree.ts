import * as vscode from 'vscode';
import { AuthError, type FindMissingOptions } from '../api';
import type { Connections } from '../connections/connections';
import type { Session } from '../connections/session';
import { PagedList } from '../paging/pagedList';
import { GROUP_SIZE, type PagedSource, type RangeRow, type Row } from './pagedSource';
import { statusTreeItem } from './rows';
import { fmt } from './format';


/** How many connections' lists are kept for switching back. */
const KEPT_LISTS = 4;
/** The key of the list shown with no connection. */
const NO_SESSION = {} as Session;

/**
 * A view over one paged API list of the active connection. Opening it loads page 1 only; the last row loads
 * more (progress shows on the view, and the rows change once per load); a change of connection or token starts
 * again; a 401 adds a sign-in row above what was loaded. With no connection or no token the view is empty so
 * that its `viewsWelcome` shows.
 */
export type { PagedSource, Row } from './pagedSource';

export class PagedTree<T extends { id: string }> implements vscode.TreeDataProvider<Row<T>>, vscode.Disposable {
  /** The lists of the last few sessions, newest last: switching away and back keeps what was loaded. */
  private readonly lists = new Map<Session, PagedList<T>>();
  readonly view: vscode.TreeView<Row<T>>;
  private readonly emitter = new vscode.EventEmitter<Row<T> | undefined>();
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
  /** Each list's range rows, the same objects from one render to the next (VS Code refreshes by element). */
  private readonly rangesOf = new WeakMap<PagedList<T>, RangeRow[]>();
  /** Bumped when a new group opens: the full groups above get new ids, and so come back folded. */
  private folds = 0;
  /** Where each loaded item stands in its list, for getParent (rebuilt when the items change). */
  private indexOf?: { items: readonly T[]; at: Map<string, number> };
  /** The size of the list when a load began: a load that stays inside the last group refreshes only that group. */
  private loadFrom?: { list: PagedList<T>; count: number };

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
          this.emitter.fire(undefined);
        } else if (change === 'tokenState') this.emitter.fire(undefined);
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
          this.changed(own);
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
    const list = this.list;
    if (!list.state.loading) this.loadFrom = { list, count: list.state.items.length };
    const done = list.loadMore();
    if (this.list.state.loading) {
      void vscode.window.withProgress({ location: { viewId: this.source.viewId } }, () => done);
      const wait = this.connections.active?.rateLimit.waitMs() ?? 0;
      if (wait > 1000) {
        this.waitingUntil = Date.now() + wait;
        this.emitter.fire(undefined);
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

  /** One refresh per change: the last group alone when a load added rows inside it, else the whole view. */
  private changed(list: PagedList<T>): void {
    const from = this.loadFrom?.list === list ? this.loadFrom.count : undefined;
    this.loadFrom = undefined;
    const count = list.state.items.length;
    const group = (n: number) => Math.floor((n - 1) / GROUP_SIZE);
    if (from !== undefined && from > GROUP_SIZE && count >= from && group(count) === group(from)) {
      this.emitter.fire(this.ranges(list, count).at(-1));
      return;
    }
    if (from !== undefined && from > 0 && group(count) > group(from)) this.folds++; // a new group: fold those above
    this.emitter.fire(undefined);
  }

  /** The range rows of a list of `count` items (none up to GROUP_SIZE), the same objects each time. */
  private ranges(list: PagedList<T>, count: number): RangeRow[] {
    if (count <= GROUP_SIZE) return [];
    const all = this.rangesOf.get(list) ?? [];
    while (all.length < Math.ceil(count / GROUP_SIZE)) all.push({ type: 'range', index: all.length });
    this.rangesOf.set(list, all);
    return all.slice(0, Math.ceil(count / GROUP_SIZE));
  }

  /** An item's range, when the list is grouped; the last range holds the status rows. */
  getParent(row: Row<T>): Row<T> | undefined {
    const list = this.list;
    const items = list.state.items;
    const ranges = this.ranges(list, items.length);
    if (!ranges.length || row.type === 'range' || row.type === 'signIn' || row.type === 'moved') return undefined;
    if (row.type !== 'item') return ranges.at(-1);
    if (this.indexOf?.items !== items) this.indexOf = { items, at: new Map(items.map((x, i) => [x.id, i])) };
    const at = this.indexOf.at.get(row.item.id);
    return at === undefined ? undefined : ranges[Math.floor(at / GROUP_SIZE)];
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
    if (row.type === 'range') return this.rangeItem(row);
    if (row.type === 'item') {
      let item = this.rowsBuilt.get(row.item);
      if (!item) this.rowsBuilt.set(row.item, (item = this.source.toTreeItem(row.item, this.connections.active?.profile.id ?? '')));
      return item;
    }
    return statusTreeItem(row, this.list.state, this.source.noun, this.waitingUntil);
  }

  /** "1–1,000": the last group open, the full ones above folded once a new one opens. */
  private rangeItem(row: RangeRow): vscode.TreeItem {
    const count = this.list.state.items.length;
    const from = row.index * GROUP_SIZE + 1;
    const to = Math.min(count, (row.index + 1) * GROUP_SIZE);
    const last = to === count;
    const item = new vscode.TreeItem(`${fmt(from)}–${fmt(to)}`, last ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `${this.source.viewId}:${this.connections.active?.profile.id ?? ''}:range:${row.index}:${last ? 'last' : this.folds}`;
    item.accessibilityInformation = { label: vscode.l10n.t('{0} {1} to {2}', this.source.noun, fmt(from), fmt(to)) };
    item.contextValue = 'range';
    return item;
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
    if (!this.list.started) await this.loadMore();
    const list = this.list.state;
    const shown = list.items.length ? list.items : (list.replaced ?? []);
    const ranges = list.items.length ? this.ranges(this.list, shown.length) : [];
    if (row?.type === 'range') {
      const items = shown.slice(row.index * GROUP_SIZE, (row.index + 1) * GROUP_SIZE).map((item): Row<T> => ({ type: 'item', item }));
      return row.index === ranges.length - 1 ? [...items, ...this.statusRows(session)] : items;
    }
    const rows: Row<T>[] = [];
    if (session.tokenState === 'invalid') rows.push({ type: 'signIn' });
    if (ranges.length) return [...rows, ...ranges];
    for (const item of shown) rows.push({ type: 'item', item });
    return [...rows, ...this.statusRows(session)];
  }

  /** What follows the rows: unreadable, changed or missing items, then the error, Load more or empty row. */
  private statusRows(session: Session): Row<T>[] {
    const list = this.list.state;
    const rows: Row<T>[] = [];
    if (list.skipped) rows.push({ type: 'skipped', ...list.skipped });
    if (list.totalChanged) rows.push({ type: 'changed', viewId: this.viewId, ...list.totalChanged, refreshCommand: this.source.refreshCommand });
    else if (list.missing && list.total !== undefined) {
      const canFind = !!session.provider().findMissingSubscribers && !!this.source.findMissing;
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
