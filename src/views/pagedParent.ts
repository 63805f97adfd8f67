import * as vscode from 'vscode';
import { AuthError, type Page, currentPriority, withPriority } from '../api';
import { PagedList, type PagedListState } from '../paging/pagedList';
import { type StatusRow, statusTreeItem } from './rows';
import { fmt } from './format';

/**
 * Rows per range group. VS Code converts and diffs every row of an element it refreshes: at 10,000 rows a root
 * refresh per "Load more" cost 300 ms and kept memory per converted row; a load inside the last group refreshes
 * only that group. Lists up to this long are not grouped.
 */
const GROUP_SIZE = 1000;

/** A range of 1,000 loaded rows ("1–1,000") of the paged parent named by `key`. */
export type RangeRow = { type: 'range'; index: number; key: string };

/** What a paged parent needs from the tree it lives in. */
interface PagedParentHost<E> {
  readonly viewId: string;
  /** Refreshes these elements' children (undefined: the root): one call per change. */
  refresh(elements: E | RangeRow | readonly (E | RangeRow)[] | undefined): void;
  /** How long a request would wait for the rate limit now. */
  waitMs(): number;
  /** Scrolls a row into view, the selection and the keyboard left where they are. */
  reveal?(row: RangeRow | object): void;
  /** These items' rows were folded away (a new group opened): what was built to show them may go. */
  folded?(items: readonly unknown[]): void;
}

interface PagedParentOptions<T, R> {
  /** Which parent ('' for a view's root list); status rows carry it, so a Load more finds its list. */
  key: string;
  /** Unique among the view's ids: the connection and the parent. */
  idPrefix: string;
  noun: string;
  fetch(page: number, signal: AbortSignal): Promise<Page<T>>;
  /** The row of an item; built once per item object (a replaced item is a new object, so a new row). */
  toRow(item: T): R;
  emptyText(): string;
  /** Rows between the items and Load more: "the list changed", "n were not listed". */
  noticeRows?(state: PagedListState<T>): StatusRow[];
  /** Whether a refused token shows as a row here (false where the view says it once, above everything). */
  signInRow?: boolean;
}

/**
 * One paged list under one parent of a tree — a view's root, a group's members — and everything every such list
 * shows: its items, grouped by 1,000 once longer; then unreadable items, notices, the error with Retry, the sign-in
 * row, Load more (with a rate-limit countdown and progress on the view), or the empty row. Loads refresh one element:
 * the last group when the rows stay inside it, else the parent. Rows being written say so ("Unsubscribing…").
 */
export class PagedParent<T extends { id: string }, R extends object, E> {
  readonly list: PagedList<T>;
  /** The element VS Code last asked this list's rows for (undefined: the root), to refresh it by. */
  private parent?: E;
  private readonly rows = new WeakMap<T, R>();
  /** The item of each row made here (rows of other shapes are status or range rows). */
  private readonly itemOf = new WeakMap<object, T>();
  private readonly ranges: RangeRow[] = [];
  /** Bumped when a new group opens: the full groups above get new ids, and so come back folded. */
  private folds = 0;
  /** The size of the list when a load began: a load that stays inside the last group refreshes only that group. */
  private loadFrom?: number;
  /** The first row a load added when it opened a new group: shown once that group is drawn (it opens at its end). */
  private revealNext?: T;
  /** While a load waits for the rate limit: when it may go (the Load more row counts down). */
  private waitingUntil?: number;
  private indexOf?: { items: readonly T[]; at: Map<string, number> };
  /** Items being written, and what the row says meanwhile ("Unsubscribing…"). */
  /** Each item's writes in flight, oldest first: a row says the newest; one ending leaves the others' words. */
  private readonly writing = new Map<string, { label: string }[]>();

  constructor(
    private readonly host: PagedParentHost<E>,
    private readonly o: PagedParentOptions<T, R>,
  ) {
    // The view's own loads come after the person's requests and before background work; work that called them
    // (Load All, at background priority) keeps its own.
    this.list = new PagedList<T>(
      (page, signal) => withPriority(currentPriority('view'), () => o.fetch(page, signal)),
      () => this.changed(),
    );
  }

  get key(): string {
    return this.o.key;
  }

  /** The row of an item, the same object while the item is (so a refresh by element finds it). */
  rowOf(item: T): R {
    let row = this.rows.get(item);
    if (!row) {
      this.rows.set(item, (row = this.o.toRow(item)));
      this.itemOf.set(row, item);
    }
    return row;
  }

  /** Loads the next page with progress on the view; a wait for the rate limit counts down on the Load more row. */
  loadMore(): Promise<void> {
    if (!this.list.state.loading) this.loadFrom = this.list.state.items.length;
    const done = this.list.loadMore();
    if (this.list.state.loading) {
      void vscode.window.withProgress({ location: { viewId: this.host.viewId } }, () => done);
      const wait = this.host.waitMs();
      if (wait > 1000) {
        this.waitingUntil = Date.now() + wait;
        this.host.refresh(this.statusParent());
        void done.finally(() => (this.waitingUntil = undefined));
      }
    }
    return done;
  }

  /**
   * Loads pages until an item is held (Find reveals a row not loaded yet), at most `pages` more (what a person would
   * press Load more for); answers it, or undefined when it is not within them.
   */
  async loadUntil(found: (item: T) => boolean, pages: number): Promise<T | undefined> {
    for (let left = pages; ; left--) {
      const held = this.list.state.items.find(found);
      if (held || left <= 0 || !this.list.state.hasMore) return held;
      await this.loadMore();
      if (this.list.state.error !== undefined) return this.list.state.items.find(found);
    }
  }

  /** Loads every remaining page, paced by the rate limit like any load; stops on a failure or when cancelled. */
  async loadAll(signal: AbortSignal, onProgress: (loaded: number, total?: number) => void): Promise<void> {
    while (this.list.state.hasMore && !signal.aborted) {
      await this.loadMore();
      if (this.list.state.error !== undefined) return;
      onProgress(this.list.state.items.length, this.list.state.total);
    }
  }

  /** Rows of these items say what is being done to them until `done` is called; only their rows are refreshed. */
  markWriting(ids: readonly string[], label: string): () => void {
    const rows = () => this.list.state.items.filter((i) => ids.includes(i.id)).map((i) => this.rowOf(i));
    const mine = { label };
    for (const id of ids) this.writing.set(id, [...(this.writing.get(id) ?? []), mine]);
    const shown = rows();
    if (shown.length) this.host.refresh(shown as unknown as E[]);
    return () => {
      for (const id of ids) {
        const left = (this.writing.get(id) ?? []).filter((w) => w !== mine);
        if (left.length) this.writing.set(id, left);
        else this.writing.delete(id);
      }
      const now = rows();
      if (now.length) this.host.refresh(now as unknown as E[]);
    };
  }

  /** An item's tree item as it shows now: with what is being written to it, if anything. */
  decorate(item: vscode.TreeItem, row: R): vscode.TreeItem {
    const writing = this.writing.size ? this.writing.get(this.itemOf.get(row)?.id ?? '')?.at(-1)?.label : undefined;
    if (!writing) return item;
    const shown = new vscode.TreeItem(item.label ?? '', item.collapsibleState);
    Object.assign(shown, item, { description: writing, iconPath: new vscode.ThemeIcon('loading~spin') });
    return shown;
  }

  /** Whether a row is one of this list's item rows (else a status or range row). */
  owns(row: object): boolean {
    return this.itemOf.has(row);
  }

  /** The rows under `element` (the parent, or one of its groups); page 1 is loaded the first time. */
  async children(element: E | RangeRow | undefined, before: (R | RangeRow | StatusRow)[] = []): Promise<(R | RangeRow | StatusRow)[]> {
    if (!this.list.started) await this.loadMore();
    const state = this.list.state;
    const shown = state.items.length ? state.items : (state.replaced ?? []);
    const ranges = state.items.length ? this.rangesFor(shown.length) : [];
    if (element && (element as RangeRow).type === 'range' && (element as RangeRow).key === this.o.key) {
      const index = (element as RangeRow).index;
      const items = shown.slice(index * GROUP_SIZE, (index + 1) * GROUP_SIZE).map((item) => this.rowOf(item));
      if (index !== ranges.length - 1) return items;
      const first = this.revealNext;
      this.revealNext = undefined;
      // Drawn, the new group would show its end (where the load-more row went): its first new row is brought in view.
      const reveal = this.host.reveal?.bind(this.host);
      if (first && reveal && shown.indexOf(first) >= index * GROUP_SIZE) setTimeout(() => reveal(this.rowOf(first)), 0);
      return [...items, ...this.statusRows()];
    }
    this.parent = element as E | undefined;
    if (ranges.length) return [...before, ...ranges];
    return [...before, ...shown.map((item) => this.rowOf(item)), ...this.statusRows()];
  }

  /** The parent of one of this list's rows: its group when grouped, else the list's parent element. */
  parentOf(row: R | RangeRow | StatusRow): E | RangeRow | undefined {
    const items = this.list.state.items;
    const ranges = this.rangesFor(items.length);
    if (!ranges.length || (row as RangeRow).type === 'range') return this.parent;
    const item = this.itemOf.get(row);
    if (!item) return ranges.at(-1);
    if (this.indexOf?.items !== items) this.indexOf = { items, at: new Map(items.map((x, i) => [x.id, i])) };
    const at = this.indexOf.at.get(item.id);
    return at === undefined ? this.parent : ranges[Math.floor(at / GROUP_SIZE)];
  }

  /** A status row's tree item, from this list's state. */
  statusItem(row: StatusRow): vscode.TreeItem {
    return statusTreeItem(row, this.list.state, this.o.noun, this.waitingUntil);
  }

  /** "1–1,000": the last group open, the full ones above folded once a new one opens. */
  rangeItem(row: RangeRow): vscode.TreeItem {
    const count = this.list.state.items.length;
    const from = row.index * GROUP_SIZE + 1;
    const to = Math.min(count, (row.index + 1) * GROUP_SIZE);
    const last = to === count;
    const item = new vscode.TreeItem(
      `${fmt(from)}–${fmt(to)}`,
      last ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = `${this.o.idPrefix}:range:${row.index}:${last ? 'last' : this.folds}`;
    item.accessibilityInformation = { label: vscode.l10n.t('{0} {1} to {2}', this.o.noun, fmt(from), fmt(to)) };
    item.contextValue = 'range';
    return item;
  }

  /** One refresh per change: the last group alone when a load added rows inside it, else the parent. */
  private changed(): void {
    const from = this.loadFrom;
    this.loadFrom = undefined;
    const count = this.list.state.items.length;
    const group = (n: number) => Math.floor((n - 1) / GROUP_SIZE);
    if (from !== undefined && from > GROUP_SIZE && count >= from && group(count) === group(from)) {
      this.host.refresh(this.rangesFor(count).at(-1));
      return;
    }
    if (from !== undefined && from > 0 && group(count) > group(from)) {
      this.folds++; // a new group: fold those above
      this.revealNext = this.list.state.items[from];
      this.host.folded?.(this.list.state.items.slice(0, group(count) * GROUP_SIZE));
    }
    this.host.refresh(this.parent);
  }

  /** The element that holds the status rows: the last group, or the parent. */
  private statusParent(): E | RangeRow | undefined {
    return this.rangesFor(this.list.state.items.length).at(-1) ?? this.parent;
  }

  /** The range rows of `count` items (none up to GROUP_SIZE), the same objects each time. */
  private rangesFor(count: number): RangeRow[] {
    if (count <= GROUP_SIZE) return [];
    while (this.ranges.length < Math.ceil(count / GROUP_SIZE))
      this.ranges.push({ type: 'range', index: this.ranges.length, key: this.o.key });
    return this.ranges.slice(0, Math.ceil(count / GROUP_SIZE));
  }

  /** What follows the rows: unreadable items, notices, then the error, Load more or the empty row. */
  private statusRows(): StatusRow[] {
    const state = this.list.state;
    const key = this.o.key;
    const rows: StatusRow[] = [];
    if (state.skipped) rows.push({ type: 'skipped', ...state.skipped });
    rows.push(...(this.o.noticeRows?.(state) ?? []));
    if (state.error instanceof AuthError) {
      if (this.o.signInRow !== false) rows.push({ type: 'signIn' });
    } else if (state.error !== undefined) rows.push({ type: 'error', viewId: this.host.viewId, error: state.error, key });
    else if (state.hasMore || state.loading) rows.push({ type: 'loadMore', viewId: this.host.viewId, key });
    else if (!state.items.length) rows.push({ type: 'message', text: this.o.emptyText(), icon: 'info', key: `${key}:empty` });
    return rows;
  }
}
