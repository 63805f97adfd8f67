import { CancelledError, type Page } from '../api';

/**
 * The loaded part of a paged API list: pages are appended on demand, items de-duplicated by id, concurrent
 * loads merged into one, and a failure kept beside the items already loaded. `reset` starts again from page 1.
 */
export class PagedList<T extends { id: string }> {
  items: T[] = [];
  total?: number;
  perPage?: number;
  hasMore = true;
  /** The server's page that was last loaded (a client-side filter may show fewer items than it held). */
  pagesLoaded = 0;
  lastPage?: number;
  filteredClientSide = false;
  error?: unknown;
  private ids = new Set<string>();
  private inflight?: Promise<void>;
  private generation = 0;
  private abort?: AbortController;

  constructor(
    private readonly fetchPage: (page: number, signal: AbortSignal) => Promise<Page<T>>,
    private readonly changed: () => void,
  ) {}

  get loading(): boolean {
    return this.inflight !== undefined;
  }

  get started(): boolean {
    return this.pagesLoaded > 0 || this.loading || this.error !== undefined;
  }

  /** Loads the next page; a second call while one is loading gets the same promise. Never rejects. */
  loadMore(): Promise<void> {
    if (this.inflight) return this.inflight;
    if (!this.hasMore && this.error === undefined) return Promise.resolve();
    const generation = this.generation;
    const abort = (this.abort = new AbortController());
    this.error = undefined;
    this.inflight = Promise.resolve()
      .then(() => this.fetchPage(this.pagesLoaded + 1, abort.signal))
      .then(
        (page) => {
          if (generation !== this.generation) return;
          for (const item of page.items) this.add(item, false);
          this.pagesLoaded = page.page;
          this.total = page.total;
          this.perPage = page.perPage;
          this.lastPage = page.lastPage;
          this.hasMore = page.hasMore;
          this.filteredClientSide = !!page.filteredClientSide;
        },
        (e) => {
          if (generation === this.generation && !(e instanceof CancelledError)) this.error = e;
        },
      )
      .finally(() => {
        if (generation !== this.generation) return;
        this.inflight = undefined;
        this.changed();
      });
    this.changed();
    return this.inflight;
  }

  /** Adds or replaces one item (a new subscriber) without reloading. */
  add(item: T, atTop = true): void {
    if (this.ids.has(item.id)) {
      this.items = this.items.map((i) => (i.id === item.id ? item : i));
      return;
    }
    this.ids.add(item.id);
    if (atTop) {
      this.items.unshift(item);
      if (this.total !== undefined) this.total++;
    } else this.items.push(item);
  }

  reset(): void {
    this.generation++;
    this.abort?.abort();
    this.items = [];
    this.ids = new Set();
    this.pagesLoaded = 0;
    this.total = this.perPage = this.lastPage = undefined;
    this.hasMore = true;
    this.filteredClientSide = false;
    this.error = undefined;
    this.inflight = undefined;
    this.changed();
  }
}
