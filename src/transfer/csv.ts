/**
 * CSV of our own, about 80 lines: csv-parse + csv-stringify would add 38.7 KB minified to a 100 KB bundle (measured
 * with esbuild, their sync builds), and we need only RFC 4180 quoting, a delimiter guessed from the header line, and
 * a byte-order mark tolerated.
 */

const DELIMITERS = [',', ';', '\t', '|'];

/** The longest field a list of subscribers has any use for; a longer one is refused, never grown without bound. */
export const MAX_FIELD = 64 * 1024;

/** A CSV that is no list of subscribers (a field past MAX_FIELD). */
export class CsvTooLarge extends Error {}

/** The delimiter of a file: whichever of , ; tab | splits its first line (outside quotes) most often. */
export function sniffDelimiter(text: string): string {
  const first = text.slice(0, 4096).split(/\r?\n/, 1)[0] ?? '';
  let best = ',';
  let most = 0;
  for (const d of DELIMITERS) {
    let n = 0;
    let quoted = false;
    for (const ch of first) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) n++;
    }
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

/**
 * Reads CSV a piece at a time (a file streamed in chunks): `push` answers the rows completed so far, `end` the last
 * one (a file need not end with a line break). Quotes may hold delimiters, line breaks and doubled quotes; blank
 * lines are skipped; a byte-order mark at the start is dropped.
 */
export class CsvParser {
  private row: string[] = [];
  private field = '';
  private quoted = false;
  /** A quote or CR that ended a chunk, whose meaning the next chunk's first character decides. */
  private held = '';
  private started = false;

  constructor(readonly delimiter: string) {}

  push(chunk: string): string[][] {
    let s = this.held + chunk;
    this.held = '';
    if (!this.started && s.length) {
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    const rows: string[][] = [];
    const d = this.delimiter;
    let field = this.field;
    let quoted = this.quoted;
    let i = 0;
    const endRow = () => {
      this.row.push(field);
      if (this.row.length > 1 || this.row[0] !== '') rows.push(this.row);
      this.row = [];
      field = '';
    };
    while (i < s.length) {
      const ch = s[i];
      if ((ch === '"' || ch === '\r') && i === s.length - 1) {
        this.held = ch; // "" or "\r\n" may go on in the next chunk
        break;
      }
      if (quoted) {
        if (ch === '"' && s[i + 1] === '"') ((field += '"'), (i += 2));
        else if (ch === '"') ((quoted = false), i++);
        else {
          // The run up to the next quote, at once: fields of many characters are common.
          const next = s.indexOf('"', i);
          const stop = next < 0 ? s.length : next;
          field = grow(field, s, i, stop);
          i = stop;
        }
      } else if (ch === '"' && field === '') ((quoted = true), i++);
      else if (ch === d) (this.row.push(field), (field = ''), i++);
      else if (ch === '\r' && s[i + 1] === '\n') (endRow(), (i += 2));
      else if (ch === '\n' || ch === '\r') (endRow(), i++);
      else {
        // The run up to the next delimiter, quote or line break, as one slice (never a character at a time).
        let stop = i + 1;
        while (stop < s.length && s[stop] !== d && s[stop] !== '"' && s[stop] !== '\n' && s[stop] !== '\r') stop++;
        field = grow(field, s, i, stop);
        i = stop;
      }
    }
    this.field = field;
    this.quoted = quoted;
    return rows;
  }

  end(): string[][] {
    const last = this.held;
    this.held = '';
    // A quote held at the very end closes a quoted field, or is a character of an unquoted one.
    if (last === '"' && this.quoted) this.quoted = false;
    else if (last === '"' && this.field !== '') this.field += '"';
    const rows: string[][] = [];
    if (this.field !== '' || this.row.length) {
      this.row.push(this.field);
      if (this.row.length > 1 || this.row[0] !== '') rows.push(this.row);
    }
    this.row = [];
    this.field = '';
    return rows;
  }
}

/** A field with s[from, to) added; past MAX_FIELD the file is refused (a 45 MB field would grow the heap by a GB). */
function grow(field: string, s: string, from: number, to: number): string {
  if (field.length + (to - from) > MAX_FIELD)
    throw new CsvTooLarge(`A field is longer than ${MAX_FIELD / 1024} KB: this does not look like a list of subscribers.`);
  return field + s.slice(from, to);
}

/** Rows of fields of a whole text (see CsvParser). */
export function parseCsv(text: string, delimiter = sniffDelimiter(text)): string[][] {
  const parser = new CsvParser(delimiter);
  return [...parser.push(text), ...parser.end()];
}

/**
 * One CSV field. Quoted when it holds a delimiter, quote or line break; a value a spreadsheet would run as a formula
 * (starting with = + - @) gets a leading apostrophe, which `parseCsv` readers of ours take off again (`unformula`).
 */
export function csvField(value: string | number | undefined | null): string {
  let v = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",;\t|\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export const csvLine = (fields: readonly (string | number | undefined | null)[]) => `${fields.map(csvField).join(',')}\n`;

/** Takes off the apostrophe `csvField` put before a formula-like value. */
export const unformula = (v: string) => (/^'[=+\-@]/.test(v) ? v.slice(1) : v);
