/**
 * An export's run, once its file is open: every page of the target, each row with its lists, those the walk never
 * listed looked up (a whole SendPortal export), the lists read again at the end to say what changed meanwhile, and
 * the progress said with its time left.
 */
import * as vscode from 'vscode';
import { type NewsletterProvider, type Page, type Subscriber, editableListKind } from '../api';
import type { Session } from '../connections/session';
import { type Drift, listNames, membershipDrift, readMembership } from '../transfer/drift';
import { type ExportResult, type WRITERS, exportPages } from '../transfer/exporter';
import { fmt } from '../views/format';
import { lookupsSaid } from './services';

/** What an export walks: the Subscribers view (with its status filter) or one group, segment or tag. */
export interface ExportTarget {
  key: string;
  name: string;
  fetch(p: NewsletterProvider, page: number, signal: AbortSignal): Promise<Page<Subscriber>>;
}

/** The export's open file: its format's writer, and appends at its end (`close` writes the end and closes it). */
interface ExportFile {
  writer: (typeof WRITERS)[keyof typeof WRITERS];
  append(text: string): Promise<void>;
  close(): Promise<void>;
}

const seconds = (ms: number) =>
  ms < 90_000
    ? vscode.l10n.t('about {0} s left', Math.max(1, Math.round(ms / 1000)))
    : vscode.l10n.t('about {0} min left', Math.round(ms / 60_000));

/** Reads who is in each list (SendPortal's tag members too, which its rows lack), saying how far it is. */
function listsReader(session: Session, signal: AbortSignal, said: (message: string) => void) {
  const kind = editableListKind(session.descriptor);
  const members = session.descriptor.detailOnlyFields.subscriber.includes('tags');
  return () =>
    kind &&
    readMembership(session.provider(), kind.kind, members, signal, (n, of) =>
      said(vscode.l10n.t('Reading who is in each {0}: {1} of {2}', kind.noun, n, of)),
    );
}

/** Runs the export into `out` from `at` (a stopped one goes on), and closes the file; what changed meanwhile is said. */
export async function runExport(
  session: Session,
  target: ExportTarget,
  out: ExportFile,
  at: { startPage: number; rowsBefore: number; held?: ReadonlySet<string> },
  signal: AbortSignal,
  said: (message: string) => void,
): Promise<ExportResult & { drift?: Drift }> {
  const provider = session.provider();
  // The lists now, and again at the end: did the export stay true?
  const readLists = listsReader(session, signal, said);
  const start = await readLists();
  const tags = start && listNames(start);
  // Every row with its tags, walked or found: a row found through a tag's members carries none of its own.
  const tagged = (x: Subscriber) => (tags ? { ...x, tags: tags.get(x.id) ?? x.tags } : x);
  const withTags = (page: Page<Subscriber>) => (tags ? { ...page, items: page.items.map(tagged) } : page);
  // Those the walk never listed: each find kept in the session's walk too, so a search finds them.
  const findMissing = async (have: ReadonlySet<string>, missing: number, sig: AbortSignal) =>
    (
      await provider.findMissingSubscribers?.(have, missing, {
        signal: sig,
        memory: session.ids,
        onFound: (x) => session.walk.addFound([x]),
        onProgress: (n, found, bound) => said(lookupsSaid(session, missing, n, found, bound)),
      })
    )?.map(tagged) ?? [];
  const rows = new Map<string, readonly string[]>();
  let written = at.rowsBefore;
  const done = await exportPages({
    fetch: async (page, sig) => withTags(await target.fetch(provider, page, sig)),
    findMissing: target.key === 'all:' ? findMissing : undefined,
    held: at.held,
    write: async (items) => {
      await out.append(out.writer.items(items, written === 0, (v) => session.redact(v)));
      written += items.length;
      for (const x of items) rows.set(x.id, x.tags);
    },
    startPage: at.startPage,
    rowsBefore: at.rowsBefore,
    eta: (requests, requestMs) => session.rateLimit.backgroundEtaMs(requests, requestMs),
    // After the pages: the lists read again, and (a whole SendPortal export) about as many look-ups as last time.
    after: (start ? 1 + start.names.size : 0) + (target.key === 'all:' ? (session.ids.read()?.requests ?? 0) : 0),
    signal,
    onProgress: (p) =>
      said(
        [
          p.total !== undefined ? vscode.l10n.t('{0} of {1}', fmt(p.rows), fmt(p.total)) : fmt(p.rows),
          p.etaMs !== undefined ? seconds(p.etaMs) : undefined,
        ]
          .filter(Boolean)
          .join(' · '),
      ),
  }).finally(out.close);
  const end = start && done.done ? await readLists() : undefined;
  return { ...done, drift: start && end ? membershipDrift(start, end, rows) : undefined };
}
