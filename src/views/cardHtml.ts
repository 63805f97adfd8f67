/**
 * The HTML of the extension's webviews, as plain functions (no vscode: unit-tested with hostile input). Every
 * string is escaped here; the only script is the extension's own, carrying the page's nonce; the Content-Security-
 * Policy allows nothing else. The pages' scripts are src/webview/*Page.ts, bundled into strings by scripts/build.mjs.
 */
import CARD_SCRIPT from 'page-script:card';
import PREVIEW_SCRIPT from 'page-script:preview';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The codicons the cards draw, inline: scripts/build.mjs copies these symbols out of @vscode/codicons into
 * dist/codicons.json (a few KB instead of the 126 KB icon font), read from here by name.
 */
export const CARD_ICONS = [
  'edit',
  'add',
  'circle-slash',
  'check',
  'copy',
  'link-external',
  'json',
  'trash',
  'eye',
  'send',
  'calendar',
  'debug-stop',
  'file-media',
  'device-mobile',
  'color-mode',
  'person',
] as const;
export type CardIcon = (typeof CARD_ICONS)[number];

interface CardField {
  label: string;
  value: string;
  /**
   * A small bar after the value: its own share (0..1) and a reference drawn as a tick (a median). Decoration: the
   * value says it in words.
   */
  bar?: { value: number; reference: number };
}

/** The small bar of a field: the share filled in the chart blue, the reference a tick in the foreground colour. */
function fieldBar(b: NonNullable<CardField['bar']>): string {
  const max = Math.max(b.value, b.reference, 0.0001) * 1.25;
  const w = (v: number) => ((100 * v) / max).toFixed(1);
  return (
    ` <svg class="bar" viewBox="0 0 100 10" width="100" height="10" aria-hidden="true">` +
    `<rect x="0" y="2" width="100" height="6" class="bar-track"/>` +
    `<rect x="0" y="2" width="${w(b.value)}" height="6" class="bar-own"/>` +
    `<rect x="${w(b.reference)}" y="0" width="1.5" height="10" class="bar-ref"/></svg>`
  );
}

/**
 * A paged table under the fields (a campaign's report): toggle buttons (tabs) to choose what it lists, a page of rows at a time and a
 * button for the next. In the page, whatever can be clicked carries an action's id (`A`), as the buttons do.
 */
export interface CardTable<A = string> {
  title: string;
  tabs: { label: string; selected: boolean; action: A }[];
  columns: string[];
  /** The first cell of a row with an action is its link (a person's card). */
  rows: { cells: string[]; action?: A }[];
  /** Loading, nobody, or why a page failed. */
  note?: string;
  more?: { label: string; action: A };
}

export interface CardModel {
  title: string;
  subtitle?: string;
  badge?: string;
  sections: { title: string; fields: CardField[] }[];
  /**
   * Buttons; the page posts back only an id of the card's own (stable across renders: a click on a page drawn a
   * moment before still means the same action), so it can never name a command itself.
   */
  actions: { id: string; label: string; danger?: boolean; icon?: CardIcon }[];
  table?: CardTable;
}

interface PageOptions {
  nonce: string;
  /** The webview's own source (webview.cspSource). */
  cspSource: string;
  /** Codicon name → its `<svg>`, from the extension's own build (never from a server). */
  icons?: Readonly<Record<string, string>>;
}

const STYLE = `
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground);
    padding: 0 20px 20px; max-width: 760px; }
  h1 { font-size: 1.5em; font-weight: 600; margin: 16px 0 2px; }
  .subtitle { color: var(--vscode-descriptionForeground); margin-bottom: 8px; }
  .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; background: var(--vscode-badge-background);
    color: var(--vscode-badge-foreground); font-size: 0.85em; }
  h2 { font-size: 0.85em; text-transform: uppercase; letter-spacing: 0.04em; color: var(--vscode-descriptionForeground);
    margin: 20px 0 6px; font-weight: 600; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
  dt { color: var(--vscode-descriptionForeground); }
  dd { margin: 0; overflow-wrap: anywhere; }
  .actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; }
  button { display: inline-flex; align-items: center; gap: 6px; font-family: inherit; font-size: inherit; padding: 4px 12px;
    border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; cursor: pointer;
    color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
  button:hover { background: var(--vscode-button-secondaryHoverBackground); }
  button.primary { color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
  button.danger { color: var(--vscode-errorForeground); }
  button svg { width: 16px; height: 16px; fill: currentColor; flex: none; }
  button:focus-visible, a:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
  .tabs { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 8px; }
  .bar { vertical-align: middle; margin-left: 8px; } .bar-track { fill: var(--vscode-editorWidget-border, #8884); }
  .bar-own { fill: var(--vscode-charts-blue, #3794ff); } .bar-ref { fill: var(--vscode-foreground); }
  .tabs button[aria-pressed="true"] { color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
  table { border-collapse: collapse; width: 100%; }
  th { text-align: left; font-weight: 600; color: var(--vscode-descriptionForeground); }
  th, td { padding: 3px 12px 3px 0; border-bottom: 1px solid var(--vscode-widget-border, transparent); overflow-wrap: anywhere; }
  a { color: var(--vscode-textLink-foreground); text-decoration: none; cursor: pointer; }
  a:hover { text-decoration: underline; }
  .note { color: var(--vscode-descriptionForeground); margin: 8px 0; }
  .live { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .tabs button[aria-pressed="true"] { outline: 1px solid var(--vscode-contrastActiveBorder, transparent); outline-offset: -1px;
    font-weight: 600; }
`;

/** A strict policy: nothing from anywhere, styles of our own, the one script with this nonce, images as allowed. */
function csp(o: PageOptions, images = `${o.cspSource} data:`): string {
  return `default-src 'none'; style-src ${o.cspSource} 'unsafe-inline'; img-src ${images}; script-src 'nonce-${o.nonce}';`;
}

function page(o: PageOptions, title: string, body: string, script: string, policy = csp(o)): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}<script nonce="${escapeHtml(o.nonce)}">${script}</script></body></html>`;
}

/** A page of its own (Insights): the cards' style and policy, its own style beside, the action poster and its script. */
export function insightsPage(o: PageOptions, title: string, body: string, script: string, style: string): string {
  return page(o, title, `<style>${style}</style>${body}`, script);
}

const icon = (o: Pick<PageOptions, 'icons'>, name: string | undefined) => (name && o.icons?.[name]) || '';

/** A card's page: its body (as cardBody) under the page's one script, which then follows updates by message. */
export function cardHtml(model: CardModel, o: PageOptions): string {
  const body = `<div id="live" class="live" role="status" aria-live="polite"></div><main id="root">${cardBody(model, o)}</main>`;
  return page(o, model.title, body, CARD_SCRIPT);
}

/** What a card shows, every string escaped: sent whole on each update, set in place by the page. */
export function cardBody(model: CardModel, o: Pick<PageOptions, 'icons'>): string {
  const field = (f: CardField) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}${f.bar ? fieldBar(f.bar) : ''}</dd>`;
  const sections = model.sections
    .filter((s) => s.fields.length)
    .map((s) => `<h2>${escapeHtml(s.title)}</h2><dl>${s.fields.map(field).join('')}</dl>`)
    .join('');
  const actions = model.actions
    .map((a, i) => {
      const cls = i === 0 ? ' class="primary"' : a.danger ? ' class="danger"' : '';
      return `<button data-action="${escapeHtml(a.id)}"${cls}>${icon(o, a.icon)}${escapeHtml(a.label)}</button>`;
    })
    .join('');
  const subtitle = model.subtitle ? `<div class="subtitle">${escapeHtml(model.subtitle)}</div>` : '';
  const badge = model.badge ? `<span class="badge">${escapeHtml(model.badge)}</span>` : '';
  return `<h1>${escapeHtml(model.title)}</h1>${subtitle}${badge}
<div class="actions">${actions}</div>${sections}${model.table ? tableHtml(model.table) : ''}`;
}

function tableHtml(t: CardTable): string {
  const tabs = t.tabs
    .map((b) => `<button aria-pressed="${String(b.selected)}" data-action="${escapeHtml(b.action)}">${escapeHtml(b.label)}</button>`)
    .join('');
  const cell = (c: string, i: number, action?: string) =>
    `<td>${i === 0 && action !== undefined ? `<a href="#" data-action="${escapeHtml(action)}">${escapeHtml(c)}</a>` : escapeHtml(c)}</td>`;
  const rows = t.rows.map((r) => `<tr>${r.cells.map((c, i) => cell(c, i, r.action)).join('')}</tr>`).join('');
  const head = `<tr>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const table = t.rows.length ? `<table><thead>${head}</thead><tbody>${rows}</tbody></table>` : '';
  const note = t.note ? `<p class="note">${escapeHtml(t.note)}</p>` : '';
  const more = t.more
    ? `<div class="actions"><button data-action="${escapeHtml(t.more.action)}">${escapeHtml(t.more.label)}</button></div>`
    : '';
  const title = escapeHtml(t.title);
  return `<h2>${title}</h2><div class="tabs" role="group" aria-label="${title}">${tabs}</div>${table}${note}${more}`;
}

interface PreviewLabels {
  title: string;
  blocked: string;
  loadImages: string;
  plainText: string;
  html: string;
}

/** A preview that follows its source (a newsletter file): its toggles and whose merge tags it shows. */
export interface LiveLabels {
  narrow: string;
  dark: string;
  pickPerson: string;
  filledFor: string;
}

/**
 * A preview's page: the email, cleaned by the host (sanitizeHtml) and sent by message once the page is ready, is set
 * as the `srcdoc` of an iframe sandboxed without `allow-scripts` (no script, no event handler, no form can act),
 * under the page's policy, which the iframe inherits: nothing but inline styles and, once the user asks
 * (`loadImages`), remote images. The policy names no `cspSource`: in a browser-hosted VS Code that is the server's
 * own origin, whose port proxy would reach any host. The page's script is src/webview/previewPage.ts.
 */
export function previewHtml(labels: PreviewLabels, o: PageOptions, loadImages: boolean, live?: LiveLabels): string {
  const images = loadImages ? 'data: https: http:' : 'data:';
  const policy = `default-src 'none'; style-src 'unsafe-inline'; img-src ${images}; script-src 'nonce-${o.nonce}';`;
  const blocked = loadImages
    ? ''
    : `<span class="subtitle">${escapeHtml(labels.blocked)}</span>` +
      `<button data-action="loadImages">${icon(o, 'file-media')}${escapeHtml(labels.loadImages)}</button>`;
  const toggle =
    `<button id="toggle" data-text="${escapeHtml(labels.plainText)}" data-html="${escapeHtml(labels.html)}">` +
    `${escapeHtml(labels.plainText)}</button>`;
  const follow = live
    ? `<button id="narrow" aria-pressed="false">${icon(o, 'device-mobile')}${escapeHtml(live.narrow)}</button>` +
      `<button id="dark" aria-pressed="false">${icon(o, 'color-mode')}${escapeHtml(live.dark)}</button>\n` +
      `<button data-action="pickPerson">${icon(o, 'person')}${escapeHtml(live.pickPerson)}</button>` +
      `<span id="filled" class="subtitle">${escapeHtml(live.filledFor)}</span>`
    : '';
  const frame = 'style="width:100%;height:70vh;border:1px solid var(--vscode-panel-border);background:#fff"';
  const body = `<h1>${escapeHtml(labels.title)}</h1><div class="actions">${blocked}\n${toggle}${follow}</div>
<iframe id="mail" sandbox="allow-same-origin" referrerpolicy="no-referrer" ${frame}></iframe>
<pre id="text" hidden style="white-space:pre-wrap"></pre>`;
  return page(o, labels.title, body, PREVIEW_SCRIPT, policy);
}
