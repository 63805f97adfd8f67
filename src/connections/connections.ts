import * as vscode from 'vscode';
import type { ResponseEvent } from '../api';
import { type ConnectionProfile, destinationOf } from './profile';
import { Session, type SessionChange, idMemoryKey } from './session';
import { settings } from './settings';
import { TokenStore } from './tokenStore';

const ACTIVE_KEY = 'newsletter.activeConnection';

/** `active`: another connection (or another version of it) is active, so views start again. */
type ActiveChange = SessionChange | 'active';

/**
 * The user's connections: profiles from user-level settings, the active one's id in global state, and a Session
 * per profile with its stored token. Views and the status bar follow `onDidChange`, which speaks only of the
 * active session.
 */
export class Connections implements vscode.Disposable {
  private readonly sessions = new Map<string, { key: string; session: Session; subs: { dispose(): void }[] }>();
  private activeId?: string;
  /** The active session the views were last told about (null before the first sync). */
  private announced?: Session | null = null;
  private readonly changed = new vscode.EventEmitter<ActiveChange>();
  private readonly responded = new vscode.EventEmitter<{ profile: ConnectionProfile; event: ResponseEvent }>();
  readonly onDidChange = this.changed.event;
  /** Every response of every connection (the request log). */
  readonly onDidRespond = this.responded.event;
  /** Settles once the tokens have been read from SecretStorage (no network). */
  readonly ready: Promise<void>;
  private syncing: Promise<void>;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly memento: vscode.Memento,
    readonly tokens: TokenStore,
  ) {
    this.activeId = memento.get<string>(ACTIVE_KEY);
    this.ready = this.syncing = this.sync();
    this.disposables = [
      this.changed,
      this.responded,
      tokens.onDidChange((id) => void this.tokenChanged(id)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (settings.affectsConnections(e)) void this.queueSync();
      }),
    ];
  }

  get profiles(): ConnectionProfile[] {
    return settings.connections();
  }

  get active(): Session | undefined {
    const list = this.profiles;
    const id = list.some((p) => p.id === this.activeId) ? this.activeId : list[0]?.id;
    return id ? this.sessions.get(id)?.session : undefined;
  }

  session(id: string): Session | undefined {
    return this.sessions.get(id)?.session;
  }

  private queueSync(): Promise<void> {
    return (this.syncing = this.syncing.then(() => this.sync()));
  }

  /** Makes the sessions match the profiles; a profile whose URL, mode or timeout changed gets a new session. */
  private async sync(): Promise<void> {
    const timeoutMs = settings.requestTimeoutMs();
    const profiles = this.profiles;
    for (const [id, entry] of this.sessions) {
      if (!profiles.some((p) => p.id === id)) this.drop(id, entry);
    }
    for (const profile of profiles) {
      const key = JSON.stringify([profile, timeoutMs]);
      const entry = this.sessions.get(profile.id);
      if (entry?.key === key) continue;
      if (entry) this.drop(profile.id, entry);
      let legacy;
      try {
        legacy = destinationOf(profile);
      } catch {
        legacy = undefined;
      }
      const session = new Session(profile, await this.tokens.load(profile.id, legacy), { timeoutMs, memento: this.memento });
      const subs = [
        session.onDidChange((change) => session === this.active && this.changed.fire(change)),
        session.onDidRespond((event) => this.responded.fire({ profile, event })),
      ];
      this.sessions.set(profile.id, { key, session, subs });
    }
    this.announceActive();
  }

  /** Fires 'active' once when the active session is another than the one last announced. */
  private announceActive(): void {
    const active = this.active;
    if (active === this.announced) return;
    const first = this.announced === null;
    this.announced = active;
    if (!first) this.changed.fire('active');
  }

  private drop(id: string, entry: { subs: { dispose(): void }[] }): void {
    for (const s of entry.subs) s.dispose();
    this.sessions.delete(id);
  }

  private async tokenChanged(id: string): Promise<void> {
    await this.syncing;
    const session = this.session(id);
    const stored = await this.tokens.load(id);
    if (session && !session.holds(stored)) session.setToken(stored);
  }

  async setActive(id: string): Promise<void> {
    await this.syncing;
    this.activeId = id;
    await this.memento.update(ACTIVE_KEY, id);
    this.announceActive();
  }

  /** Saves a new profile in user settings and makes it the active one; returns it with its id. */
  async add(profile: Omit<ConnectionProfile, 'id'>): Promise<ConnectionProfile> {
    const created: ConnectionProfile = { ...profile, id: newId() };
    await settings.saveConnections([...this.profiles, created]);
    await this.queueSync();
    await this.setActive(created.id);
    return created;
  }

  async update(id: string, patch: Partial<Omit<ConnectionProfile, 'id'>>): Promise<void> {
    await settings.saveConnections(this.profiles.map((p) => (p.id === id ? { ...p, ...patch } : p)));
    await this.queueSync();
  }

  /** Removes the profile, deletes its token and forgets what its recoveries learned. */
  async remove(id: string): Promise<void> {
    await this.tokens.delete(id);
    await this.memento.update(idMemoryKey(id), undefined);
    await settings.saveConnections(this.profiles.filter((p) => p.id !== id));
    await this.queueSync();
    if (this.activeId === id) await this.setActive(this.profiles[0]?.id ?? '');
  }

  /** Stores the token bound to where the profile sends it now. */
  async setToken(id: string, token: string, proven: boolean): Promise<void> {
    const session = this.session(id);
    if (!session) return;
    const stored = { token, ...destinationOf(session.profile) };
    // Another token can be another SendPortal workspace on the same server: what was learned of its ids may not hold.
    if (!session.holds(stored)) await this.memento.update(idMemoryKey(id), undefined);
    await this.tokens.set(id, stored);
    session.setToken(stored, proven);
  }

  async clearToken(id: string): Promise<void> {
    await this.tokens.delete(id);
  }

  dispose(): void {
    for (const [id, entry] of this.sessions) this.drop(id, entry);
    for (const d of this.disposables) d.dispose();
  }
}

function newId(): string {
  return `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
