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

interface PlannedRow {
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

/** The longest value each field may hold; a longer one is a broken row (a stray quote swallowed the next ones). */
const FIELD_LIMITS: Record<MappingField, number> = { email: 254, firstName: 255, lastName: 255, phone: 32, lists: 1000 };
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Why a row cannot be sent as it is, or undefined. */
function rowProblem(row: readonly string[], columns: number, mapping: Mapping): string | undefined {
  if (row.length !== columns) return `${row.length} columns where the header has ${columns} (a stray quote?)`;
  for (const field of Object.keys(FIELD_LIMITS) as MappingField[]) {
    const i = mapping[field];
    const v = i === undefined ? '' : (row[i] ?? '');
    if (v.length > FIELD_LIMITS[field]) return `${field} is longer than ${FIELD_LIMITS[field]} characters`;
    if (/[\r\n]/.test(v)) return `${field} holds a line break (a stray quote?)`;
    if (CONTROL.test(v)) return `${field} holds a control character`;
    if (BIDI.test(v)) return `${field} holds a text-direction override`;
  }
  return undefined;
}

/**
 * Plans an import row by row as the file is read: which rows are new, which update someone (`exists`), which are
 * invalid (and why: no or a malformed address, control or text-direction characters, an over-long field, a row whose
 * column count shows a stray quote, an unknown group or tag), and which repeat an address met before. `listIds` maps
 * a group or tag name (any case) to its id.
 */
export class ImportPlanner {
  readonly plan: ImportPlan = { writes: [], invalid: [], duplicates: [], added: 0, updated: 0 };
  private readonly firstSeen = new Map<string, number>();
  /** The next row's line (the header is line 1). */
  private line = 2;

  constructor(
    private readonly columns: number,
    private readonly mapping: Mapping,
    private readonly existing: (email: string) => boolean,
    private readonly listIds: ReadonlyMap<string, string>,
    /** One person's address as the service matches it (`emailKey` of its descriptor): repeats and existing by it. */
    private readonly emailKey: (email: string) => string = (e) => e.toLowerCase(),
  ) {}

  add(rows: readonly (readonly string[])[]): void {
    for (const row of rows) this.addRow(row, this.line++);
  }

  private addRow(row: readonly string[], line: number): void {
    const { plan, mapping, listIds } = this;
    const cell = (i: number | undefined) => (i === undefined ? '' : unformula((row[i] ?? '').trim()));
    const email = cell(mapping.email);
    const problem = !email
      ? 'no email address'
      : (rowProblem(row, this.columns, mapping) ?? (EMAIL.test(email) ? undefined : 'not an email address'));
    if (problem) {
      plan.invalid.push({ line, email: email.slice(0, FIELD_LIMITS.email), reason: problem });
      return;
    }
    const key = this.emailKey(email);
    const first = this.firstSeen.get(key);
    if (first !== undefined) {
      plan.duplicates.push({ line, email, firstLine: first });
      return;
    }
    this.firstSeen.set(key, line);
    const lists = cell(mapping.lists)
      .split(/[;|]/)
      .map((x) => x.trim())
      .filter(Boolean);
    const unknown = lists.find((n) => !listIds.has(n.toLowerCase()));
    if (unknown) {
      plan.invalid.push({ line, email, reason: `no group or tag named "${unknown}"` });
      return;
    }
    const exists = this.existing(key);
    const input: NewSubscriber = {
      email,
      firstName: cell(mapping.firstName) || undefined,
      lastName: cell(mapping.lastName) || undefined,
      phone: cell(mapping.phone) || undefined,
      lists: lists.map((n) => listIds.get(n.toLowerCase()) as string),
    };
    plan.writes.push({ line, input, lists, exists });
    if (exists) plan.updated++;
    else plan.added++;
  }
}

/** The plan of a whole file at once (rows under a header of `columns` fields). */
export function planImport(
  rows: readonly (readonly string[])[],
  mapping: Mapping,
  existing: (email: string) => boolean,
  listIds: ReadonlyMap<string, string>,
  columns = rows[0]?.length ?? 0,
  emailKey?: (email: string) => string,
): ImportPlan {
  const planner = new ImportPlanner(columns, mapping, existing, listIds, emailKey);
  planner.add(rows);
  return planner.plan;
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
