/** A newsletter file's problems as validate.ts and its checks write them, and what they share. */
import type { Service } from './fields';
import type { FrontMatter, Span } from './frontMatter';

type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  span: Span;
  severity: Severity;
  message: string;
  /** For code actions and tests: 'unknown-field', 'missing', 'unknown-list', … */
  code: string;
  /** The text that fixes it (a quick fix), where there is one: in place of the span, or of `at` when given. */
  fix?: { title: string; text: string; at?: { line: number; start: number; endLine: number; end: number } };
}

export interface Known {
  /** The service the file is for; undefined when its connection is not known. */
  service?: Service;
  /** The service's name, for messages ("Sender"). */
  serviceName?: string;
  connectionNames: readonly string[];
  /** The connection's lists by name, once loaded (undefined: not checked). */
  lists?: readonly { name: string; kind: string }[];
  templates?: readonly { name: string; html?: string }[];
  /** Sender's custom fields' tags ("{$plan}"). */
  customTags?: readonly string[];
  /** The addresses the connection's latest campaigns were sent from, newest first (a free-mail sender's fix). */
  senders?: readonly string[];
  now: number;
}

/** Adds a problem (validate keeps at most its limit). */
export type Add = (span: Span, severity: Severity, code: string, message: string, fix?: Problem['fix']) => void;

/** The option nearest to a word (letter case aside), within 3 edits; for "did you mean" and its quick fix. */
export function nearest(word: string, options: readonly string[]): string | undefined {
  const dist = (a: string, b: string) => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++)
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    return d[a.length][b.length];
  };
  if (word.length > 60) return undefined;
  const best = options
    .slice(0, 500)
    .map((o) => ({ o, d: o.length > 60 ? 99 : dist(word.toLowerCase(), o.toLowerCase()) }))
    .sort((a, b) => a.d - b.d)[0];
  return best && best.d <= 3 ? best.o : undefined;
}

export const TOP: Span = { line: 0, start: 0, end: 3 };
export const at = (fm: FrontMatter, key: string) => fm.fields.get(key)?.valueSpan ?? TOP;
