import { CancelledError, type Page } from '../api';

/** What a list holds now; read-only to everyone but the list. */
export interface PagedListState<T> {
  readonly items: readonly T[];
  readonly total?: number;
  readonly perPage?: number;
  readonly hasMore: boolean;
  /** The last server page read (a client-side filter may show fewer items than the pages held). */
  readonly pagesLoaded: number;
  readonly lastPage?: number;
  readonly filteredClientSide: boolean;
  readonly loading: boolean;
  readonly error?: unknown;
  /** Items that could not be read, across the pages loaded, and the last reason. */
  readonly skipped?: { readonly count: number; readonly reason: string };
  /** The server's total moved between two pages (someone added or removed items meanwhile). */
  readonly totalChanged?: { readonly from: number; readonly to: number };
  /** At the end, how many of the server's total were never listed (duplicates took their places). */
  readonly missing?: number;
  /** After a refresh, the rows from before it: shown until page 1 arrives, and kept if it fails. */
  readonly replaced?: readonly T[];
}

/** The most pages one list walks: a server whose pages never end cannot keep "Load more" going forever. */
const MAX_PAGES = 100_000;

/**
 * The loaded part of a paged API list: the client drives page numbers (next = last page read + 1), items are
 * de-duplicated by id, concurrent loads merge into one, a failure is kept beside the items already loaded, and
 * each load changes the state once (`onChange` fires when it ends, never when it starts). Pure: no vscode.
 */
export class PagedList<T extends { id: string }> {
  private s: PagedListState<T> = PagedList.empty();
  private ids = new Set<string>();
  private inflight?: Promise<void>;
  private generation = 0;
  private abort?: AbortController;
  /** The total the server said last, plus what we added since: what the next page's total should be. */
  private expectedTotal?: number;

  constructor(
    private readonly fetchPage: (page: number, signal: AbortSignal) => Promise<Page<T>>,
    private readonly onChange: () => void,
  ) {}

  private static empty<T>(): PagedListState<T> {
    return { items: [], hasMore: true, pagesLoaded: 0, filteredClientSide: false, loading: false };
  }

  get state(): PagedListState<T> {
    return this.s;
  }

  get started(): boolean {
    return this.s.pagesLoaded > 0 || this.s.loading || this.s.error !== undefined;
  }

  /** Loads the next page; a second call while one is loading gets the same promise. Never rejects. */
  loadMore(): Promise<void> {
    if (this.inflight) return this.inflight;
    if (!this.s.hasMore && this.s.error === undefined) return Promise.resolve();
    const generation = this.generation;
    const abort = (this.abort = new AbortController());
    const asked = this.s.pagesLoaded + 1;
    this.s = { ...this.s, loading: true, error: undefined };
    const load = Promise.resolve()
      .then(() => this.fetchPage(asked, abort.signal))
      .then(
        (page) => {
          if (generation === this.generation) this.merge(page, asked);
        },
        (e) => {
          if (generation !== this.generation) return;
          this.s = { ...this.s, loading: false, error: e instanceof CancelledError ? undefined : e };
        },
      )
      .finally(() => {
        if (generation !== this.generation) return;
        this.inflight = undefined;
        this.onChange();
      });
    this.inflight = load;
    return load;
  }

  private merge(page: Page<T>, asked: number): void {
    const items = [...this.s.items];
    for (const item of page.items) {
      if (this.ids.has(item.id)) items[items.findIndex((i) => i.id === item.id)] = item;
      else {
        this.ids.add(item.id);
        items.push(item);
      }
    }
    const read = Math.max(asked, page.page);
    const skipped = page.skipped
      ? { count: (this.s.skipped?.count ?? 0) + page.skipped.count, reason: page.skipped.reason }
      : this.s.skipped;
    const changed = this.expectedTotal !== undefined && page.total !== undefined && page.total !== this.expectedTotal;
    const totalChanged = changed ? { from: this.expectedTotal ?? 0, to: page.total ?? 0 } : this.s.totalChanged;
    this.expectedTotal = page.total;
    const hasMore = page.hasMore && read < MAX_PAGES;
    this.s = {
      items,
      total: page.total,
      perPage: page.perPage,
      hasMore,
      pagesLoaded: read,
      lastPage: page.lastPage,
      filteredClientSide: !!page.filteredClientSide,
      loading: false,
      skipped,
      totalChanged,
      missing: this.missingAtEnd(hasMore, items.length, page.total, !!page.filteredClientSide, skipped?.count),
    };
  }

  /** At the end of an unfiltered walk, the server's total minus what we hold (and could not read). */
  private missingAtEnd(
    hasMore: boolean,
    held: number,
    total: number | undefined,
    filtered: boolean,
    unreadable = this.s.skipped?.count,
  ): number | undefined {
    if (hasMore || filtered || total === undefined) return undefined;
    // Those that could not be read were listed, just not shown: they are not missing (the last page's included).
    const missing = total - held - (unreadable ?? 0);
    return missing > 0 ? missing : undefined;
  }

  /** Adds items found after the walk (the ones the server's shifting order hid), at the end; one change. */
  addFound(found: readonly T[]): void {
    const items = [...this.s.items];
    for (const item of found) {
      if (this.ids.has(item.id)) continue;
      this.ids.add(item.id);
      items.push(item);
    }
    this.s = { ...this.s, items, missing: this.missingAtEnd(this.s.hasMore, items.length, this.s.total, this.s.filteredClientSide) };
    this.onChange();
  }

  /** The ids held, for a search of what is missing. */
  get heldIds(): ReadonlySet<string> {
    return this.ids;
  }

  /** Adds an item made here (a new subscriber) at the top, or replaces it in place; one change. */
  prepend(item: T): void {
    this.apply({ add: [item] });
  }

  /** Takes an item out (deleted here), in place; one change. */
  remove(id: string): void {
    this.apply({ remove: [id] });
  }

  /**
   * Changes made here, in place and in one change: `add` puts new items at the top (or replaces ones held),
   * `replace` swaps only items held, `remove` takes items out. The server's total follows.
   */
  apply(changes: { add?: readonly T[]; replace?: readonly T[]; remove?: readonly string[] }): void {
    const byId = new Map<string, T>();
    for (const item of [...(changes.add ?? []), ...(changes.replace ?? [])]) if (this.ids.has(item.id)) byId.set(item.id, item);
    const added = (changes.add ?? []).filter((i) => !this.ids.has(i.id));
    const gone = new Set((changes.remove ?? []).filter((id) => this.ids.has(id)));
    if (!byId.size && !added.length && !gone.size) return;
    for (const i of added) this.ids.add(i.id);
    for (const id of gone) this.ids.delete(id);
    const kept = this.s.items.filter((i) => !gone.has(i.id)).map((i) => byId.get(i.id) ?? i);
    const delta = added.length - gone.size;
    this.s = { ...this.s, items: [...added, ...kept], total: this.s.total === undefined ? undefined : this.s.total + delta };
    if (this.expectedTotal !== undefined) this.expectedTotal += delta;
    this.onChange();
  }

  /**
   * Forgets everything and cancels a load in flight; the next `loadMore` reads page 1. With `keepRows` the rows
   * held stay in `replaced` until page 1 arrives (a Refresh that fails must not empty the view).
   */
  reset(keepRows = false): void {
    this.generation++;
    this.abort?.abort();
    this.inflight = undefined;
    this.ids = new Set();
    this.expectedTotal = undefined;
    const replaced = keepRows && this.s.items.length ? this.s.items : keepRows ? this.s.replaced : undefined;
    this.s = { ...PagedList.empty<T>(), replaced };
    this.onChange();
  }
}
