/** What a paged view is made of: its rows, and the source that fetches and draws its items. */
import type * as vscode from 'vscode';
import type { FindMissingOptions, NewsletterProvider, Page } from '../api';
import type { RangeRow } from './pagedParent';
import type { StatusRow } from './rows';

export type Row<T> = { type: 'item'; item: T } | RangeRow | StatusRow;

/** What makes one paged view: how to fetch a page and how to show an item. */
export interface PagedSource<T> {
  readonly viewId: string;
  /** What its rows are, for the changes and writes it follows. */
  readonly kind: 'subscriber' | 'campaign';
  /** "subscribers", for tooltips. */
  readonly noun: string;
  fetch(provider: NewsletterProvider, page: number, signal: AbortSignal): Promise<Page<T>>;
  /** The row without its tooltip, cheap: it is built for every row on every render. */
  toTreeItem(item: T, connectionId: string): vscode.TreeItem;
  /** Built only when the row is hovered; plain text, never markdown (see subscriberTooltip). */
  tooltip(item: T): string;
  emptyText(): string;
  /** Whether a new item (one a write made) belongs in the view as filtered now; every one when left out. */
  shows?(item: T): boolean;
  /** A filter or sort to name in the view's description. */
  describe?(): string | undefined;
  /** The command that loads the view again. */
  readonly refreshCommand: string;
  /** Whether rows can be selected together (for commands on many). */
  readonly canSelectMany?: boolean;
  /** Looks up the items a full walk missed, where the service allows it. */
  findMissing?(
    provider: NewsletterProvider,
    held: ReadonlySet<string>,
    missing: number,
    opts: FindMissingOptions,
  ): Promise<T[]> | undefined;
}
