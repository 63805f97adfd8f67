import * as vscode from 'vscode';
import type { Connections } from '../connections/connections';

/**
 * One value kept per connection in a memento (a view's filter or order), surviving reloads; `onDidChange` fires
 * when it is set. The key is `newsletter.<name>.<connection id>`.
 */
export class PerConnection<T> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly memento: vscode.Memento,
    protected readonly connections: Connections,
    private readonly name: string,
  ) {}

  private key(): string {
    return `newsletter.${this.name}.${this.connections.active?.profile.id}`;
  }

  protected get stored(): T | undefined {
    return this.memento.get<T>(this.key());
  }

  protected async store(value: T | undefined): Promise<void> {
    await this.memento.update(this.key(), value);
    this.changed.fire();
  }
}
