/** What a paged view is made of: its rows, and the source that fetches and draws its items. */
import type * as vscode from 'vscode';
import type { FindMissingOptions, NewsletterProvider, Page } from '../api';
import type { StatusRow } from './rows';

/** A range of 1,000 loaded rows ("1–1,000"): long lists are grouped so that a load refreshes one group, not the root. */
export type RangeRow = { type: 'range'; index: number };
export type Row<T> = { type: 'item'; item: T } | RangeRow | StatusRow;

/**
 * Rows per range group. VS Code converts and diffs every row of an element it refreshes: at 10,000 rows a root
 * refresh per "Load more" cost 300 ms and kept memory per converted row; a load inside the last group refreshes
 * only that group. Lists up to this long are not grouped.
 */
export const GROUP_SIZE = 1000;

/** What makes one paged view: how to fetch a page and how to show an item. */
export interface PagedSource<T> {
  readonly viewId: string;
  /** "subscribers", for tooltips. */
  readonly noun: string;
  fetch(provider: NewsletterProvider, page: number, signal: AbortSignal): Promise<Page<T>>;
  /** The row without its tooltip, cheap: it is built for every row on every render. */
  toTreeItem(item: T, connectionId: string): vscode.TreeItem;
  /** Built only when the row is hovered; plain text, never markdown (see subscriberTooltip). */
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

