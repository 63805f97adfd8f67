/**
 * The one cleaner for a newsletter's HTML: what the live preview shows and what a draft sends are its output. It
 * reads the HTML into tags and text (as a browser's tokenizer would: quoted and unquoted attributes, raw-text
 * elements, comments) and writes it out again from an allow-list, so nothing it did not recognise passes through:
 * elements that run, fetch, navigate or embed (script, iframe, object, svg, form, base, link, meta refresh …) are
 * gone with their content; every attribute is one of a known set, its value escaped; URLs keep only http(s), mailto,
 * tel, cid, fragments, relative paths, merge tags and data: images, read after entities are decoded; styles lose
 * `@import`, `expression()`, bindings and script URLs; VS Code's renderer's own marks (`data-*`, `code-line`,
 * `dir="auto"`, the Mermaid config span) never leave the editor. Pure (no DOM, no vscode): the host runs it on the
 * body it sends, and the preview shows what it returns.
 */
import { type Tag, rawEnd, readTag } from './htmlTags';

/** What was taken out, by kind, so that the person can be told before a draft is created. */
interface Removed {
  elements: Map<string, number>;
  attributes: Map<string, number>;
  urls: number;
  styles: number;
}

interface Cleaned {
  html: string;
  removed: Removed;
}

/** Elements dropped with everything inside them. */
const DROP_WITH_CONTENT = new Set(
  (
    'script iframe frame frameset object embed applet portal noscript template audio video svg math xml noembed ' +
    'noframes xmp plaintext select textarea button canvas dialog'
  ).split(' '),
);
/** Elements whose content is raw text up to their end tag (the tokenizer does not look for tags inside). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);
const VOID = new Set(['area', 'br', 'col', 'hr', 'img', 'meta', 'wbr', 'link', 'base', 'input', 'source', 'track', 'param', 'embed']);
/** Elements kept (with an allowed attribute set); others lose their tags and keep their text. */
const KEEP = new Set(
  (
    'html head body title style meta a abbr address area article aside b bdi bdo big blockquote br caption center ' +
    'cite code col colgroup dd del details dfn div dl dt em figcaption figure font footer h1 h2 h3 h4 h5 h6 header ' +
    'hr i img ins kbd li main map mark nav ol p pre q s samp section small span strike strong sub summary sup table ' +
    'tbody td tfoot th thead time tr tt u ul var'
  ).split(' '),
);
const ATTRIBUTES = new Set(
  (
    'align valign bgcolor background border cellpadding cellspacing width height style class id title alt src href ' +
    'target rel colspan rowspan dir lang role color face size name hspace vspace summary scope headers abbr span ' +
    'start type reversed datetime nowrap shape coords usemap open charset content cite xmlns width frame rules char ' +
    'charoff'
  ).split(' '),
);
const URL_ATTRIBUTES = new Set(['href', 'src', 'background', 'cite']);
/** `meta` is kept for what a mail page declares, never for what it makes the reader do (refresh, cookies, policy). */
const META_NAMES = /^(viewport|color-scheme|supported-color-schemes|x-apple-disable-message-reformatting|format-detection)$/i;

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  colon: ':',
  tab: '\t',
  newline: '\n',
  sol: '/',
  lpar: '(',
  rpar: ')',
  period: '.',
};

/** Entities decoded as a browser decodes an attribute value (named, decimal, hex; the semicolon optional). */
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[e.toLowerCase()] ?? whole;
  });
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A URL a mail may carry: its scheme read after entities, control characters and white space are gone. */
function safeUrl(value: string, attr: string): boolean {
  // Merge tags first ("{{ unsubscribe_link }}", "{$url}"): what follows them is read as the URL (an empty tag leaves it).
  const v = decodeEntities(value)
    .replace(/[\u0000-\u0020\u007f-\u009f]/g, '')
    .toLowerCase()
    .replace(/^(\{\{[^}]*\}\}|\{\$[^}]*\})+/, '');
  if (!/^[a-z][a-z0-9+.-]*:/.test(v)) return true; // relative, a fragment, or a merge tag alone
  if (/^(https?|mailto|tel|cid):/.test(v)) return true;
  return attr !== 'href' && /^data:image\/(png|gif|jpe?g|webp);/.test(v);
}

/** A style (attribute or block) with nothing that runs or imports. */
function safeStyle(css: string): string | undefined {
  const v = decodeEntities(css.replace(/\/\*[\s\S]*?\*\//g, '')).replace(/\\([0-9a-f]{1,6}\s?)/gi, (_, h: string) =>
    String.fromCodePoint(parseInt(h, 16) || 0xfffd),
  );
  if (/@import|expression\s*\(|behavior\s*:|-moz-binding|javascript:|vbscript:/i.test(v)) return undefined;
  for (const m of v.matchAll(/url\s*\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) if (!safeUrl(m[2], 'src')) return undefined;
  return css;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/** The attributes an element keeps, written out; what it loses is counted. */
function keptAttributes(tag: Tag, removed: Removed): string {
  let out = '';
  const seen = new Set<string>();
  for (const [name, raw] of tag.attrs) {
    if (seen.has(name)) continue;
    seen.add(name);
    const value = raw === undefined ? '' : raw;
    const decoded = decodeEntities(value);
    if (!ATTRIBUTES.has(name) && !/^aria-[a-z]+$/.test(name)) {
      // VS Code's renderer's marks go silently: they were never the author's.
      if (!/^data-(line|href|config)$/.test(name)) bump(removed.attributes, name);
      continue;
    }
    if (name === 'class') {
      const kept = decoded
        .split(/\s+/)
        .filter((c) => c && c !== 'code-line')
        .join(' ');
      if (kept) out += ` class="${escapeAttr(kept)}"`;
      continue;
    }
    if (name === 'dir' && decoded === 'auto') continue;
    if (name === 'content' && tag.name !== 'meta') continue;
    if (URL_ATTRIBUTES.has(name) && !safeUrl(value, name)) {
      removed.urls++;
      continue;
    }
    if (name === 'style') {
      const css = safeStyle(decoded);
      if (css === undefined) {
        removed.styles++;
        continue;
      }
      out += ` style="${escapeAttr(css)}"`;
      continue;
    }
    out += raw === undefined ? ` ${name}` : ` ${name}="${escapeAttr(decoded)}"`;
  }
  return out;
}

/** Whether an element is kept at all, given what its attributes say (a meta refresh, the Mermaid span). */
function keepElement(tag: Tag): boolean {
  const attr = (n: string) => tag.attrs.find(([k]) => k === n)?.[1];
  if (tag.name === 'meta') return attr('charset') !== undefined || META_NAMES.test(attr('name') ?? '');
  return true;
}

/** One element's tag written out (or left out, with what it holds when it must go); `next` is where reading goes on. */
function element(html: string, tag: Tag, removed: Removed): { out: string; next: number } {
  const i = tag.next;
  if (!tag.end && RAW_TEXT.has(tag.name)) {
    const { contentEnd, next } = rawEnd(html, i, tag.name);
    const content = html.slice(i, contentEnd);
    if (DROP_WITH_CONTENT.has(tag.name)) {
      bump(removed.elements, tag.name);
      return { out: '', next };
    }
    if (tag.name === 'style') {
      const css = safeStyle(content);
      if (css === undefined) removed.styles++;
      return { out: css === undefined ? '' : `<style${keptAttributes(tag, removed)}>${css.replace(/<\//g, '<\\/')}</style>`, next };
    }
    return {
      out: `<${tag.name}${keptAttributes(tag, removed)}>${content.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</${tag.name}>`,
      next,
    };
  }
  if (DROP_WITH_CONTENT.has(tag.name)) {
    if (tag.end) return { out: '', next: i };
    bump(removed.elements, tag.name);
    return { out: '', next: !VOID.has(tag.name) && !tag.selfClosing ? rawEnd(html, i, tag.name).next : i };
  }
  if (!KEEP.has(tag.name) || (!tag.end && !keepElement(tag))) {
    if (!tag.end) bump(removed.elements, tag.name);
    return { out: '', next: i };
  }
  if (tag.end) return { out: VOID.has(tag.name) ? '' : `</${tag.name}>`, next: i };
  return { out: `<${tag.name}${keptAttributes(tag, removed)}${VOID.has(tag.name) && tag.selfClosing ? ' /' : ''}>`, next: i };
}

/** Cleans a newsletter's HTML (see the module's comment); `removed` says what went, for the person. */
export function sanitizeHtml(html: string): Cleaned {
  const removed: Removed = { elements: new Map(), attributes: new Map(), urls: 0, styles: 0 };
  let out = '';
  let i = 0;
  /** Inside a dropped `<span id="markdown-mermaid">`: how deep. */
  let skipSpan = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const text = html.slice(i, lt < 0 ? html.length : lt);
    if (!skipSpan) out += text.replace(/>/g, '&gt;');
    if (lt < 0) break;
    i = lt;
    if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      i = close < 0 ? html.length : close + 3;
      continue;
    }
    if (html[i + 1] === '!' || html[i + 1] === '?') {
      const close = html.indexOf('>', i);
      if (/^<!doctype\s+html/i.test(html.slice(i, i + 15)) && !skipSpan) out += '<!DOCTYPE html>';
      i = close < 0 ? html.length : close + 1;
      continue;
    }
    const tag = readTag(html, i);
    if (!tag) {
      if (!skipSpan) out += '&lt;';
      i++;
      continue;
    }
    i = tag.next;
    if (tag.name === 'span' && !tag.end && tag.attrs.some(([k, v]) => k === 'id' && v === 'markdown-mermaid')) {
      skipSpan++;
      continue;
    }
    if (skipSpan) {
      if (tag.name === 'span') skipSpan += tag.end ? -1 : tag.selfClosing ? 0 : 1;
      continue;
    }
    const written = element(html, tag, removed);
    out += written.out;
    i = written.next;
  }
  return { html: out, removed };
}

/** What `removed` says, in words: "2 script elements, 3 on… attributes, 1 unsafe link". Empty when nothing. */
export function describeRemoved(r: Removed): string[] {
  const out: string[] = [];
  for (const [name, n] of r.elements) out.push(`${n} <${name}>`);
  const handlers = [...r.attributes].filter(([k]) => k.startsWith('on')).reduce((a, [, n]) => a + n, 0);
  if (handlers) out.push(`${handlers} event handler attribute(s)`);
  const others = [...r.attributes].filter(([k]) => !k.startsWith('on'));
  for (const [name, n] of others) out.push(`${n} ${name}=`);
  if (r.urls) out.push(`${r.urls} unsafe link(s) or source(s)`);
  if (r.styles) out.push(`${r.styles} unsafe style(s)`);
  return out;
}
