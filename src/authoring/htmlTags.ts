/**
 * Reading HTML as a browser's tokenizer does, for the cleaner (sanitizeHtml.ts): one tag with its attributes (quoted,
 * unquoted or bare, however spaced), and where a raw-text element's content ends.
 */
export interface Tag {
  name: string;
  end: boolean;
  attrs: [string, string | undefined][];
  selfClosing: boolean;
  /** Where the tag ends in the input (after '>'). */
  next: number;
}

const NAME = /[a-zA-Z][^\s/>\u0000]*/y;
const ATTR_NAME = /[^\s/>"'=\u0000][^\s/>"'=\u0000]*/y;

/** Reads one tag starting at `<` (html[i] === '<'), as the HTML tokenizer does; undefined when it is not a tag. */
export function readTag(html: string, i: number): Tag | undefined {
  let p = i + 1;
  const end = html[p] === '/';
  if (end) p++;
  NAME.lastIndex = p;
  const m = NAME.exec(html);
  if (!m) return undefined;
  p = NAME.lastIndex;
  const attrs: Tag['attrs'] = [];
  let selfClosing = false;
  for (;;) {
    while (p < html.length && /[\s/]/.test(html[p])) {
      if (html[p] === '/' && html[p + 1] === '>') selfClosing = true;
      p++;
    }
    if (p >= html.length) return { name: m[0].toLowerCase(), end, attrs, selfClosing, next: html.length };
    if (html[p] === '>') return { name: m[0].toLowerCase(), end, attrs, selfClosing, next: p + 1 };
    ATTR_NAME.lastIndex = p;
    const a = ATTR_NAME.exec(html);
    const name = a ? a[0].toLowerCase() : html[p];
    p = a ? ATTR_NAME.lastIndex : p + 1;
    while (/\s/.test(html[p] ?? '')) p++;
    if (html[p] !== '=') {
      attrs.push([name, undefined]);
      continue;
    }
    p++;
    while (/\s/.test(html[p] ?? '')) p++;
    const q = html[p];
    if (q === '"' || q === "'") {
      const close = html.indexOf(q, p + 1);
      const stop = close < 0 ? html.length : close;
      attrs.push([name, html.slice(p + 1, stop)]);
      p = stop + 1;
    } else {
      const start = p;
      while (p < html.length && !/[\s>]/.test(html[p])) p++;
      attrs.push([name, html.slice(start, p)]);
    }
  }
}

/** The end of a raw-text element's content: its end tag, or the end of the input. */
export function rawEnd(html: string, from: number, name: string): { contentEnd: number; next: number } {
  const re = new RegExp(`</${name}[\\s/>]`, 'gi');
  re.lastIndex = from;
  const m = re.exec(html);
  if (!m) return { contentEnd: html.length, next: html.length };
  const close = html.indexOf('>', m.index);
  return { contentEnd: m.index, next: close < 0 ? html.length : close + 1 };
}
