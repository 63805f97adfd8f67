import {
  type IdMemory,
  type IdMemoryStore,
  type NewsletterProvider,
  type ProviderDescriptor,
  RateLimitState,
  type ResponseEvent,
  type RetryPolicy,
  createProvider,
  descriptorOf,
  redact,
} from '../api';
import { SubscriberWalk } from '../paging/subscriberWalk';
import { type ConnectionProfile, destinationOf, sameDestination } from './profile';
import type { StoredToken } from './tokenStore';

/**
 * What we know of a connection's token: none saved; saved for another destination than the profile now names
 * (nothing is sent); saved but unproven; proven by a 2xx; refused by a 401.
 */
export type TokenState = 'missing' | 'moved' | 'unchecked' | 'valid' | 'invalid';

/** `client`: the token or profile changed, so what was loaded is stale. `tokenState`: re-render. `response`: an answer came. */
export type SessionChange = 'client' | 'tokenState' | 'response';

type Listener<T> = (value: T) => void;

interface SessionOptions {
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Where what this connection's recoveries learned is kept across sessions (the extension's global storage). */
  memento?: Pick<Memento, 'get' | 'update'>;
}

interface Memento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/** The key of a connection's id memory (removed with the connection). */
export const idMemoryKey = (connectionId: string) => `newsletter.ids.${connectionId}`;

/**
 * One connection at work: its client, its rate-limit state and its token state, all fed by the client's response
 * events. The token goes only where it was saved for: when the profile's origin or token mode no longer match the
 * stored token's, the client is built without it.
 */
export class Session {
  readonly rateLimit = new RateLimitState();
  readonly descriptor: ProviderDescriptor;
  /** Every subscriber as a walk with the largest page read them: shared by search, the import check and export. */
  readonly walk = new SubscriberWalk((page, signal) =>
    this.provider().listSubscribers(page, { limit: this.descriptor.pageSize.bulk, signal }),
  );
  /**
   * What recoveries learned of the server's ids, for this connection at the server it names now (a memory of
   * another URL is not read). Ids only; never the token.
   */
  readonly ids: IdMemoryStore = {
    read: () => {
      const kept = this.options.memento?.get<{ where: string; memory: IdMemory }>(idMemoryKey(this.profile.id));
      return kept?.where === this.where ? kept.memory : undefined;
    },
    write: (memory) => void this.options.memento?.update(idMemoryKey(this.profile.id), { where: this.where, memory }),
  };
  private state: TokenState;
  private current?: NewsletterProvider;
  private readonly changeListeners = new Set<Listener<SessionChange>>();
  private readonly responseListeners = new Set<Listener<ResponseEvent>>();

  constructor(
    readonly profile: Readonly<ConnectionProfile>,
    private stored: StoredToken | undefined,
    private readonly options: SessionOptions = {},
  ) {
    this.descriptor = descriptorOf(profile.provider);
    this.state = this.initialState();
  }

  get tokenState(): TokenState {
    return this.state;
  }

  private get where(): string {
    return `${this.profile.provider} ${this.profile.baseUrl ?? ''}`;
  }

  /** The host the profile points at now, or undefined when its URL is not usable. */
  get host(): string | undefined {
    try {
      return new URL(destinationOf(this.profile).origin).host;
    } catch {
      return undefined;
    }
  }

  /** `text` with this connection's saved token taken out (a server may echo it into a field we write to disk). */
  redact(text: string): string {
    return redact(text, this.stored?.token);
  }

  /** The token this session may send, or undefined (none, or saved for another destination). */
  private get token(): string | undefined {
    return this.state === 'missing' || this.state === 'moved' ? undefined : this.stored?.token;
  }

  private initialState(): TokenState {
    if (!this.stored) return 'missing';
    let matches = false;
    try {
      matches = sameDestination(this.stored, destinationOf(this.profile));
    } catch {
      /* a bad URL: the client will say so */
    }
    return matches ? 'unchecked' : 'moved';
  }

  /** The client of this connection; throws ConfigError for a bad URL. */
  provider(): NewsletterProvider {
    if (!this.current) {
      const token = this.token;
      const provider = this.make(token, (e) => {
        if (this.current !== provider) return; // an answer to a token that was replaced meanwhile
        if (e.withToken && e.status === 401) this.setState('invalid');
        else if (e.withToken && e.status !== undefined && e.status < 300) this.setState('valid');
        this.fire('response');
      });
      this.current = provider;
    }
    return this.current;
  }

  /** A client that checks a candidate token before it is saved; shares this connection's rate limit. */
  candidate(token: string): NewsletterProvider {
    return this.make(token, () => undefined);
  }

  private make(token: string | undefined, onResponse: Listener<ResponseEvent>): NewsletterProvider {
    return createProvider({
      kind: this.profile.provider,
      baseUrl: this.profile.baseUrl,
      tokenInQuery: this.profile.tokenInQuery,
      token,
      timeoutMs: this.options.timeoutMs,
      retry: this.options.retry,
      rateLimit: this.rateLimit,
      // The log and the status bar's observations first, then this session's state and its change event.
      onResponse: (e) => {
        for (const l of this.responseListeners) l(e);
        onResponse(e);
      },
    });
  }

  /** Whether `stored` is the token this session already has. */
  holds(stored: StoredToken | undefined): boolean {
    return JSON.stringify(stored) === JSON.stringify(this.stored);
  }

  /** A new (or no) token: a new client; `proven` when a call just showed it works. */
  setToken(stored: StoredToken | undefined, proven = false): void {
    this.stored = stored;
    this.current = undefined;
    this.rateLimit.clear();
    this.state = this.initialState();
    if (proven && this.state === 'unchecked') this.state = 'valid';
    this.fire('client');
  }

  private setState(state: TokenState): void {
    if (this.state === state) return;
    this.state = state;
    this.fire('tokenState');
  }

  onDidChange(listener: Listener<SessionChange>): { dispose(): void } {
    this.changeListeners.add(listener);
    return { dispose: () => this.changeListeners.delete(listener) };
  }

  /** Every response of this connection's clients, the candidate checks included (for the log). */
  onDidRespond(listener: Listener<ResponseEvent>): { dispose(): void } {
    this.responseListeners.add(listener);
    return { dispose: () => this.responseListeners.delete(listener) };
  }

  private fire(change: SessionChange): void {
    for (const l of this.changeListeners) l(change);
  }
}
