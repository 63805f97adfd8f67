/**
 * A newsletter file's front matter: the block between two `---` lines at the top, in the small part of YAML such
 * blocks use (`key: value`, quoted values, `[a, b]` lists and `- item` lines, `#` comments). Every value keeps where it
 * stands, for diagnostics, hovers, completions and for writing the campaign's id back. No YAML engine is shipped.
 */

export interface Span {
  line: number;
  start: number;
  end: number;
}

interface Field {
  key: string;
  /** The text, or the items of a list. */
  value: string | string[];
  /** Where the key is. */
  keySpan: Span;
  /** Where the value is (a block list: its first item). */
  valueSpan: Span;
  /** Where each item is, for a list. */
  itemSpans?: Span[];
}

export interface FrontMatter {
  fields: Map<string, Field>;
  /** The line of the closing `---`. */
  endLine: number;
  /** Where the body starts, as an offset into the text. */
  bodyOffset: number;
  /** The body's first line. */
  bodyLine: number;
  /** Lines that are not `key: value`, or keys given twice. */
  problems: { span: Span; message: string }[];
}

const KEY_LINE = /^([A-Za-z_][\w-]*)\s*:(.*)$/;

function unquote(raw: string): string {
  const t = raw.trim();
  if (t.length >= 2 && ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")))) {
    return t.startsWith('"') ? t.slice(1, -1).replace(/\\(["\\])/g, '$1') : t.slice(1, -1).replace(/''/g, "'");
  }
  return t;
}

/** Drops a ` # comment` that is not inside quotes. */
function withoutComment(text: string): string {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]))) return text.slice(0, i);
  }
  return text;
}

/** Splits `a, "b, c"` at the commas outside quotes, each part with its offset in `text`. */
function splitItems(text: string, base: number): { value: string; start: number; end: number }[] {
  const out: { value: string; start: number; end: number }[] = [];
  let quote = '';
  let from = 0;
  const push = (to: number) => {
    const part = text.slice(from, to);
    const lead = part.length - part.trimStart().length;
    const value = unquote(part);
    if (value) out.push({ value, start: base + from + lead, end: base + from + part.trimEnd().length });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ',') {
      push(i);
      from = i + 1;
    }
  }
  push(text.length);
  return out;
}

/** The front matter of a newsletter file, or undefined when the file does not start with `---`. */
/** A newsletter's front matter is a dozen lines: this many are read at most (a 300,000-key block costs nothing). */
const MAX_LINES = 500;
const MAX_PROBLEMS = 100;

/** The first `n` lines of a text, found with indexOf (a whole 10 MB file is never split). */
function firstLines(text: string, n: number): string[] {
  const out: string[] = [];
  let at = 0;
  while (out.length < n && at <= text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    out.push(text.slice(at, end > at && text[end - 1] === '\r' ? end - 1 : end));
    if (nl < 0) break;
    at = nl + 1;
  }
  return out;
}

/** A `key: value` line as a field: a `[a, b]` list, a scalar, or (nothing after the colon) a list whose `- ` items follow. */
function keyField(n: number, content: string, key: string, rawValue: string): { field: Field; opensList: boolean } {
  const valueStart = key.length + (content.length - key.length - rawValue.length) + (rawValue.length - rawValue.trimStart().length);
  const trimmed = rawValue.trim();
  const keySpan = { line: n, start: 0, end: key.length };
  const valueSpan = { line: n, start: valueStart, end: valueStart + trimmed.length };
  if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
    const items = splitItems(trimmed.slice(1, -1), valueStart + 1);
    const itemSpans = items.map((i) => ({ line: n, start: i.start, end: i.end }));
    return { field: { key, value: items.map((i) => i.value), keySpan, valueSpan, itemSpans }, opensList: false };
  }
  if (!trimmed) {
    const at = { line: n, start: content.length, end: content.length };
    return { field: { key, value: [], keySpan, valueSpan: at, itemSpans: [] }, opensList: true };
  }
  return { field: { key, value: unquote(trimmed), keySpan, valueSpan }, opensList: false };
}

export function parseFrontMatter(text: string): FrontMatter | undefined {
  if (!/^[ \t]*---[ \t]*\r?(\n|$)/.test(text)) return undefined;
  const lines = firstLines(text, MAX_LINES + 1);
  const fields = new Map<string, Field>();
  const problems: FrontMatter['problems'] = [];
  let list: Field | undefined;
  let endLine = -1;
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n];
    if (line.trim() === '---') {
      endLine = n;
      break;
    }
    const content = withoutComment(line);
    if (!content.trim()) continue;
    const item = content.match(/^(\s*-\s+)(.*)$/);
    if (item && list) {
      const value = unquote(item[2]);
      const span = { line: n, start: item[1].length, end: content.trimEnd().length };
      const spans = (list.itemSpans ??= []);
      (list.value as string[]).push(value);
      spans.push(span);
      if (spans.length === 1) list.valueSpan = span;
      continue;
    }
    const m = content.match(KEY_LINE);
    if (!m || /^\s/.test(content)) {
      if (problems.length < MAX_PROBLEMS)
        problems.push({ span: { line: n, start: 0, end: line.length }, message: 'Not a "key: value" line.' });
      list = undefined;
      continue;
    }
    const { field, opensList } = keyField(n, content, m[1], m[2]);
    list = opensList ? field : undefined;
    if (!fields.has(field.key)) fields.set(field.key, field);
    else if (problems.length < MAX_PROBLEMS)
      problems.push({ span: field.keySpan, message: `"${field.key}" is given twice: the first one counts.` });
  }
  if (endLine < 0) {
    const message =
      lines.length > MAX_LINES
        ? `The front matter has no closing "---" within its first ${MAX_LINES} lines: the rest is not read.`
        : 'The front matter has no closing "---" line.';
    return {
      fields,
      endLine: lines.length,
      bodyOffset: text.length,
      bodyLine: lines.length,
      problems: [...problems.slice(0, MAX_PROBLEMS), { span: { line: 0, start: 0, end: 3 }, message }],
    };
  }
  let bodyOffset = 0;
  for (let n = 0; n <= endLine; n++) bodyOffset = text.indexOf('\n', bodyOffset) + 1 || text.length;
  return { fields, endLine, bodyOffset, bodyLine: endLine + 1, problems };
}

/** A field's text ("" for none, the first item of a list). */
export function textOf(fm: FrontMatter, key: string): string {
  const v = fm.fields.get(key)?.value;
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
}

/** A field's items (a text value is one item; `a, b` in a text value is two). */
export function itemsOf(fm: FrontMatter, key: string): string[] {
  const v = fm.fields.get(key)?.value;
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : splitItems(v, 0).map((i) => i.value)).map((x) => x.trim()).filter(Boolean);
}

/** How a value is written so that it reads back the same (quoted when YAML would read it otherwise). */
export function yamlValue(value: string): string {
  return /^[\w.@<>+/ -]*$/.test(value) && value.trim() === value && !/^[-?]/.test(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * Where a `key: value` line goes in the text: the edit that sets `key` (its line replaced if it is there, a new line
 * before the closing `---` otherwise). Offsets into `text`.
 */
export function setField(text: string, fm: FrontMatter, key: string, value: string): { start: number; end: number; text: string } {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const existing = fm.fields.get(key);
  const line = `${key}: ${yamlValue(value)}`;
  if (existing && !Array.isArray(existing.value)) {
    const at = lineStarts[existing.keySpan.line];
    const lineEnd = text.indexOf('\n', at);
    const end = lineEnd < 0 ? text.length : text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    return { start: at, end, text: line };
  }
  const at = lineStarts[fm.endLine] ?? text.length;
  return { start: at, end: at, text: line + eol };
}
