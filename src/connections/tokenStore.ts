import type * as vscode from 'vscode';
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
  private readonly listeners = new Set<(id: string) => void>();
  private readonly sub: vscode.Disposable;
  /**
   * Our own writes, counted per id. A read of SecretStorage that one of them overtook is stale: a change event for
   * a token saved a moment ago, read after Clear API Token began, must not bring the cleared token back.
   */
  private readonly writes = new Map<string, number>();

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.sub = secrets.onDidChange(async (e) => {
      if (!e.key.startsWith(PREFIX)) return;
      const id = e.key.slice(PREFIX.length);
      const before = this.writes.get(id);
      const value = parse(await secrets.get(e.key));
      if (this.writes.get(id) !== before) return; // one of our writes came meanwhile: it is newer than this read
      if (JSON.stringify(this.cache.get(id)) === JSON.stringify(value)) return; // our own write, already announced
      this.cache.set(id, value);
      this.fire(id);
    });
  }

  /** Fires the connection id whose token changed. (No vscode at run time: a unit test gives it a SecretStorage.) */
  onDidChange(listener: (id: string) => void): vscode.Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /**
   * The stored token of `id`. A token saved by an earlier version (a bare string, bound to nothing) is bound to
   * `legacyDestination`, the user-level profile's, and stored again.
   */
  async load(id: string, legacyDestination?: TokenDestination): Promise<StoredToken | undefined> {
    if (!this.cache.has(id)) {
      const before = this.writes.get(id);
      const raw = await this.secrets.get(PREFIX + id);
      if (this.writes.get(id) !== before) return this.cache.get(id); // overtaken by one of our writes
      const legacy = !parse(raw) && raw && !raw.startsWith('{') ? legacyDestination : undefined;
      const value = legacy && raw ? { token: raw, ...legacy } : parse(raw);
      this.cache.set(id, value);
      if (legacy) {
        this.wrote(id);
        await this.secrets.store(PREFIX + id, JSON.stringify(value));
      }
    }
    return this.cache.get(id);
  }

  async set(id: string, value: StoredToken): Promise<void> {
    this.wrote(id);
    this.cache.set(id, value);
    await this.secrets.store(PREFIX + id, JSON.stringify(value));
    this.fire(id);
  }

  async delete(id: string): Promise<void> {
    this.wrote(id);
    this.cache.set(id, undefined);
    await this.secrets.delete(PREFIX + id);
    this.fire(id);
  }

  private fire(id: string): void {
    for (const l of [...this.listeners]) l(id);
  }

  private wrote(id: string): void {
    this.writes.set(id, (this.writes.get(id) ?? 0) + 1);
  }

  dispose(): void {
    this.sub.dispose();
    this.listeners.clear();
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
