import { CancelledError, type Page, type Subscriber, withPriority } from '../api';

/** What a write changed, for a walk to follow. */
interface Changed {
  add?: readonly Subscriber[];
  replace?: readonly Subscriber[];
  remove?: readonly string[];
}

/**
 * Every subscriber of a connection as one walk read them, with the service's largest page, at background priority:
 * kept for the session so that a search, the import check and an export share it (a second search costs nothing).
 * A walk stopped (a search closed, a match picked, Cancel) keeps what it read and goes on from there next time.
 * Writes made here keep it current; `reset` reads it afresh. Pure: no vscode.
 */
export class SubscriberWalk {
  private held = new Map<string, Subscriber>();
  private list?: readonly Subscriber[];
  private next = 1;
  private ended = false;
  private total?: number;
  private began?: number;
  /** The page being read, shared by whoever walks at the same time. */
  private reading?: Promise<void>;

  constructor(
    private readonly fetch: (page: number, signal: AbortSignal) => Promise<Page<Subscriber>>,
    private readonly now: () => number = Date.now,
  ) {}

  get items(): readonly Subscriber[] {
    return (this.list ??= [...this.held.values()]);
  }

  /** Whether the walk reached the last page. */
  get complete(): boolean {
    return this.ended;
  }

  /** The server's total as the last page said it. */
  get serverTotal(): number | undefined {
    return this.total;
  }

  /** At the end, how many of the server's total were never listed (SendPortal's shifting order). */
  get missing(): number {
    return this.ended && this.total !== undefined ? Math.max(0, this.total - this.held.size) : 0;
  }

  /** When the oldest row held was read (how fresh the walk is); undefined before the first page. */
  get readAt(): number | undefined {
    return this.began;
  }

  /**
   * Reads on from where the walk stopped until its end, or until `signal` aborts (what was read stays). `onPage`
   * hears of every page. Rejects only with the failure of a page (a refused token, no network).
   */
  async walk(signal: AbortSignal, onPage?: () => void): Promise<void> {
    while (!this.ended && !signal.aborted) {
      if (this.reading) {
        await this.reading.catch(() => undefined);
        continue;
      }
      const reading = this.readPage(signal);
      this.reading = reading;
      try {
        await reading;
      } catch (e) {
        if (e instanceof CancelledError || signal.aborted) return;
        throw e;
      } finally {
        if (this.reading === reading) this.reading = undefined;
      }
      onPage?.();
    }
  }

  private async readPage(signal: AbortSignal): Promise<void> {
    const asked = this.next;
    this.take(asked, await withPriority('background', () => this.fetch(asked, signal)));
  }

  /** A page someone else read with the walk's own page size (an export): taken when it is the one the walk needs next. */
  offer(asked: number, page: Page<Subscriber>): void {
    if (asked === this.next && !this.ended) this.take(asked, page);
  }

  private take(asked: number, page: Page<Subscriber>): void {
    this.began ??= this.now();
    for (const x of page.items) this.held.set(x.id, x);
    this.list = undefined;
    this.total = page.total;
    this.next = Math.max(asked, page.page) + 1;
    if (!page.hasMore) this.ended = true;
  }

  /** Rows a recovery found (those the walk never listed): held like the rest. */
  addFound(found: readonly Subscriber[]): void {
    for (const x of found) this.held.set(x.id, x);
    this.list = undefined;
  }

  /** A write made here: the rows it changed, added or removed, so the walk stays what the server has. */
  apply(changed: Changed): void {
    for (const x of [...(changed.replace ?? []), ...(changed.add ?? [])]) {
      if (!this.held.has(x.id) && this.total !== undefined && changed.add?.includes(x)) this.total++;
      if (this.held.has(x.id) || changed.add?.includes(x)) this.held.set(x.id, x);
    }
    for (const id of changed.remove ?? []) if (this.held.delete(id) && this.total !== undefined) this.total--;
    this.list = undefined;
  }

  /** Forgets everything: the next walk reads from page 1. */
  reset(): void {
    this.held = new Map();
    this.list = undefined;
    this.next = 1;
    this.ended = false;
    this.total = this.began = undefined;
  }
}
