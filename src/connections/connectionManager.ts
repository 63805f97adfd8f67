import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { type NewsletterProvider, RateLimitState, type RequestLogEntry, createProvider, redact } from '../api';
import { type Connection, PROVIDER_NAMES } from './connection';
import { settings } from './settings';
import { TokenStore } from './tokenStore';

/** What we know of the active connection's token: none saved, saved but unproven, proven, refused (401). */
export type TokenState = 'missing' | 'unchecked' | 'valid' | 'invalid';

export interface RequestEvent extends RequestLogEntry {
  connectionId: string;
}

const ACTIVE_KEY = 'newsletter.activeConnection';

/**
 * Owns the connection profiles, their tokens and the client of the active one. Every request of every client
 * reports here (onDidRequest): the log, the token state and the status bar all follow from that one feed.
 */
export class ConnectionManager implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly stateChanged = new vscode.EventEmitter<TokenState>();
  private readonly requested = new vscode.EventEmitter<RequestEvent>();
  /** The active connection, its settings or its token changed: views start again from page 1. */
  readonly onDidChange = this.changed.event;
  /** What we know of the token changed (a 401, a first success): views re-render, nothing reloads. */
  readonly onDidChangeTokenState = this.stateChanged.event;
  readonly onDidRequest = this.requested.event;
  private readonly rateLimits = new Map<string, RateLimitState>();
  private cached?: { key: string; provider: NewsletterProvider };
  private state: TokenState = 'missing';
  private activeId?: string;
  /** What the views were last told about: see announce(). */
  private announced?: string;
  private readonly disposables: vscode.Disposable[] = [];

  /** Settles once the active connection's token has been read from SecretStorage (no network). */
  readonly ready: Promise<void>;

  constructor(
    private readonly memento: vscode.Memento,
    readonly tokens: TokenStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.activeId = memento.get<string>(ACTIVE_KEY);
    this.ready = this.announce();
    this.disposables.push(
      this.changed,
      this.stateChanged,
      this.requested,
      tokens.onDidChange(() => this.announce()),
      vscode.workspace.onDidChangeConfiguration((e) => settings.affectsRequests(e) && this.announce()),
    );
  }

  get connections(): Connection[] {
    return settings.connections();
  }

  get active(): Connection | undefined {
    const list = this.connections;
    return list.find((c) => c.id === this.activeId) ?? list[0];
  }

  get tokenState(): TokenState {
    return this.state;
  }

  /** The client of the active connection; throws ConfigError for a bad URL. Undefined without a connection. */
  provider(): NewsletterProvider | undefined {
    const conn = this.active;
    if (!conn) return undefined;
    const key = JSON.stringify([conn, settings.requestTimeoutMs()]);
    if (this.cached?.key !== key) this.cached = { key, provider: this.create(conn, () => this.tokens.peek(conn.id)) };
    return this.cached.provider;
  }

  /** A client for checking a candidate token before it is saved; shares the connection's rate-limit state. */
  providerWithToken(conn: Connection, token: string): NewsletterProvider {
    return this.create(conn, () => token);
  }

  private create(conn: Connection, getToken: () => string | undefined): NewsletterProvider {
    let rateLimit = this.rateLimits.get(conn.id);
    if (!rateLimit) this.rateLimits.set(conn.id, (rateLimit = new RateLimitState()));
    return createProvider({
      kind: conn.provider,
      baseUrl: conn.baseUrl,
      tokenInQuery: conn.tokenInQuery,
      getToken,
      timeoutMs: settings.requestTimeoutMs(),
      rateLimit,
      onLog: (entry) => this.onLog(conn, entry, getToken()),
    });
  }

  private onLog(conn: Connection, entry: RequestLogEntry, token: string | undefined): void {
    const rl = entry.rateLimit;
    const limit = rl.remaining !== undefined ? ` · ${rl.remaining}/${rl.limit ?? '?'} left` : '';
    const line = redact(
      `${conn.label}: ${entry.method} ${entry.path} → ${entry.status ?? 'no answer'} in ${entry.durationMs} ms${limit}` +
        `${entry.attempt > 1 ? ` (attempt ${entry.attempt})` : ''}${entry.error ? ` · ${entry.error}` : ''}`,
      token,
    );
    if (entry.status && entry.status < 400) this.log.info(line);
    else if (entry.status && entry.status < 500) this.log.warn(line);
    else this.log.error(line);

    if (conn.id === this.active?.id && entry.withToken && token === this.tokens.peek(conn.id)) {
      if (entry.status === 401) this.setState('invalid');
      else if (entry.status && entry.status < 300) this.setState('valid');
    }
    this.requested.fire({ ...entry, connectionId: conn.id });
  }

  private setState(state: TokenState): void {
    if (this.state === state) return;
    this.state = state;
    this.stateChanged.fire(state);
  }

  /**
   * Fires onDidChange once per real change of what the views show (connection, its settings, its token),
   * however many events (settings, secrets, memento) one user action causes.
   */
  private async announce(): Promise<void> {
    const conn = this.active;
    const token = conn ? await this.tokens.load(conn.id) : undefined;
    const key = JSON.stringify([conn, settings.requestTimeoutMs(), token ? createHash('sha256').update(token).digest('hex') : '']);
    if (key === this.announced) return;
    const first = this.announced === undefined;
    this.announced = key;
    this.state = token ? 'unchecked' : 'missing';
    if (!first) this.changed.fire();
  }

  async setActive(id: string): Promise<void> {
    this.activeId = id;
    await this.memento.update(ACTIVE_KEY, id);
    await this.announce();
  }

  async add(conn: Omit<Connection, 'id'>): Promise<Connection> {
    const created: Connection = { ...conn, id: newId() };
    await settings.saveConnections([...this.connections, created]);
    await this.setActive(created.id);
    return created;
  }

  /** Settings change events reload the views. */
  async rename(id: string, label: string): Promise<void> {
    await settings.saveConnections(this.connections.map((c) => (c.id === id ? { ...c, label } : c)));
  }

  /** Removes the profile and deletes its token. */
  async remove(id: string): Promise<void> {
    await this.tokens.delete(id);
    this.rateLimits.delete(id);
    await settings.saveConnections(this.connections.filter((c) => c.id !== id));
    if (this.activeId === id) await this.setActive(this.connections[0]?.id ?? '');
  }

  async setToken(id: string, token: string, proven: boolean): Promise<void> {
    await this.tokens.set(id, token);
    await this.announce();
    if (proven && id === this.active?.id) this.setState('valid');
  }

  async clearToken(id: string): Promise<void> {
    await this.tokens.delete(id);
  }

  describe(conn: Connection): string {
    return `${conn.label} (${PROVIDER_NAMES[conn.provider]})`;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function newId(): string {
  return `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
