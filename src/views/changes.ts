import * as vscode from 'vscode';
import type { Campaign, Subscriber, SubscriberList } from '../api';
import type { Session } from '../connections/session';

/** Items a write added (or upserted), replaced or removed. */
export interface ItemChanges<T> {
  add?: readonly T[];
  replace?: readonly T[];
  remove?: readonly string[];
}

/** One write's effect, reported once (`Changes.fire`): every view, count and open card follows from it. */
export interface Change {
  /**
   * The connection the write was made on. Listeners apply a change only to that connection's views: a write that
   * ends after the person switched connection never lands in the other connection's rows.
   */
  session: Session;
  subscribers?: ItemChanges<Subscriber>;
  campaigns?: ItemChanges<Campaign>;
  /** Groups, segments or tags (each list names its kind). */
  lists?: ItemChanges<SubscriberList>;
  /** People joined or left lists: each list's count and its loaded members follow. */
  membership?: readonly Membership[];
}

export interface Membership {
  list: SubscriberList;
  /** As they were before the write (those already in a list it joins are not counted again). */
  subscribers: readonly Subscriber[];
  added: boolean;
}

/** Items being written now, and what their rows say meanwhile ("Unsubscribing…"). */
interface Writing {
  kind: 'subscriber' | 'campaign';
  ids: readonly string[];
  label: string;
}

/**
 * The one path for changes made here. A command reports a write once, after it, with what it replaced, added or
 * removed; the trees, the Lists view's counts and the open cards each listen. While a write runs, the rows it
 * touches say so.
 */
export class Changes implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Change>();
  readonly onDidChange = this.changed.event;
  private readonly shows = new Set<(w: Writing) => () => void>();

  fire(change: Change): void {
    this.changed.fire(change);
  }

  /** Whoever shows rows: marks them while a write runs, and answers how to unmark them. */
  onWriting(show: (w: Writing) => () => void): vscode.Disposable {
    this.shows.add(show);
    return { dispose: () => this.shows.delete(show) };
  }

  /** Runs a write with its rows saying so meanwhile, in every view that shows them. */
  async during<X>(writing: Writing, work: () => Thenable<X> | Promise<X>): Promise<X> {
    const undo = [...this.shows].map((show) => show(writing));
    try {
      return await work();
    } finally {
      for (const u of undo) u();
    }
  }

  dispose(): void {
    this.changed.dispose();
    this.shows.clear();
  }
}
