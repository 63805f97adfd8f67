/** Merge tags in a newsletter's body that its service does not fill, or that are not tags at all. */
import { type Service, mergeTags } from './fields';
import type { FrontMatter, Span } from './frontMatter';
import type { Add, Known } from './problems';

/**
 * Where merge tags stand in the body, well formed (`{{…}}`, `{$…}`) or not (`{$firstname$}`, `{{ name }`, a `}}`
 * with no opening): each with its line and column. At most 1,000 (a larger body is checked that far).
 */
function bodyTags(text: string, fm: FrontMatter): { tag: string; span: Span; malformed: boolean }[] {
  const out: { tag: string; span: Span; malformed: boolean }[] = [];
  let at = fm.bodyOffset;
  for (let i = 0; at <= text.length && out.length < 1000 && i < 100_000; i++) {
    const nl = text.indexOf('\n', at);
    const line = text.slice(at, nl < 0 ? text.length : nl);
    at = nl < 0 ? text.length + 1 : nl + 1;
    for (const m of line.matchAll(
      /\{\{\s*[\w.]+\s*\}\}|\{\$[\w.]+\}|\{\{[^{}\n]{0,40}\}(?!\})|\{\$[^{}\s]{0,40}\}\}?|\{\{\s*[\w.]+\s*$|\}\}/g,
    )) {
      const tag = m[0];
      const malformed = !/^(\{\{\s*[\w.]+\s*\}\}|\{\$[\w.]+\})$/.test(tag);
      if (out.length < 1000) out.push({ tag, span: { line: fm.bodyLine + i, start: m.index, end: m.index + tag.length }, malformed });
    }
  }
  return out;
}

const norm = (tag: string) => tag.replace(/\s+/g, '').toLowerCase();

/** The tag the service fills that a written tag most likely meant (its words, the other service's form), if any. */
function meant(tag: string, own: readonly string[]): string | undefined {
  const words = (t: string) =>
    t
      .replace(/[{}$\s]/g, '')
      .toLowerCase()
      .replace(/_/g, '');
  const w = words(tag);
  return w ? own.find((t) => words(t) === w) : undefined;
}

/** Merge tags in the body that the service does not fill, or that are not tags at all; each with its fix where known. */
export function checkTags(text: string, fm: FrontMatter, known: Known, add: Add): void {
  const { service } = known;
  if (!service) return;
  const own = mergeTags(service, known.customTags).map((t) => t.tag);
  const tags = new Set(own.map(norm));
  const other: Service = service === 'sender' ? 'sendportal' : 'sender';
  const otherTags = new Set(mergeTags(other).map((t) => norm(t.tag)));
  const name = known.serviceName ?? service;
  for (const { tag, span, malformed } of bodyTags(text, fm)) {
    if (!malformed && (tags.has(norm(tag)) || norm(tag) === '{{content}}')) continue;
    const fixTo = meant(tag, own);
    const fix = fixTo ? { title: `Write ${fixTo}`, text: fixTo } : undefined;
    if (malformed) {
      add(
        span,
        'warning',
        'malformed-tag',
        `${tag} is not a merge tag ${name} fills: readers would see it as written.${fixTo ? ` Did you mean ${fixTo}?` : ''}`,
        fix,
      );
      continue;
    }
    const hint =
      /^\{\$/.test(tag) && service === 'sender'
        ? " ({$…} is the API's key for a custom field; in a body Sender fills {{ … }})"
        : otherTags.has(norm(tag))
          ? ` (that is how ${other === 'sender' ? 'Sender' : 'SendPortal'} writes it)`
          : '';
    add(
      span,
      'warning',
      'unknown-tag',
      `${name} does not fill ${tag}${hint}: readers would see it as written. Its tags: ${own.join(' ')}`,
      fix,
    );
  }
}
