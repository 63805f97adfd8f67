/**
 * A preview's page: the email arrives by message, already cleaned by the host (authoring/sanitizeHtml, the one
 * cleaner, the same that cleans what is sent), and is set as the `srcdoc` of an iframe sandboxed without
 * `allow-scripts`. A live preview is then sent patches (what a keystroke changed); Narrow shows a phone's width,
 * Dark how a mail app that inverts colours shows it (images kept as they are). A click on a link is handed to the
 * extension, which opens it through VS Code.
 */
import { type Held, type Patch, applyPatch } from './patch';
import { byId, keep, startPage, stateOf } from './page';

/** How a mail app that inverts colours shows it: the page inverted, its pictures inverted back. */
const INVERT = 'filter:invert(1) hue-rotate(180deg)';
const DARK = `<style>html{${INVERT};background:#fff}img,picture,video,[style*="background-image"]{${INVERT}}</style>`;

interface View {
  narrow: boolean;
  dark: boolean;
}

/** The frame's document for a view: the email, darkened in its head (or before it, when it has none). */
export function frameDoc(html: string, view: View): string {
  if (!view.dark) return html;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  return head ? html.slice(0, head.index + head[0].length) + DARK + html.slice(head.index + head[0].length) : DARK + html;
}

interface Content {
  type: 'content';
  html: string;
  version: number;
  filledFor?: unknown;
}

/** What a message makes of the page's HTML: the whole, a patch applied, `resync` (out of step) or nothing (not ours). */
export function nextHtml(held: Held | undefined, m: unknown): Held | 'resync' | undefined {
  const msg = m as (Partial<Content> & Partial<Patch>) | null;
  if (msg?.type === 'patch') return applyPatch(held, msg as Patch) ?? 'resync';
  const whole = msg?.type === 'content' && typeof msg.html === 'string' && typeof msg.version === 'number';
  return whole ? { html: msg.html as string, version: msg.version as number } : undefined;
}

function main(): void {
  const api = startPage();
  const frame = byId<HTMLIFrameElement>('mail');
  const text = byId('text');
  const toggle = byId('toggle');
  if (!frame || !text || !toggle) return;
  const view: View = { narrow: stateOf(api).narrow === true, dark: stateOf(api).dark === true };
  let held: Held | undefined;

  const draw = () => {
    if (!held) return;
    frame.srcdoc = frameDoc(held.html, view);
    frame.style.width = view.narrow ? '375px' : '100%';
    for (const k of ['narrow', 'dark'] as const) byId(k)?.setAttribute('aria-pressed', String(view[k]));
  };
  for (const k of ['narrow', 'dark'] as const) {
    byId(k)?.addEventListener('click', () => {
      view[k] = !view[k];
      keep(api, { ...view });
      draw();
    });
  }
  frame.addEventListener('load', () => {
    frame.contentDocument?.addEventListener(
      'click',
      (e) => {
        // The frame's own realm: its elements are not this page's `Element`, so no instanceof here.
        const target = e.target as Partial<Pick<Element, 'closest'>> | null;
        const a = typeof target?.closest === 'function' ? target.closest('a, area') : null;
        if (!a) return;
        e.preventDefault();
        const href = a.getAttribute('href') ?? a.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
        if (href) api.postMessage({ link: href });
      },
      true,
    );
  });
  toggle.addEventListener('click', () => {
    const showText = text.hidden;
    if (showText) text.textContent = frame.contentDocument?.body?.innerText ?? '';
    text.hidden = !showText;
    frame.hidden = showText;
    toggle.textContent = (showText ? toggle.dataset.html : toggle.dataset.text) ?? '';
  });
  window.addEventListener('message', (e: MessageEvent<unknown>) => {
    const next = nextHtml(held, e.data);
    if (next === 'resync') return api.postMessage({ resync: true });
    if (!next) return;
    held = next;
    const filled = byId('filled');
    const filledFor = (e.data as { filledFor?: unknown }).filledFor;
    if (filled) filled.textContent = typeof filledFor === 'string' ? filledFor : '';
    document.body.dataset.version = String(next.version);
    draw();
  });
  api.postMessage({ ready: true });
}

if (typeof document !== 'undefined') main();
