/**
 * The sandbox API server: look-alikes of Sender v2 (`/v2/…`) and SendPortal v1 (`/api/v1/…`) on 127.0.0.1,
 * with auth, Laravel pagination, rate limits with their headers, expiring tokens and fault injection.
 * Control endpoints under `/__sandbox/` let tests in another process steer it.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type IdGaps, type Rec, SANDBOX_ORIGIN, SENDER_FIELDS, SENDPORTAL_TAGS, plainTime, SENDPORTAL_TEMPLATES, sendPortalCampaigns, sendPortalSubscribers, senderCampaigns, senderSubscribers } from './data';
import type { Workspace } from './rules';
import { dispatchDue, sendPortalCampaignRoutes, senderCampaignRoutes, senderEventsRoute, senderReportRoute, withoutTags } from './campaigns';
import { senderDraftRoute, sendPortalAuthoringRoutes } from './authoring';
import { type ListData, type Reply, SENDER_GROUPS, seedTagMembers, sendPortalListRoutes, senderListRoutes, subscriberTags } from './lists';

export type Provider = 'sender' | 'sendportal';

export type FaultKind =
  | 'latency' // wait `ms`, then answer normally
  | 'status' // answer `status` with a JSON error body
  | 'html' // answer `status` (default 502) with an HTML page
  | 'malformed' // 200, JSON content type, broken JSON
  | 'noData' // 200, a list without `data`
  | 'metaString' // 200, `meta` is a string
  | 'itemsNotObjects' // 200, `data` holds numbers
  | 'big' // 200, a valid page padded to about 5 MB
  | 'reset' // destroy the connection without an answer
  | 'tooMany' // 429; `retryAfter` seconds, or none when it is null
  | 'unauthorizedHtml' // 401 as text/html "Unauthorized."
  | 'raw'; // `status`, `body` and `headers` exactly as given (fuzzing)

export interface Fault {
  kind: FaultKind;
  provider?: Provider;
  /** Only requests whose path contains this. */
  path?: string;
  /** Only requests whose query contains this ("page=": a list's pages, not the status bar's `?limit=1` checks). */
  query?: string;
  /** Only requests with this method. */
  method?: string;
  /** Only requests whose path (after /v2 or /api/v1) matches this regular expression, e.g. `^/subscribers/[^/]+$`. */
  pattern?: string;
  /** How many matching requests pass untouched before it starts. */
  after?: number;
  /** How many requests it hits; default 1. */
  times?: number;
  ms?: number;
  status?: number;
  retryAfter?: number | null;
  /** For tooMany: send Retry-After as an HTTP date instead of seconds. */
  retryAfterDate?: boolean;
  /** For raw. */
  body?: string;
  headers?: Record<string, string>;
}

export interface RateLimitConfig {
  limit: number;
  windowMs: number;
  /**
   * How much one request counts. SendPortal with SENDPORTAL_THROTTLE_MIDDLEWARE set to anything but the default
   * applies two throttles sharing one counter: Remaining drops by 2 per request [seen, real SendPortal 2.0.4].
   */
  cost?: number;
}

export interface SandboxOptions {
  /** Subscribers per service (default 2,500). */
  subscribers?: number;
  /**
   * SendPortal ids with gaps, as a real database has after deletions: `true` or `runs`, runs of 10 then 15 ids never
   * used; `random`, about 70 % of ids deleted one by one; `clustered`, deleted in stretches of 20 to 400.
   */
  sparseIds?: boolean | IdGaps;
  port?: number;
  rateLimit?: Partial<Record<Provider, RateLimitConfig>>;
}

export interface SandboxStats {
  requests: Record<Provider, number>;
  tooMany: Record<Provider, number>;
  byPath: Record<string, number>;
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** When it arrived (epoch ms, the sandbox's clock). */
  at: number;
  /** Its place among every request the sandbox has seen (never reset): a test's mark is a number, not a time. */
  seq: number;
}

export const TOKENS = {
  sender: 'sender-sandbox-token-4f9a1c2e7b',
  sendportal: 'sp-sandbox-token-9w2fN7d4F3Banyv7gihYOWJEH',
  senderExpired: 'sender-expired-token-0000000000',
  sendportalExpired: 'sp-expired-token-000000000000000',
};

interface Bucket {
  count: number;
  startedAt: number;
}

interface TokenInfo {
  provider: Provider;
  expiresAt?: number;
}

export class Sandbox {
  private server!: http.Server;
  private readonly sockets = new Set<Socket>();
  private faults: Fault[] = [];
  private readonly tokens = new Map<string, TokenInfo>();
  private buckets = new Map<string, Bucket>();
  private limits: Record<Provider, RateLimitConfig>;
  private data!: ListData & { senderCamps: Rec[]; spTemplates: Rec[] };
  private minted = 0;
  stats: SandboxStats = Sandbox.emptyStats();
  /** What the last Sender POST /subscribers asked for `trigger_automation` (Sender's default is true). */
  lastTriggerAutomation?: boolean;
  /** The body of the last API request that had one, as sent. */
  lastBody?: string;
  /** The bodies of the last 50 API requests, newest first. */
  lastBodies: string[] = [];
  /** The latest requests, newest last, for tests that check what the client sent. */
  readonly seen: SeenRequest[] = [];
  /** How many requests have arrived since the sandbox started (a reset keeps counting). */
  private arrived = 0;
  port = 0;

  constructor(private readonly options: SandboxOptions = {}) {
    this.limits = { sender: { limit: 60, windowMs: 60_000 }, sendportal: { limit: 60, windowMs: 60_000 }, ...options.rateLimit } as Record<Provider, RateLimitConfig>;
    this.reset();
  }

  private static emptyStats(): SandboxStats {
    return { requests: { sender: 0, sendportal: 0 }, tooMany: { sender: 0, sendportal: 0 }, byPath: {} };
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get senderUrl(): string {
    return `${this.origin}/v2/`;
  }
  get sendPortalUrl(): string {
    return this.origin;
  }

  async start(port = this.options.port ?? 0): Promise<this> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e) => {
        if (!res.headersSent) send(res, 500, { message: `sandbox bug: ${String(e)}` });
      });
    });
    this.server.keepAliveTimeout = 5000;
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.showOwnImages();
    return this;
  }

  /** The demo's campaigns show images this server serves (/media/…): their HTML names its origin, known once it listens. */
  private showOwnImages(): void {
    if (!this.port) return;
    const own = (html: unknown) => (typeof html === 'string' ? html.replaceAll(SANDBOX_ORIGIN, this.origin) : html);
    for (const c of this.data.senderCamps) {
      const html = c.html as Rec | undefined;
      if (html) Object.assign(html, { html_content: own(html.html_content), html_body: own(html.html_body) });
    }
    for (const c of this.data.spCamps) c.content = own(c.content);
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Everything back to the seeded state: data, tokens, faults, rate limits and stats. */
  reset(): void {
    const n = this.options.subscribers;
    const spSubs = sendPortalSubscribers(3, n, this.options.sparseIds);
    this.data = {
      senderSubs: senderSubscribers(1, n),
      senderCamps: senderCampaigns(),
      senderGroups: SENDER_GROUPS.map((g) => ({ ...g })),
      spSubs,
      spCamps: sendPortalCampaigns(),
      spTags: SENDPORTAL_TAGS.map((t) => ({ ...t })),
      spMembers: seedTagMembers(spSubs),
      spTemplates: SENDPORTAL_TEMPLATES.map((t) => ({ ...t })),
    };
    this.showOwnImages();
    this.tokens.clear();
    this.tokens.set(TOKENS.sender, { provider: 'sender' });
    this.tokens.set(TOKENS.sendportal, { provider: 'sendportal' });
    this.tokens.set(TOKENS.senderExpired, { provider: 'sender', expiresAt: 0 });
    this.tokens.set(TOKENS.sendportalExpired, { provider: 'sendportal', expiresAt: 0 });
    this.faults = [];
    this.buckets.clear();
    this.stats = Sandbox.emptyStats();
    this.seen.length = 0;
    this.limits = { sender: { limit: 60, windowMs: 60_000 }, sendportal: { limit: 60, windowMs: 60_000 }, ...this.options.rateLimit } as Record<Provider, RateLimitConfig>;
  }

  addFaults(...faults: Fault[]): void {
    for (const f of faults) this.faults.push({ ...f, times: f.times ?? 1 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** A campaign changed as its service's web app would change it (tests: "edited elsewhere" since a row was loaded). */
  editCampaign(provider: Provider, id: string, fields: Rec): void {
    const camps = provider === 'sender' ? this.data.senderCamps : this.data.spCamps;
    const camp = camps.find((c) => String(c.id) === id);
    if (!camp) throw new Error(`no ${provider} campaign ${id}`);
    Object.assign(camp, fields);
  }

  setRateLimit(provider: Provider, config: RateLimitConfig): void {
    this.limits[provider] = config;
    this.buckets.clear();
  }

  /** A new valid token for `provider` that stops working after `ttlMs`. */
  mintToken(provider: Provider, ttlMs?: number): string {
    const token = `${provider}-minted-${++this.minted}-${Math.random().toString(36).slice(2, 12)}`;
    this.tokens.set(token, { provider, expiresAt: ttlMs === undefined ? undefined : Date.now() + ttlMs });
    return token;
  }

  /** Paths under /__probe/ that something fetched (tests: did a preview load an image, did a script run?). */
  readonly probes: string[] = [];

  /** Changes a campaign's fields (tests: hostile content). */
  /** A campaign as the sandbox holds it now, by title (tests check what a write really did). */
  campaign(provider: Provider, title: string): Rec | undefined {
    return (provider === 'sender' ? this.data.senderCamps : this.data.spCamps).find((c) => (c.title ?? c.name) === title);
  }

  patchCampaign(provider: Provider, id: string, fields: Rec): void {
    const camp = (provider === 'sender' ? this.data.senderCamps : this.data.spCamps).find((c) => String(c.id) === id);
    if (!camp) throw new Error(`no campaign ${id}`);
    Object.assign(camp, fields);
  }

  expireToken(token: string): void {
    const t = this.tokens.get(token);
    if (t) t.expiresAt = 0;
  }

  private takeFault(provider: Provider, method: string, path: string, query: string): Fault | undefined {
    const i = this.faults.findIndex(
      (f) =>
        (!f.provider || f.provider === provider) && (!f.path || path.includes(f.path)) && (!f.query || query.includes(f.query)) &&
        (!f.method || f.method === method) && (!f.pattern || new RegExp(f.pattern).test(path)),
    );
    if (i < 0) return undefined;
    const f = this.faults[i];
    if (f.after && f.after-- > 0) return undefined;
    if (--f.times! <= 0) this.faults.splice(i, 1);
    return f;
  }

  /** Routing: control endpoints, then per request: faults that act before anything, the rate limit, faults, auth, the API. */
  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const body = await readBody(req);
    if (!url.pathname.startsWith('/__sandbox/') && body !== undefined) {
      this.lastBody = JSON.stringify(body);
      this.lastBodies = [this.lastBody, ...this.lastBodies.slice(0, 49)];
    }
    if (url.pathname.startsWith('/__sandbox/')) return this.control(url, req.method ?? 'GET', body, res);
    if (url.pathname.startsWith('/media/')) return sendMedia(res, url.pathname);
    if (url.pathname.startsWith('/__probe/')) {
      this.probes.push(url.pathname);
      // A 1×1 GIF for *.gif, else 404 (an image that fails, to tempt an onerror handler).
      if (!url.pathname.endsWith('.gif')) return send(res, 404, { message: 'Not found' });
      res.writeHead(200, { 'Content-Type': 'image/gif', 'Cache-Control': 'no-store' });
      res.end(Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64'));
      return;
    }

    const provider: Provider | undefined = url.pathname.startsWith('/v2/') ? 'sender' : url.pathname.startsWith('/api/v1/') ? 'sendportal' : undefined;
    if (!provider) return send(res, 404, { message: 'Not found' });
    if (provider === 'sendportal') dispatchDue(this.data.spCamps, this.data.spSubs.length);
    const path = provider === 'sender' ? url.pathname.slice(3) : url.pathname.slice(7);
    this.record(req, provider, path);
    const wantsJson = /application\/json/.test(req.headers.accept ?? '');

    const fault = this.takeFault(provider, req.method ?? 'GET', path, url.search);
    if (fault?.kind === 'latency') await new Promise((r) => setTimeout(r, fault.ms ?? 1000));
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    const token = bearer(req, provider) ?? (provider === 'sendportal' ? url.searchParams.get('api_token') ?? undefined : undefined);
    const window = this.charge(provider, req, token);
    if (window.exceeded) return this.tooMany(res, provider, window, window.retrySecs, wantsJson);
    if (fault?.kind === 'tooMany') return this.tooMany(res, provider, window, fault.retryAfter === undefined ? 1 : fault.retryAfter, wantsJson, fault.retryAfterDate);
    if (fault && injectFault(res, fault, window.headers)) return;

    if (provider === 'sendportal' && path === '/ping') return sendRaw(res, 200, 'text/html; charset=UTF-8', 'ok', window.headers);
    if (!this.authenticated(token, provider)) {
      // SendPortal's API guard answers a plain `Unauthorized.` even when JSON is asked for [seen].
      if (provider === 'sendportal') return sendRaw(res, 401, 'text/html; charset=UTF-8', 'Unauthorized.', window.headers);
      return send(res, 401, { message: 'Unauthenticated.' }, window.headers);
    }
    const ctx: RouteContext = { req, res, url, path, body, headers: window.headers, wantsJson, big: fault?.kind === 'big' };
    return provider === 'sender' ? this.sender(ctx) : this.sendPortal(ctx);
  }

  private record(req: http.IncomingMessage, provider: Provider, path: string): void {
    this.seen.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, at: Date.now(), seq: ++this.arrived });
    if (this.seen.length > 200) this.seen.shift();
    this.stats.requests[provider]++;
    const key = `${req.method} ${provider}${path}`;
    this.stats.byPath[key] = (this.stats.byPath[key] ?? 0) + 1;
  }

  /**
   * Counts the request in its window. SendPortal counts every request per client address (ping and 401s too);
   * Sender per token. Every answer carries Limit and Remaining; Sender also its reset as an ISO date to the second.
   */
  private charge(provider: Provider, req: http.IncomingMessage, token: string | undefined): RateWindow {
    const rl = this.limits[provider];
    const key = provider === 'sendportal' ? `sp:${req.socket.remoteAddress}` : `s:${token ?? 'anon'}`;
    const now = Date.now();
    let bucket = this.buckets.get(key);
    if (!bucket || now >= bucket.startedAt + rl.windowMs) {
      // Laravel's throttle (SendPortal) starts a window at the whole second of its first request: its timer is
      // `time() + decaySeconds` (Illuminate\Cache\RateLimiter::hit, availableAt()).
      bucket = { count: 0, startedAt: provider === 'sendportal' ? Math.floor(now / 1000) * 1000 : now };
      this.buckets.set(key, bucket);
    }
    bucket.count += rl.cost ?? 1;
    const resetAt = bucket.startedAt + rl.windowMs;
    const headers: Record<string, string> = { 'X-RateLimit-Limit': String(rl.limit), 'X-RateLimit-Remaining': String(Math.max(0, rl.limit - bucket.count)) };
    if (provider === 'sender') headers['X-RateLimit-Reset'] = isoSeconds(resetAt);
    // Laravel: Retry-After = availableIn() = the timer minus time(), both whole seconds.
    const retrySecs = provider === 'sendportal' ? Math.max(0, Math.round((resetAt - Math.floor(now / 1000) * 1000) / 1000)) : Math.max(1, Math.ceil((resetAt - now) / 1000));
    return { headers, exceeded: bucket.count > rl.limit, retrySecs, resetAt };
  }

  /** A 429 names its end in Retry-After and X-RateLimit-Reset; with `retryAfter: null` it names none. */
  private tooMany(res: http.ServerResponse, provider: Provider, window: RateWindow, retryAfter: number | null, wantsJson: boolean, asDate = false): void {
    this.stats.tooMany[provider]++;
    const h: Record<string, string> = { ...window.headers, 'X-RateLimit-Remaining': '0' };
    delete h['X-RateLimit-Reset'];
    if (retryAfter !== null) {
      const until = window.exceeded ? window.resetAt : Date.now() + retryAfter * 1000;
      h['Retry-After'] = asDate ? new Date(until).toUTCString() : String(retryAfter);
      h['X-RateLimit-Reset'] = provider === 'sender' ? isoSeconds(until) : String(Math.ceil(until / 1000));
    }
    if (provider === 'sendportal' && !wantsJson) return sendHtml(res, 429, 'Too Many Requests', h);
    return send(res, 429, { message: 'Too Many Attempts.' }, h);
  }

  private authenticated(token: string | undefined, provider: Provider): boolean {
    const info = token ? this.tokens.get(token) : undefined;
    return !!info && info.provider === provider && (info.expiresAt === undefined || info.expiresAt > Date.now());
  }

  private sender(c: RouteContext): void {
    const { url, path, headers } = c;
    const method = c.req.method;
    const limitParam = url.searchParams.get('limit');
    if (limitParam !== null && !/^\d+$/.test(limitParam)) return send(c.res, 400, { success: false, message: 'The limit must be a number.' }, headers);
    const limit = Math.min(1000, Math.max(1, Number(limitParam ?? 10)));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const listReply = senderListRoutes(
      { method: method ?? 'GET', path, body: c.body, page, limit, paginate: (all, p, per, at) => paginate(all, p, per, at, false, String(per)) },
      this.data,
    );
    if (listReply) return reply(c, listReply);
    const actionReply =
      senderCampaignRoutes(method ?? 'GET', path, c.body, this.data.senderCamps) ??
      senderDraftRoute(method ?? 'GET', path, c.body, this.data.senderCamps) ??
      senderEventsRoute(method ?? 'GET', path, url.searchParams, this.data.senderSubs, this.data.senderCamps) ??
      senderReportRoute(method ?? 'GET', path, page, limit, (all, p, per, at) => paginate(all, p, per, at, false, String(per)), this.data.senderSubs, this.data.senderCamps);
    if (actionReply) return reply(c, actionReply);
    if (path === '/fields' && method === 'GET') return send(c.res, 200, { data: SENDER_FIELDS }, headers);
    const m = path.match(/^\/(subscribers|campaigns)(?:\/([^/]+))?\/?$/);
    if (!m) return send(c.res, 404, { success: false, message: 'Resource not found' }, headers);
    const [, resource, key] = m;

    if (resource === 'subscribers' && method === 'POST' && !key) {
      const input = c.body as Rec | undefined;
      const email = typeof input?.email === 'string' ? input.email : '';
      if (!email) return send(c.res, 422, invalid({ email: ['The email field is required.'] }), headers);
      if (!EMAIL.test(email)) return send(c.res, 422, invalid({ email: ['The email must be a valid email address.'] }), headers);
      let sub = this.data.senderSubs.find((s) => String(s.email).toLowerCase() === email.toLowerCase());
      if (!sub) {
        sub = {
          id: `n${Date.now().toString(36).slice(-6)}`, email, firstname: null, lastname: null, phone: null, phone_country: null, created: plainTime(),
          location: null, status: { email: 'active', temail: 'active' }, subscriber_tags: [], columns: [],
        };
        this.data.senderSubs.unshift(sub);
      }
      if (typeof input?.firstname === 'string') sub.firstname = input.firstname;
      if (typeof input?.lastname === 'string') sub.lastname = input.lastname;
      // `phone` with its country code, and `groups` by id [doc: api.sender.net/subscribers/add-subscriber].
      if (typeof input?.phone === 'string') sub.phone = input.phone;
      if (Array.isArray(input?.groups)) {
        const groups = this.data.senderGroups.filter((g) => (input.groups as unknown[]).includes(g.id));
        if (groups.length !== input.groups.length) return send(c.res, 422, invalid({ groups: ['The selected groups is invalid.'] }), headers);
        sub.subscriber_tags = groups.map((g) => ({ id: g.id, title: g.title }));
      }
      this.lastTriggerAutomation = input?.trigger_automation === undefined ? true : input.trigger_automation === true;
      return send(c.res, 200, { success: true, message: [], data: sub }, headers);
    }
    // PATCH /subscribers/{email|phone|id}: names and subscriber_status (ACTIVE, UNSUBSCRIBED, …) [doc].
    if (resource === 'subscribers' && method === 'PATCH' && key) {
      const k = decodeURIComponent(key);
      const sub = this.data.senderSubs.find((x) => x.id === k || String(x.email).toLowerCase() === k.toLowerCase() || (x.phone && x.phone === k));
      if (!sub) return send(c.res, 404, { success: false, message: 'Subscriber not found' }, headers);
      const input = (c.body ?? {}) as Rec;
      const status = typeof input.subscriber_status === 'string' ? input.subscriber_status.toUpperCase() : undefined;
      if (status && !['ACTIVE', 'UNSUBSCRIBED', 'BOUNCED', 'SPAM_REPORTED'].includes(status)) {
        return send(c.res, 422, invalid({ subscriber_status: ['The selected subscriber status is invalid.'] }), headers);
      }
      if (status) sub.status = { ...(sub.status as Rec), email: status.toLowerCase() };
      if (typeof input.firstname === 'string') sub.firstname = input.firstname;
      if (typeof input.lastname === 'string') sub.lastname = input.lastname;
      if (typeof input.phone === 'string') sub.phone = input.phone || null;
      // `fields`: values keyed by the field's `{$name}` tag [doc].
      if (input.fields && typeof input.fields === 'object') {
        for (const [tag, value] of Object.entries(input.fields as Rec)) {
          const field = SENDER_FIELDS.find((f) => f.field_name === tag);
          if (!field) return send(c.res, 422, invalid({ fields: [`The field ${tag} does not exist.`] }), headers);
          const columns = (sub.columns as Rec[] | undefined) ?? [];
          const column = columns.find((x) => x.id === field.id);
          if (column) column.value = value;
          else sub.columns = [...columns, { id: field.id, title: field.title, type: field.type, value, default: false }];
        }
      }
      this.lastTriggerAutomation = input.trigger_automation === undefined ? true : input.trigger_automation === true;
      // The documented answer carries no subscriber [doc: api.sender.net/subscribers/update-subscriber].
      return send(c.res, 200, { success: true, message: 'Success', data: [] }, headers);
    }
    // DELETE /subscribers {subscribers: [emails]}: processed later; here at once, answered as Sender does [doc].
    if (resource === 'subscribers' && method === 'DELETE' && !key) {
      const emails = Array.isArray((c.body as Rec | undefined)?.subscribers) ? ((c.body as Rec).subscribers as unknown[]).map((e) => String(e).toLowerCase()) : [];
      if (!emails.length) return send(c.res, 422, invalid({ subscribers: ['The subscribers field is required.'] }), headers);
      this.data.senderSubs = this.data.senderSubs.filter((x) => !emails.includes(String(x.email).toLowerCase()));
      return send(c.res, 200, { message: 'Selected subscribers will be deleted shortly', delete_instance: `del-${Date.now().toString(36)}` }, headers);
    }
    if (method !== 'GET') return send(c.res, 405, { success: false, message: 'Method not allowed' }, headers);

    if (resource === 'subscribers') {
      if (key) {
        const k = decodeURIComponent(key);
        const sub = this.data.senderSubs.find((s) => s.id === k || s.email === k || (s.phone && s.phone === k));
        return sub ? send(c.res, 200, { data: sub }, headers) : send(c.res, 404, { success: false, message: 'Subscriber not found' }, headers);
      }
      return send(c.res, 200, paginate(sorted(this.data.senderSubs, url), page, limit, 'https://api.sender.net/v2/subscribers', c.big, String(limit)), headers);
    }
    if (key) {
      const camp = this.data.senderCamps.find((x) => x.id === key);
      return camp ? send(c.res, 200, { data: camp }, headers) : send(c.res, 404, { success: false, message: 'Campaign not found' }, headers);
    }
    const status = url.searchParams.get('status');
    const list = status ? this.data.senderCamps.filter((x) => x.status === status.toUpperCase()) : this.data.senderCamps;
    return send(c.res, 200, paginate(sorted(list, url), page, limit, 'https://api.sender.net/v2/campaigns', c.big, String(limit)), headers);
  }

  /** What SendPortal's `exists` and `in` rules look in (rules.ts). */
  private workspace(): Workspace {
    return { tags: this.data.spTags, templates: this.data.spTemplates, emailServiceIds: [1] };
  }

  private sendPortal(c: RouteContext): void {
    const { url, path, headers } = c;
    const method = c.req.method;
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const base = `${url.protocol}//${c.req.headers.host}/api/v1`;
    let m0: RegExpMatchArray | null;
    const notFound = (model: string, id: string) =>
      c.wantsJson ? send(c.res, 404, { message: `No query results for model [Sendportal\\Base\\Models\\${model}] ${id}` }, headers) : sendHtml(c.res, 404, 'Not Found', headers);

    const listReply = sendPortalListRoutes(
      { method: method ?? 'GET', path, body: c.body, page, limit: Math.max(1, Number(url.searchParams.get('per_page') ?? 25) || 25), paginate },
      this.data,
      base,
    );
    if (listReply) return reply(c, listReply);
    const actionReply =
      sendPortalCampaignRoutes(method ?? 'GET', path, c.body, this.data.spCamps, this.workspace()) ??
      sendPortalAuthoringRoutes(method ?? 'GET', path, c.body, this.data.spCamps, this.workspace());
    if (actionReply) return reply(c, actionReply);
    if (path === '/subscribers' && method === 'POST') {
      const input = c.body as Rec | undefined;
      const email = typeof input?.email === 'string' ? input.email : '';
      const errors = !email ? { email: ['The email field is required.'] } : !EMAIL.test(email) ? { email: ['The email must be a valid email address.'] } : undefined;
      if (errors) {
        if (!c.wantsJson) return sendRaw(c.res, 302, 'text/html', '', { ...headers, Location: base.replace('/api/v1', '/') });
        return send(c.res, 422, invalid(errors), headers);
      }
      let sub = this.data.spSubs.find((s) => s.email === email);
      const created = !sub;
      if (!sub) {
        sub = { id: Math.max(0, ...this.data.spSubs.map((s) => Number(s.id))) + 1, first_name: null, last_name: null, email, unsubscribed_at: null, created_at: plainTime(), updated_at: plainTime() };
        this.data.spSubs.push(sub);
      }
      const before = JSON.stringify(sub);
      if (typeof input?.first_name === 'string') sub.first_name = input.first_name;
      if (typeof input?.last_name === 'string') sub.last_name = input.last_name;
      // `unsubscribed_at` (nullable date) is part of the store request's rules [src: SubscriberStoreRequest].
      if (input && 'unsubscribed_at' in input) sub.unsubscribed_at = input.unsubscribed_at ?? null;
      // Eloquent touches updated_at when a save changed something [src: Laravel's Model::save].
      if (JSON.stringify(sub) !== before) sub.updated_at = plainTime();
      // `tags`, when present, replace the subscriber's tags (synced) [src: BaseSubscriberTenantRepository].
      if (Array.isArray(input?.tags)) {
        for (const [tagId, members] of this.data.spMembers) {
          if ((input.tags as unknown[]).map(Number).includes(tagId)) members.add(Number(sub.id));
          else members.delete(Number(sub.id));
        }
      }
      // The store answers the subscriber with its tags loaded [src: Api\SubscribersController::store].
      return send(c.res, created ? 201 : 200, { data: { ...sub, tags: subscriberTags(Number(sub.id), this.data) } }, headers);
    }
    // DELETE /subscribers/{id}: 204, no body [src: Api\\SubscribersController::destroy].
    if (method === 'DELETE' && (m0 = path.match(/^\/subscribers\/(\d+)$/))) {
      const i = this.data.spSubs.findIndex((x) => String(x.id) === m0![1]);
      if (i < 0) return notFound('Subscriber', m0[1]);
      this.data.spSubs.splice(i, 1);
      c.res.writeHead(204, headers);
      c.res.end();
      return;
    }
    if (method !== 'GET') return send(c.res, 405, { message: 'The method is not supported for this route.' }, headers);

    let m: RegExpMatchArray | null;
    if (path === '/subscribers') return send(c.res, 200, paginate(sendPortalOrder(this.data.spSubs, page), page, 25, `${base}/subscribers`, c.big), headers);
    if ((m = path.match(/^\/subscribers\/([^/]+)$/))) {
      // A non-numeric id or one past PostgreSQL's integer range fails in the query: 500 [seen].
      if (!/^\d+$/.test(m[1]) || Number(m[1]) > 2_147_483_647) return sendHtml(c.res, 500, 'Server Error', headers);
      const sub = this.data.spSubs.find((s) => String(s.id) === m![1]);
      if (!sub) return notFound('Subscriber', m[1]);
      return send(c.res, 200, { data: { ...sub, tags: subscriberTags(Number(sub.id), this.data) } }, headers);
    }
    if (path === '/campaigns') return send(c.res, 200, paginate(this.data.spCamps, page, 25, `${base}/campaigns`, c.big), headers);
    if (path === '/templates') return send(c.res, 200, paginate([...this.data.spTemplates].sort((a, b) => String(a.name).localeCompare(String(b.name))), page, 25, `${base}/templates`), headers);
    if ((m = path.match(/^\/campaigns\/([^/]+)$/))) {
      const camp = this.data.spCamps.find((s) => String(s.id) === m![1]);
      // show() does not load the tags: the single campaign carries none [src: Api\CampaignsController::show].
      return camp ? send(c.res, 200, { data: withoutTags(camp) }, headers) : notFound('Campaign', m[1]);
    }
    return c.wantsJson ? send(c.res, 404, { message: '' }, headers) : sendHtml(c.res, 404, 'Not Found', headers);
  }

  private control(url: URL, method: string, body: unknown, res: http.ServerResponse): void {
    const b = (body ?? {}) as Rec;
    switch (`${method} ${url.pathname}`) {
      case 'POST /__sandbox/reset':
        this.reset();
        return send(res, 200, { ok: true });
      case 'POST /__sandbox/faults':
        this.addFaults(...((b.faults as Fault[]) ?? []));
        return send(res, 200, { ok: true });
      case 'POST /__sandbox/edit':
        this.editCampaign(b.provider as Provider, String(b.id), (b.fields as Rec) ?? {});
        return send(res, 200, { ok: true });
      case 'DELETE /__sandbox/faults':
        this.clearFaults();
        return send(res, 200, { ok: true });
      case 'POST /__sandbox/ratelimit':
        this.setRateLimit(b.provider as Provider, { limit: Number(b.limit), windowMs: Number(b.windowMs), cost: b.cost === undefined ? undefined : Number(b.cost) });
        return send(res, 200, { ok: true });
      case 'POST /__sandbox/tokens':
        return send(res, 200, { token: this.mintToken(b.provider as Provider, b.ttlMs === undefined ? undefined : Number(b.ttlMs)) });
      case 'POST /__sandbox/expire':
        this.expireToken(String(b.token));
        return send(res, 200, { ok: true });
      case 'GET /__sandbox/stats':
        return send(res, 200, this.stats);
      case 'GET /__sandbox/last': // the body of the last API request, and what Sender was last told of automations
        return send(res, 200, { body: this.lastBody === undefined ? null : JSON.parse(this.lastBody), triggerAutomation: this.lastTriggerAutomation ?? null });
      case 'GET /__sandbox/seen': // what was asked, and when; never the headers (they carry the tokens)
        return send(res, 200, this.seen.map(({ method, url, at, seq }) => ({ method, url, at, seq })));
      case 'GET /__sandbox/mark': // where the requests stand now: what comes later has a greater seq, whatever the clocks say
        return send(res, 200, { seq: this.arrived });
    }
    send(res, 404, { message: 'unknown control' });
  }
}

interface RateWindow {
  headers: Record<string, string>;
  exceeded: boolean;
  retrySecs: number;
  resetAt: number;
}

/** Answers a fault that replaces the API's answer; false when the fault only marks the request (big). */
function injectFault(res: http.ServerResponse, fault: Fault, headers: Record<string, string>): boolean {
  switch (fault.kind) {
    case 'status':
      send(res, fault.status ?? 500, { message: 'Server Error' }, headers);
      return true;
    case 'html':
      sendHtml(res, fault.status ?? 502, `${fault.status ?? 502} Bad Gateway`, headers);
      return true;
    case 'malformed':
      sendRaw(res, 200, 'application/json', '{"data": [{"id": 1, "email": ', headers);
      return true;
    case 'noData':
      send(res, 200, { items: [], meta: {} }, headers);
      return true;
    case 'metaString':
      send(res, 200, { data: [], meta: 'page 1' }, headers);
      return true;
    case 'itemsNotObjects':
      send(res, 200, { data: [1, 2, 3], meta: { current_page: 1, last_page: 1, total: 3 } }, headers);
      return true;
    case 'unauthorizedHtml':
      sendRaw(res, 401, 'text/html; charset=UTF-8', 'Unauthorized.', headers);
      return true;
    case 'raw':
      sendRaw(res, fault.status ?? 200, fault.headers?.['Content-Type'] ?? 'application/json', fault.body ?? '', fault.headers);
      return true;
    default:
      return false;
  }
}

interface RouteContext {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  path: string;
  body: unknown;
  headers: Record<string, string>;
  wantsJson: boolean;
  big: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * SendPortal lists subscribers sorted by last name only; among people sharing one, the database returns them in an
 * order that differs from one page's query to the next [seen: a 13-page walk of 312 gave 8 ids twice and 8 never].
 * Here: ties by id, rotated by one on every other page, so a tie group that spans a page boundary repeats one
 * person and skips another there.
 */
function sendPortalOrder(list: Rec[], page: number): Rec[] {
  const sorted = [...list].sort((a, b) => String(a.last_name).localeCompare(String(b.last_name)) || Number(a.id) - Number(b.id));
  if (page % 2) return sorted;
  const out: Rec[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j].last_name === sorted[i].last_name) j++;
    const group = sorted.slice(i, j);
    out.push(...group.slice(1), group[0]);
    i = j;
  }
  return out;
}

/** Sender's `order` (a field name) and `direction` (`asc` | `desc`); the seeded order when no field is named. */
function sorted(list: Rec[], url: URL): Rec[] {
  const field = url.searchParams.get('order');
  if (!field) return list;
  const sign = url.searchParams.get('direction') === 'asc' ? 1 : -1;
  return [...list].sort((a, b) => sign * String(a[field] ?? '').localeCompare(String(b[field] ?? '')));
}

function isoSeconds(ms: number): string {
  return new Date(Math.ceil(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function invalid(errors: Record<string, string[]>): Rec {
  return { message: 'The given data was invalid.', errors };
}

/** The scheme word is case-sensitive on SendPortal; Sender is lenient. */
function bearer(req: http.IncomingMessage, provider: Provider): string | undefined {
  const h = req.headers.authorization ?? '';
  const m = provider === 'sendportal' ? h.match(/^Bearer (.+)$/) : h.match(/^bearer (.+)$/i);
  return m?.[1];
}

/** Laravel's paginator: `data`, `links` (absolute URLs that drop extra query parameters) and `meta`. */
function paginate(all: Rec[], page: number, perPage: number, path: string, big = false, perPageAsSent?: string): Rec {
  const lastPage = Math.max(1, Math.ceil(all.length / perPage));
  let data = all.slice((page - 1) * perPage, page * perPage);
  if (big) {
    const pad = 'x'.repeat(Math.ceil((5 * 1024 * 1024) / Math.max(1, data.length)));
    data = data.map((d) => ({ ...d, notes: pad }));
  }
  const link = (p: number) => `${path}?page=${p}`;
  const from = data.length ? (page - 1) * perPage + 1 : null;
  return {
    data,
    links: { first: link(1), last: link(lastPage), prev: page > 1 ? link(page - 1) : null, next: page < lastPage ? link(page + 1) : null },
    meta: { current_page: page, from, last_page: lastPage, path, per_page: perPageAsSent ?? perPage, to: from === null ? null : from + data.length - 1, total: all.length },
  };
}

function readBody(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? JSON.parse(text) : undefined);
      } catch {
        resolve(undefined);
      }
    });
    req.on('error', () => resolve(undefined));
  });
}

function sendRaw(res: http.ServerResponse, status: number, type: string, text: string, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Sends a route's reply with the window's headers; 204 without a body. */
function reply(c: RouteContext, r: Reply): void {
  if (r.status === 204) {
    c.res.writeHead(204, c.headers);
    c.res.end();
    return;
  }
  if (typeof r.body === 'string') return sendRaw(c.res, r.status, 'text/html; charset=UTF-8', r.body, c.headers);
  send(c.res, r.status, r.body, c.headers);
}

/** The images the demo's campaigns show once Load Images is clicked: small SVGs, drawn here. */
function sendMedia(res: http.ServerResponse, path: string): void {
  const banners: Record<string, [string, string]> = { '/media/banner.svg': ['#1f2a44', 'Newsletter'], '/media/product.svg': ['#2e7d5b', 'New this month'] };
  const banner = banners[path];
  if (!banner) return send(res, 404, { message: 'Not found' });
  const [color, text] = banner;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="560" height="140" viewBox="0 0 560 140"><rect width="560" height="140" rx="8" fill="${color}"/><text x="32" y="84" font-family="sans-serif" font-size="40" fill="#fff">${text}</text></svg>`;
  sendRaw(res, 200, 'image/svg+xml', svg, { 'Cache-Control': 'no-store' });
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendRaw(res, status, 'application/json', JSON.stringify(body), headers);
}

function sendHtml(res: http.ServerResponse, status: number, title: string, headers: Record<string, string> = {}): void {
  sendRaw(res, status, 'text/html; charset=UTF-8', `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`, headers);
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return new Sandbox(options).start();
}
