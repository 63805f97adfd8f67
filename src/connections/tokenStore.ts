import * as vscode from 'vscode';

/**
 * Tokens in SecretStorage, one per connection id. Reads are cached so that the request path can ask for the
 * token synchronously; the cache follows changes made from other windows.
 */
export class TokenStore implements vscode.Disposable {
  private readonly cache = new Map<string, string | undefined>();
  private readonly emitter = new vscode.EventEmitter<string>();
  readonly onDidChange = this.emitter.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.sub = secrets.onDidChange(async (e) => {
      const id = TokenStore.idOf(e.key);
      if (!id) return;
      const value = await secrets.get(e.key);
      if (this.cache.get(id) === value) return; // our own write, already announced
      this.cache.set(id, value);
      this.emitter.fire(id);
    });
  }

  private static key(id: string): string {
    return `newsletter.token.${id}`;
  }

  private static idOf(key: string): string | undefined {
    return key.startsWith('newsletter.token.') ? key.slice('newsletter.token.'.length) : undefined;
  }

  async load(id: string): Promise<string | undefined> {
    if (!this.cache.has(id)) this.cache.set(id, await this.secrets.get(TokenStore.key(id)));
    return this.cache.get(id);
  }

  /** The cached token; call `load` first. */
  peek(id: string): string | undefined {
    return this.cache.get(id);
  }

  async set(id: string, token: string): Promise<void> {
    this.cache.set(id, token);
    await this.secrets.store(TokenStore.key(id), token);
    this.emitter.fire(id);
  }

  async delete(id: string): Promise<void> {
    this.cache.set(id, undefined);
    await this.secrets.delete(TokenStore.key(id));
    this.emitter.fire(id);
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}
