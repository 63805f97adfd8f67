/**
 * What a newsletter file is checked against, per connection: its lists by name, its templates (SendPortal), its custom
 * fields' merge tags (Sender). Read once per connection when a newsletter file first needs them, at the view's
 * priority (after the person's requests), and again after a change to the lists or a Refresh.
 */
import { type SubscriberList, type Template, clock, withPriority } from '../api';
import type { Session } from '../connections/session';

export interface Facts {
  lists: SubscriberList[];
  templates?: Template[];
  customTags: string[];
  /** Sender: the addresses its latest campaigns were sent from, newest first (a free-mail sender's quick fix). */
  senders?: string[];
  /** How many requests reading them took. */
  requests: number;
}

async function read(session: Session): Promise<Facts> {
  const p = session.provider();
  let requests = 0;
  const all = async <T>(page: (n: number) => Promise<{ items: T[]; hasMore: boolean }>) => {
    const out: T[] = [];
    for (let n = 1; ; n++) {
      requests++;
      const r = await page(n);
      out.push(...r.items);
      if (!r.hasMore) return out;
    }
  };
  const lists: SubscriberList[] = [];
  for (const k of session.descriptor.listKinds)
    lists.push(...(await all((n) => p.listLists(k.kind, n, { limit: session.descriptor.pageSize.max }))));
  const listTemplates = p.listTemplates?.bind(p);
  const templates = listTemplates ? await all((n) => listTemplates(n)) : undefined;
  let customTags: string[] = [];
  if (p.listFields) {
    requests++;
    customTags = (await p.listFields()).map((f) => f.tag);
  }
  let senders: string[] | undefined;
  if (session.profile.provider === 'sender') {
    requests++;
    const latest = (await p.listCampaigns(1, { limit: 10 })).items;
    senders = [...new Set(latest.map((c) => /<([^>]+)>/.exec(c.from ?? '')?.[1]).filter((x): x is string => !!x))];
  }
  return { lists, templates, customTags, senders, requests };
}

/** After a failed read (unreachable, a refused token), how long before a newsletter file may ask again. */
const RETRY_AFTER_MS = 30_000;

export class FactsCache {
  private readonly byConnection = new Map<string, { token: unknown; facts: Promise<Facts>; value?: Facts }>();
  /** The last failure per connection: typing in a file must not send a request at every pause. */
  private readonly failed = new Map<string, { at: number; token: unknown; facts: Promise<Facts> }>();

  /** The connection's facts, read once (again after `forget`, or when its client changed: a new token or URL). */
  get(session: Session): Promise<Facts> {
    const key = session.profile.id;
    const token = session.provider();
    const held = this.byConnection.get(key);
    if (held && held.token === token) return held.facts;
    const failure = this.failed.get(key);
    if (failure && failure.token === token && clock.now() - failure.at < RETRY_AFTER_MS) return failure.facts;
    const facts = withPriority('view', () => read(session));
    const entry: { token: unknown; facts: Promise<Facts>; value?: Facts } = { token, facts };
    this.byConnection.set(key, entry);
    facts.then(
      (v) => (entry.value = v),
      () => {
        if (this.byConnection.get(key) === entry) this.byConnection.delete(key);
        this.failed.set(key, { at: clock.now(), token, facts });
      },
    );
    return facts;
  }

  /** Known now, without reading (undefined until read). */
  known(session: Session): Facts | undefined {
    const held = this.byConnection.get(session.profile.id);
    try {
      return held && held.token === session.provider() ? held.value : undefined;
    } catch {
      return undefined; // a URL it cannot use: nothing is known
    }
  }

  forget(connectionId?: string): void {
    if (connectionId === undefined) {
      this.byConnection.clear();
      this.failed.clear();
    } else {
      this.byConnection.delete(connectionId);
      this.failed.delete(connectionId);
    }
  }
}
