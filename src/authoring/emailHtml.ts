/**
 * From a newsletter's body (HTML, or what VS Code's own Markdown renderer made of Markdown) to the HTML a mail app
 * shows as meant: nothing that runs or fetches on its own, the renderer's editor-only attributes gone, styles inline
 * on each element (many mail apps drop `<style>` blocks), and a 600-pixel column around it unless a template gives
 * the layout. The cleaning is sanitizeHtml's, the one cleaner: the preview shows what this returns, and a draft
 * sends it.
 */
import type { Service } from './fields';
import { describeRemoved, sanitizeHtml } from './sanitizeHtml';

const FONT = "font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif";
/** Each element's inline style; an element that has a style of its own keeps it. */
const INLINE_STYLES: Readonly<Record<string, string>> = {
  h1: `${FONT};font-size:28px;line-height:1.25;margin:0 0 16px;color:#1f2328`,
  h2: `${FONT};font-size:22px;line-height:1.3;margin:24px 0 12px;color:#1f2328`,
  h3: `${FONT};font-size:18px;line-height:1.35;margin:20px 0 8px;color:#1f2328`,
  p: `${FONT};font-size:16px;line-height:1.6;margin:0 0 16px;color:#1f2328`,
  li: `${FONT};font-size:16px;line-height:1.6;margin:0 0 6px;color:#1f2328`,
  ul: 'margin:0 0 16px;padding-left:24px',
  ol: 'margin:0 0 16px;padding-left:24px',
  a: 'color:#0969da;text-decoration:underline',
  blockquote: 'margin:0 0 16px;padding:0 16px;border-left:4px solid #d0d7de;color:#57606a',
  img: 'max-width:100%;height:auto;border:0',
  pre: 'background:#f6f8fa;padding:12px;border-radius:6px;overflow:auto;font-size:14px',
  code: "font-family:SFMono-Regular,Consolas,'Liberation Mono',monospace;font-size:14px",
  hr: 'border:0;border-top:1px solid #d0d7de;margin:24px 0',
  table: 'border-collapse:collapse;margin:0 0 16px',
  th: `${FONT};border:1px solid #d0d7de;padding:6px 12px;text-align:left`,
  td: `${FONT};border:1px solid #d0d7de;padding:6px 12px`,
};

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Takes out what runs or fetches by itself, and the editor-only marks of VS Code's renderer (sanitizeHtml). */
export function cleanBody(html: string): string {
  return sanitizeHtml(html).html;
}

/** Puts INLINE_STYLES on each element that has no style of its own. */
export function inlineStyles(html: string): string {
  return html.replace(/<([a-z][a-z0-9]*)\b([^>]*?)(\/?)>/gi, (whole, tag: string, attrs: string, slash: string) => {
    const style = INLINE_STYLES[tag.toLowerCase()];
    if (!style || /\sstyle\s*=/i.test(attrs)) return whole;
    return `<${tag}${attrs} style="${style}"${slash}>`;
  });
}

interface EmailOptions {
  title: string;
  /** The preview text mail apps show after the subject (hidden in the email itself). */
  preheader?: string;
  /** The body goes into a template that gives the page (SendPortal's `{{content}}`): no page of our own. */
  bare?: boolean;
}

/** The email: cleaned, styled inline, and in a page of its own unless a template gives one. */
export function emailHtml(body: string, o: EmailOptions): string {
  return email(body, o).html;
}

/** The email and what the cleaner took out of the body (said to the person before a draft is made). */
export function email(body: string, o: EmailOptions): { html: string; removed: string[] } {
  const cleaned = sanitizeHtml(body);
  return { html: page(inlineStyles(cleaned.html), o), removed: describeRemoved(cleaned.removed) };
}

function page(content: string, o: EmailOptions): string {
  // A whole page of the author's own (an HTML file with <html>) or a template's: no page around it.
  if (o.bare || /<html[\s>]/i.test(content)) return content;
  const preheader = o.preheader ? `<div style="display:none;max-height:0;overflow:hidden;opacity:0">${escapeText(o.preheader)}</div>` : '';
  const table = (width: string, style: string) =>
    `<table role="presentation" width="${width}" cellpadding="0" cellspacing="0" style="${style}">`;
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">\
<title>${escapeText(o.title)}</title></head>
<body style="margin:0;padding:0;background:#f6f8fa">${preheader}
${table('100%', 'background:#f6f8fa')}<tr><td align="center" style="padding:24px 12px">
${table('600', 'width:100%;max-width:600px;background:#ffffff;border-radius:8px')}<tr><td style="padding:32px">
${content}
</td></tr></table>
</td></tr></table>
</body></html>`;
}

/** The body written into a SendPortal template, as SendPortal does it [src: MergeContentService::mergeContent]. */
export function intoTemplate(template: string, content: string): string {
  return template.replace(/\{\{\s?content\s?\}\}/gi, () => content);
}

export interface Person {
  email: string;
  firstName?: string;
  lastName?: string;
  /** Sender's custom fields by tag ("{$plan}"). */
  fields?: Record<string, string>;
}

export const SAMPLE_PERSON: Person = { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' };

/** The merge tags as the service fills them for one person (links: a placeholder that goes nowhere). */
export function fillTags(html: string, service: Service, p: Person): string {
  const esc = (s: string | undefined) => escapeText(s ?? '');
  if (service === 'sendportal') {
    const values: Record<string, string> = {
      email: esc(p.email),
      first_name: esc(p.firstName),
      last_name: esc(p.lastName),
      unsubscribe_url: '#unsubscribe',
      webview_url: '#webview',
    };
    return html.replace(
      /\{\{\s?(email|first_name|last_name|unsubscribe_url|webview_url)\s?\}\}/gi,
      (_, k: string) => values[k.toLowerCase()],
    );
  }
  // Sender: `{{ name }}` (spaces optional), its built-in fields and the account's custom fields by key.
  const values: Record<string, string> = {
    email: esc(p.email),
    firstname: esc(p.firstName),
    lastname: esc(p.lastName),
    unsubscribe_link: '#unsubscribe',
    browser_preview: '#webview',
  };
  for (const [k, v] of Object.entries(p.fields ?? {})) values[k.replace(/^\{\$|\}$/g, '').toLowerCase()] = esc(v);
  return html.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (tag, k: string) => values[k.toLowerCase()] ?? tag);
}
