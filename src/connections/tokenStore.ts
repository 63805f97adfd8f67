import * as vscode from 'vscode';
import type { TokenDestination } from './profile';

/** A token and where it may be sent. */
export interface StoredToken extends TokenDestination {
  token: string;
}

const PREFIX = 'newsletter.token.';

/**
 * Tokens in SecretStorage, one per connection id, each stored with the destination it was saved for. Reads are
 * cached so that the request path can ask synchronously; the cache follows changes made from other windows.
 */
export class TokenStore implements vscode.Disposable {
  private readonly cache = new Map<string, StoredToken | undefined>();
  private readonly emitter = new vscode.EventEmitter<string>();
  /** Fires the connection id whose token changed. */
  readonly onDidChange = this.emitter.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.sub = secrets.onDidChange(async (e) => {
      if (!e.key.startsWith(PREFIX)) return;
      const id = e.key.slice(PREFIX.length);
      const value = parse(await secrets.get(e.key));
      if (JSON.stringify(this.cache.get(id)) === JSON.stringify(value)) return; // our own write, already announced
      this.cache.set(id, value);
      this.emitter.fire(id);
    });
  }

  /**
   * The stored token of `id`. A token saved by an earlier version (a bare string, bound to nothing) is bound to
   * `legacyDestination`, the user-level profile's, and stored again.
   */
  async load(id: string, legacyDestination?: TokenDestination): Promise<StoredToken | undefined> {
    if (!this.cache.has(id)) {
      const raw = await this.secrets.get(PREFIX + id);
      let value = parse(raw);
      if (!value && raw && !raw.startsWith('{') && legacyDestination) {
        value = { token: raw, ...legacyDestination };
        await this.secrets.store(PREFIX + id, JSON.stringify(value));
      }
      this.cache.set(id, value);
    }
    return this.cache.get(id);
  }

  async set(id: string, value: StoredToken): Promise<void> {
    this.cache.set(id, value);
    await this.secrets.store(PREFIX + id, JSON.stringify(value));
    this.emitter.fire(id);
  }

  async delete(id: string): Promise<void> {
    this.cache.set(id, undefined);
    await this.secrets.delete(PREFIX + id);
    this.emitter.fire(id);
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}

function parse(raw: string | undefined): StoredToken | undefined {
  if (!raw?.startsWith('{')) return undefined;
  try {
    const v = JSON.parse(raw) as StoredToken;
    return typeof v.token === 'string' && typeof v.origin === 'string'
      ? { token: v.token, origin: v.origin, tokenInQuery: !!v.tokenInQuery }
      : undefined;
  } catch {
    return undefined;
  }
}
