import type { NewSubscriber } from '../api';
import { unformula } from './csv';

/** Which column holds what (indexes into a row); email is required. */
export interface Mapping {
  email: number;
  firstName?: number;
  lastName?: number;
  phone?: number;
  /** Group or tag names, separated by ; or |. */
  lists?: number;
}

export type MappingField = keyof Mapping;

const GUESSES: Record<MappingField, RegExp> = {
  email: /^(e-?mail|email address|e-mail address|mail)$/i,
  firstName: /^(first[ _-]?name|firstname|given[ _-]?name|first|vorname|prénom)$/i,
  lastName: /^(last[ _-]?name|lastname|surname|family[ _-]?name|last|nachname|nom)$/i,
  phone: /^(phone|phone[ _-]?number|mobile|tel|telephone)$/i,
  lists: /^(groups?|tags?|lists?|segments?)$/i,
};

/** The mapping a header suggests; undefined without a column that looks like an email. */
export function guessMapping(header: readonly string[]): Mapping | undefined {
  const find = (f: MappingField) => {
    const i = header.findIndex((h) => GUESSES[f].test(h.trim()));
    return i < 0 ? undefined : i;
  };
  const email = find('email');
  if (email === undefined) return undefined;
  return { email, firstName: find('firstName'), lastName: find('lastName'), phone: find('phone'), lists: find('lists') };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface PlannedRow {
  /** The row's line in the file (the header is line 1). */
  line: number;
  input: NewSubscriber;
  /** Group or tag names as written. */
  lists: string[];
  exists: boolean;
}

export interface ImportPlan {
  /** Rows to write, in file order. */
  writes: PlannedRow[];
  invalid: { line: number; email: string; reason: string }[];
  duplicates: { line: number; email: string; firstLine: number }[];
  added: number;
  updated: number;
}

/**
 * Reads every row before anything is written: which are new, which update someone (`exists`), which are invalid
 * (and why), and which repeat an address already met in the file. `listIds` maps a group or tag name (any case) to
 * its id; an unknown name makes the row invalid rather than silently dropping it.
 */
export function planImport(rows: readonly (readonly string[])[], mapping: Mapping, existing: (email: string) => boolean, listIds: ReadonlyMap<string, string>): ImportPlan {
  const plan: ImportPlan = { writes: [], invalid: [], duplicates: [], added: 0, updated: 0 };
  const firstSeen = new Map<string, number>();
  const cell = (row: readonly string[], i: number | undefined) => (i === undefined ? '' : unformula((row[i] ?? '').trim()));
  for (const [index, row] of rows.entries()) {
    const line = index + 2;
    const email = cell(row, mapping.email);
    const key = email.toLowerCase();
    if (!email) {
      plan.invalid.push({ line, email, reason: 'no email address' });
      continue;
    }
    if (!EMAIL.test(email)) {
      plan.invalid.push({ line, email, reason: 'not an email address' });
      continue;
    }
    const first = firstSeen.get(key);
    if (first !== undefined) {
      plan.duplicates.push({ line, email, firstLine: first });
      continue;
    }
    firstSeen.set(key, line);
    const lists = cell(row, mapping.lists).split(/[;|]/).map((x) => x.trim()).filter(Boolean);
    const unknown = lists.find((n) => !listIds.has(n.toLowerCase()));
    if (unknown) {
      plan.invalid.push({ line, email, reason: `no group or tag named "${unknown}"` });
      continue;
    }
    const exists = existing(key);
    const input: NewSubscriber = {
      email,
      firstName: cell(row, mapping.firstName) || undefined,
      lastName: cell(row, mapping.lastName) || undefined,
      phone: cell(row, mapping.phone) || undefined,
      lists: lists.map((n) => listIds.get(n.toLowerCase()) as string),
    };
    plan.writes.push({ line, input, lists, exists });
    if (exists) plan.updated++;
    else plan.added++;
  }
  return plan;
}

export interface ImportOutcome {
  added: number;
  updated: number;
  failed: { line: number; email: string; reason: string }[];
  /** How many of `plan.writes` are behind us (to resume from). */
  done: number;
  /** Why it stopped before the end (a refused token, no network); undefined when it ran through or was cancelled. */
  stoppedBy?: unknown;
}

/**
 * Writes the planned rows one by one from `startAt`, never retrying one: a row the server refuses is reported with
 * its reason and the next goes on; an error that would fail every row (`isFatal`: a refused token, no network) stops
 * the run where it is, to be continued later. Pacing is the client's.
 */
export async function runImport(opts: {
  plan: ImportPlan;
  startAt?: number;
  write(row: PlannedRow, signal: AbortSignal): Promise<{ created?: boolean }>;
  isFatal(e: unknown): boolean;
  reason(e: unknown): string;
  signal: AbortSignal;
  onProgress?(done: number, total: number): void;
}): Promise<ImportOutcome> {
  const out: ImportOutcome = { added: 0, updated: 0, failed: [], done: opts.startAt ?? 0 };
  const writes = opts.plan.writes;
  for (; out.done < writes.length; out.done++) {
    if (opts.signal.aborted) break;
    const row = writes[out.done];
    try {
      const { created } = await opts.write(row, opts.signal);
      if (created ?? !row.exists) out.added++;
      else out.updated++;
    } catch (e) {
      if (opts.signal.aborted) break;
      if (opts.isFatal(e)) {
        out.stoppedBy = e;
        break;
      }
      out.failed.push({ line: row.line, email: row.input.email, reason: opts.reason(e) });
    }
    opts.onProgress?.(out.done + 1, writes.length);
  }
  return out;
}
