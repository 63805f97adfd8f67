/**
 * What finding SendPortal's hidden rows costs (`npm run bench -- recovery`), on seeded accounts of 1,200 and 10,000
 * with ids deleted at random and in stretches: the requests of the first recovery, of an export again in the same
 * session, and of an export in a new session that reads what the first learned — against probing every unseen id
 * upwards (before). An export here is what the Export command sends: the walk's pages, the tags and their members
 * (for the lists column), then the recovery. Real HTTP against the sandbox in its own process.
 */
import { type IdMemory, type NewsletterProvider, createProvider } from '../src/api';
import { SubscriberWalk } from '../src/paging/subscriberWalk';

interface Sandbox {
  origin: string;
  sendportal: { baseUrl: string; token: string };
}
type Start = (args: string[]) => Promise<Sandbox & { child: { kill(): void } }>;
type Record = (key: string, label: string, value: number, unit: string, goal?: string) => void;

const requests = async (sb: Sandbox): Promise<number> =>
  ((await (await fetch(`${sb.origin}/__sandbox/stats`)).json()) as { requests: { sendportal: number } }).requests.sendportal;

/** One export as the command runs it: the walk, each tag's members, then the recovery of what the walk hid. */
async function exportOnce(sb: Sandbox, store: { read(): IdMemory | undefined; write(m: IdMemory): void }) {
  const p = createProvider({ kind: 'sendportal', baseUrl: sb.sendportal.baseUrl, token: sb.sendportal.token }) as NewsletterProvider;
  const start = await requests(sb);
  const walk = new SubscriberWalk((page, signal) => p.listSubscribers(page, { signal }));
  await walk.walk(new AbortController().signal);
  const walked = (await requests(sb)) - start;
  const tags = (await p.listLists('tag', 1)).items;
  for (const t of tags) await p.listMembers(t, 1);
  const held = new Set(walk.items.map((x) => x.id));
  const cost = p.missingLookupCost!(held, tags.length, walk.missing, store);
  const before = await requests(sb);
  const found = await p.findMissingSubscribers!(held, walk.missing, { memory: store });
  const recovery = (await requests(sb)) - before;
  // Before: every unseen id upwards from 1 until the last hidden one was found.
  let upward = 0;
  const last = Math.max(0, ...found.map((x) => Number(x.id)));
  for (let id = 1; id <= last; id++) if (!held.has(String(id))) upward++;
  return { walked, tags: tags.length, missing: walk.missing, found: found.length, recovery, total: (await requests(sb)) - start, upward, cost };
}

export async function recoveryBench(start: Start, record: Record): Promise<void> {
  for (const size of [1200, 10_000]) {
    for (const gaps of ['random', 'clustered'] as const) {
      const sb = await start(['--limit', '1000000', '--subscribers', String(size), '--id-gaps', gaps]);
      try {
        let kept: IdMemory | undefined;
        const store = { read: () => kept, write: (m: IdMemory) => void (kept = m) };
        const first = await exportOnce(sb, store);
        const again = await exportOnce(sb, store); // the same session: what it learned is at hand
        const stored = JSON.parse(JSON.stringify(kept)) as IdMemory; // a new session: only what was stored survives
        const fresh = await exportOnce(sb, { read: () => stored, write: () => undefined });
        const key = `recovery${size}${gaps[0].toUpperCase()}${gaps.slice(1)}`;
        const what = `SendPortal ${size.toLocaleString('en-US')}, ids deleted ${gaps === 'random' ? 'at random' : 'in stretches'}, ${first.missing} hidden`;
        record(`${key}First`, `${what}: first recovery, requests (likely ${first.cost.expected}, at most ${first.cost.worst})`, first.recovery, '');
        record(`${key}Upward`, `${what}: probing every unseen id upwards (before)`, first.upward + 1 + first.tags, '');
        record(`${key}Again`, `${what}: export again, same session: recovery requests`, again.recovery, '', `<= ${1 + again.tags + again.missing}`);
        const goal = Math.floor((fresh.walked + fresh.tags + 1 + fresh.tags + fresh.missing) * 1.1);
        record(`${key}NewSession`, `${what}: export in a new session, all requests (walk ${fresh.walked})`, fresh.total, '', `<= ${goal}`);
        record(`${key}MemoryBytes`, `${what}: what the connection stores`, JSON.stringify(stored).length, 'B');
      } finally {
        sb.child.kill();
      }
    }
  }
}
