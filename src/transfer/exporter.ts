import type { Page, Subscriber } from '../api';
import { csvLine } from './csv';

export type ExportFormat = 'csv' | 'json';

export const EXPORT_COLUMNS = ['id', 'email', 'first_name', 'last_name', 'phone', 'status', 'lists', 'custom_fields', 'created'] as const;

/** A subscriber as exported: the same fields in CSV and JSON; `clean` passes over every value (redaction). */
export function exportRecord(s: Subscriber, clean: (v: string) => string = (v) => v): Record<(typeof EXPORT_COLUMNS)[number], string> {
  const record = rawRecord(s);
  for (const k of EXPORT_COLUMNS) record[k] = clean(record[k]);
  return record;
}

function rawRecord(s: Subscriber): Record<(typeof EXPORT_COLUMNS)[number], string> {
  const columns = Array.isArray(s.raw.columns) ? (s.raw.columns as unknown[]) : [];
  const fields: Record<string, unknown> = {};
  for (const c of columns)
    if (c && typeof c === 'object')
      fields[String((c as { title?: unknown }).title ?? (c as { id?: unknown }).id)] = (c as { value?: unknown }).value ?? null;
  return {
    id: s.id,
    email: s.email,
    first_name: s.firstName ?? '',
    last_name: s.lastName ?? '',
    phone: s.phone ?? '',
    status: s.status === 'unknown' ? (s.statusText ?? 'unknown') : s.status,
    lists: s.tags.join('; '),
    custom_fields: Object.keys(fields).length ? JSON.stringify(fields) : '',
    created: s.createdAt ?? '',
  };
}

/** Writes a file of one format piece by piece: what stands on disk after any `write` is a valid file. */
interface ExportWriter {
  /** What starts a new file. */
  start(): string;
  /** Items; `first` when none were written before (also across a resumed run); `clean` passes over every value. */
  items(items: readonly Subscriber[], first: boolean, clean?: (v: string) => string): string;
  /** What ends the file; written after every batch and taken back (its length) before the next one. */
  end(): string;
}

export const WRITERS: Record<ExportFormat, ExportWriter> = {
  csv: {
    start: () => csvLine(EXPORT_COLUMNS),
    items: (items, _first, clean) => items.map((s) => csvLine(Object.values(exportRecord(s, clean)))).join(''),
    end: () => '',
  },
  json: {
    start: () => '[',
    items: (items, first, clean) =>
      items.map((s, i) => `${first && i === 0 ? '' : ','}\n${JSON.stringify(exportRecord(s, clean))}`).join(''),
    end: () => '\n]\n',
  },
};

interface ExportProgress {
  rows: number;
  total?: number;
  /** Estimated from the pace so far. */
  etaMs?: number;
}

export interface ExportResult {
  rows: number;
  /** The page to start from to continue. */
  nextPage: number;
  done: boolean;
  /** Why it stopped early; undefined when done or cancelled. */
  error?: unknown;
  /** It stopped while looking up those the walk never listed: the file is partial; continuing goes on looking. */
  lookingUp?: boolean;
}

/**
 * Walks a list page by page (paced by the client's rate limit, like every request) and hands each page to `write`
 * before asking for the next, so memory holds one page, whatever the list's length. Items already written in this
 * run are skipped (a list that shifts between pages repeats some). Never throws: a failure or a cancel ends the
 * walk with what was written and where to continue.
 */
export async function exportPages(opts: {
  fetch(page: number, signal: AbortSignal): Promise<Page<Subscriber>>;
  write(items: readonly Subscriber[]): Promise<void>;
  startPage?: number;
  rowsBefore?: number;
  signal: AbortSignal;
  onProgress?(p: ExportProgress): void;
  now?: () => number;
  /**
   * Where the service can look items up by id (SendPortal): after a whole walk from page 1 that listed fewer than the
   * server's total (its order shifted between pages), finds the ones never listed, to write them too.
   */
  findMissing?(held: ReadonlySet<string>, missing: number, signal: AbortSignal): Promise<Subscriber[]> | undefined;
  /** Continuing an export stopped during its look-ups: the ids its file already holds. */
  held?: ReadonlySet<string>;
  /**
   * How long this many more requests of about `requestMs` each take, rate-limit waits included (the connection's
   * RateLimitState.backgroundEtaMs); without it the ETA follows the pace so far.
   */
  eta?(requests: number, requestMs: number): number;
  /** Requests expected after the last page (the lists read again, the look-ups as many as last time): in the ETA. */
  after?: number;
}): Promise<ExportResult> {
  const now = opts.now ?? Date.now;
  const started = now();
  const seen = new Set<string>(opts.held);
  let page = opts.startPage ?? 1;
  let rows = opts.rowsBefore ?? 0;
  let thisRun = 0;
  const took: number[] = [];
  for (;;) {
    if (opts.signal.aborted) return { rows, nextPage: page, done: false };
    let result: Page<Subscriber>;
    try {
      const asked = now();
      result = await opts.fetch(page, opts.signal);
      took.push(now() - asked);
    } catch (error) {
      return { rows, nextPage: page, done: false, error: opts.signal.aborted ? undefined : error };
    }
    const fresh = result.items.filter((s) => !seen.has(s.id) && !!seen.add(s.id));
    await opts.write(fresh);
    rows += fresh.length;
    thisRun += fresh.length;
    page = Math.max(page, result.page) + 1;
    const elapsed = now() - started;
    const remaining = result.total !== undefined ? Math.max(0, result.total - rows) : undefined;
    const pagesLeft = remaining === undefined || !result.perPage ? undefined : Math.ceil(remaining / result.perPage);
    const paced = opts.eta && pagesLeft !== undefined ? opts.eta(pagesLeft + (opts.after ?? 0), medianOf(took)) : undefined;
    const etaMs = remaining === undefined || !thisRun ? undefined : (paced ?? (elapsed / thisRun) * remaining);
    opts.onProgress?.({ rows, total: result.total, etaMs });
    if (!result.hasMore) {
      const whole = (opts.startPage ?? 1) === 1 || opts.held !== undefined;
      const missing = result.total !== undefined && whole ? result.total - seen.size : 0;
      if (missing <= 0 || !opts.findMissing) return { rows, nextPage: page, done: true };
      return lookUpMissing(opts, seen, missing, { rows, nextPage: page, done: true });
    }
  }
}

/** After a whole walk: those it never listed, looked up and written; a cancel keeps what was found (a partial file). */
async function lookUpMissing(
  opts: Parameters<typeof exportPages>[0],
  seen: Set<string>,
  missing: number,
  walked: ExportResult,
): Promise<ExportResult> {
  const total = seen.size + missing;
  let rows = walked.rows;
  try {
    // Found ones are answered even when cancelled: written, so a cancel keeps them.
    const found = ((await opts.findMissing?.(seen, missing, opts.signal)) ?? []).filter((s) => !seen.has(s.id) && !!seen.add(s.id));
    await opts.write(found);
    rows += found.length;
  } catch (error) {
    // The walk itself is complete and written; what could not be looked up is said, not lost silently.
    return { ...walked, rows, error: opts.signal.aborted ? undefined : error };
  }
  if (opts.signal.aborted && seen.size < total) return { ...walked, rows, done: false, lookingUp: true };
  return { ...walked, rows };
}

/** The median request's duration: the few that waited for a new window do not move it. */
function medianOf(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;
}
