import * as vscode from 'vscode';
import { AuthError, type Page } from '../api';
import type { ConnectionManager } from '../connections/connectionManager';
import { type ExtraNode, extraTreeItem } from './nodes';
import { PagedList } from './pagedList';

export type TreeNode<T> = { type: 'item'; item: T } | ExtraNode;

/**
 * A view over one paged API list of the active connection. Opening the view loads page 1 only; the final row
 * loads more; a change of connection or token starts again; a 401 adds a sign-in row above what was loaded.
 * With no connection or no token the view is empty so that its `viewsWelcome` content shows.
 */
export abstract class PagedTreeProvider<T extends { id: string }> implements vscode.TreeDataProvider<TreeNode<T>>, vscode.Disposable {
  readonly list: PagedList<T>;
  readonly view: vscode.TreeView<TreeNode<T>>;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  protected readonly disposables: vscode.Disposable[] = [];

  constructor(
    viewId: string,
    protected readonly manager: ConnectionManager,
    private readonly noun: string,
  ) {
    this.list = new PagedList<T>((page, signal) => this.fetch(page, signal), () => this.emitter.fire());
    this.view = vscode.window.createTreeView(viewId, { treeDataProvider: this });
    this.disposables.push(
      this.view,
      this.emitter,
      manager.onDidChange(() => this.refresh()),
      manager.onDidChangeTokenState(() => this.emitter.fire()),
    );
    // Not in the constructor's own turn: subclasses describe their filter with fields set after super().
    void manager.ready.then(() => this.updateDescription());
  }

  protected abstract fetch(page: number, signal: AbortSignal): Promise<Page<T>>;
  protected abstract itemTreeItem(item: T): vscode.TreeItem;
  protected abstract emptyText(): string;
  protected describeFilter(): string | undefined {
    return undefined;
  }

  /** Starts again from page 1 (loaded when the view asks for its rows). */
  refresh(): void {
    this.updateDescription();
    this.list.reset();
  }

  /** Shows an item made here (a new subscriber) at the top without reloading. */
  prepend(item: T): void {
    this.list.add(item);
    this.emitter.fire();
  }

  protected updateDescription(): void {
    const conn = this.manager.active;
    this.view.description = [conn?.label, this.describeFilter()].filter(Boolean).join(' · ') || undefined;
  }

  getTreeItem(node: TreeNode<T>): vscode.TreeItem {
    return node.type === 'item' ? this.itemTreeItem(node.item) : extraTreeItem(node);
  }

  async getChildren(node?: TreeNode<T>): Promise<TreeNode<T>[]> {
    await this.manager.ready;
    if (node || !this.manager.active || this.manager.tokenState === 'missing') return [];
    if (!this.list.started) await this.list.loadMore();
    const { list } = this;
    const rows: TreeNode<T>[] = [];
    if (this.manager.tokenState === 'invalid') rows.push({ type: 'signIn' });
    for (const item of list.items) rows.push({ type: 'item', item });
    if (list.error instanceof AuthError) return rows; // the sign-in row says it all
    if (list.error !== undefined) rows.push({ type: 'error', list, error: list.error });
    else if (list.hasMore || list.loading) rows.push({ type: 'loadMore', list, noun: this.noun });
    else if (!list.items.length && list.error === undefined) rows.push({ type: 'message', text: this.emptyText(), icon: 'info' });
    return rows;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
