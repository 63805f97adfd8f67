import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { openLink } from './links';
import type { LiveLabels } from './cardHtml';
import { type CardContent, type Run, withActionIds } from './cardContent';
import { type Patch, patchOf } from '../webview/patch';

/** The pages' HTML (cards, previews), built by a module loaded with the first card or preview. */
let loaded: Promise<typeof import('./cardHtml')> | undefined;
const pages = () => (loaded ??= import('./cardHtml'));
type PreviewHtml = Awaited<ReturnType<typeof pages>>['previewHtml'];
/** The one cleaner of an email's HTML (authoring's sanitizeHtml, handed down), loaded with the first preview. */
type Cleaner = () => Promise<(html: string) => string>;

interface Entry {
  /** The card's key now (a tab that follows the selection shows one item after another). */
  key: string;
  panel: vscode.WebviewPanel;
  /** Kept open for its item: a card someone acted on. A card not kept is replaced by the next one opened. */
  kept?: boolean;
  /** What the page may ask for, by id: the buttons, tabs, rows and "more" of the render shown now. */
  actions: Map<string, Run>;
  onLink?: (href: string) => void;
  /** Whether the page said it is ready for updates (a hidden webview is unloaded, and says it again when shown). */
  ready: boolean;
  /** The latest update, sent when the page is (again) ready; undefined until the page is drawn once. */
  latest?:
    | { type: 'render'; title: string; body: string; announce?: string }
    | { type: 'content'; html: string; filledFor: string; version: number };
  /** A live preview: the HTML the page was last sent whole or patched to, and its version (what a patch applies to). */
  posted?: { html: string; version: number };
  /** How many bytes the last message to the page carried (the bench reads it). */
  lastPostBytes?: number;
}

export type CardShow = 'focus' | 'keepFocus' | 'inPlace';

const nonce = () => randomBytes(16).toString('base64');
/** One card tab that follows the selection (the default), or a tab per item opened. */
const oneTab = () => vscode.workspace.getConfiguration('newsletter').get<string>('cardTabs', 'one') !== 'each';

/**
 * Webview panels for readable cards and previews: one per item, re-used when the same item is opened again. Scripts
 * are the extension's own (nonce), local resources only from the extension's media, and every message from a page
 * is checked before anything is done with it.
 */
export class Cards implements vscode.Disposable {
  private readonly panels = new Map<string, Entry>();
  /** The card tab that follows the selection (VS Code's preview editors do the same), while it is not kept. */
  private following?: Entry;
  private readonly rendered = new vscode.EventEmitter<string>();
  /** A card's key, each time its page is drawn (first shown or updated). */
  readonly onDidRender = this.rendered.event;
  private iconSvgs?: Readonly<Record<string, string>>;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly cleaner: Cleaner,
  ) {}

  private panel(key: string, title: string, preserveFocus: boolean, column = vscode.ViewColumn.Active): Entry {
    const open = this.panels.get(key);
    if (open) {
      open.panel.title = title;
      open.panel.reveal(undefined, preserveFocus);
      return open;
    }
    const reused = key.startsWith('card:') ? this.following : undefined;
    if (reused && oneTab()) {
      // The tab that follows the selection shows this item now: drawn whole, as a page of its own.
      this.panels.delete(reused.key);
      Object.assign(reused, { key, latest: undefined, ready: false, actions: new Map() });
      this.panels.set(key, reused);
      reused.panel.title = title;
      reused.panel.reveal(undefined, preserveFocus);
      return reused;
    }
    const panel = vscode.window.createWebviewPanel(
      'newsletter.card',
      title,
      { viewColumn: column, preserveFocus },
      {
        enableScripts: true,
        enableFindWidget: true,
        localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')],
      },
    );
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'newsletter.svg');
    const entry: Entry = { key, panel, actions: new Map(), ready: false };
    this.panels.set(key, entry);
    if (key.startsWith('card:')) this.following = entry;
    panel.onDidDispose(() => {
      this.panels.delete(entry.key);
      if (this.following === entry) this.following = undefined;
    });
    // Unloaded while hidden: the page draws what it was first given, then asks for the latest again.
    panel.onDidChangeViewState(() => {
      if (!panel.visible) entry.ready = false;
    });
    panel.webview.onDidReceiveMessage((m: unknown) => {
      const msg = (typeof m === 'object' && m !== null ? m : {}) as { action?: unknown; link?: unknown; ready?: unknown; resync?: unknown };
      // Ready (drawn, or drawn again after being hidden), or out of step with a patch: the latest, whole.
      if (msg.ready === true || msg.resync === true) {
        entry.ready = true;
        if (entry.latest) this.post(entry, entry.latest);
      } else if (typeof msg.action === 'string') {
        // Acting on a card keeps it open for its item: the next card opened takes a tab of its own.
        entry.kept = true;
        if (this.following === entry) this.following = undefined;
        void entry.actions.get(msg.action)?.();
      } else if (typeof msg.link === 'string') entry.onLink?.(msg.link);
    });
    return entry;
  }

  /** The codicons the build copied (dist/codicons.json), read once; none if the file is missing. */
  private get icons(): Readonly<Record<string, string>> {
    try {
      const file = vscode.Uri.joinPath(this.extensionUri, 'dist', 'codicons.json').fsPath;
      this.iconSvgs ??= JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      this.iconSvgs = {};
    }
    return this.iconSvgs;
  }

  /**
   * Shows the card of an item: in front and focused, in front keeping the keyboard where it is (opened from the
   * tree), or only updated where it is (what arrived later, or changed: never pulled in front of another tab).
   */
  async show(key: string, content: CardContent, how: CardShow, announce?: string): Promise<vscode.WebviewPanel | undefined> {
    const { cardHtml, cardBody } = await pages();
    const entry = how === 'inPlace' ? this.panels.get(`card:${key}`) : this.panel(`card:${key}`, content.model.title, how === 'keepFocus');
    if (!entry) return undefined;
    const panel = entry.panel;
    panel.title = content.model.title; // a name edited on the card
    const { model, actions } = withActionIds(content);
    entry.actions = actions;
    if (!entry.latest) {
      // Drawn whole once; from then on the page is updated in place by message (its scroll, find and focus kept).
      panel.webview.html = cardHtml(model, { nonce: nonce(), cspSource: panel.webview.cspSource, icons: this.icons });
      entry.latest = { type: 'render', title: model.title, body: cardBody(model, { icons: this.icons }) };
    } else {
      entry.latest = { type: 'render', title: model.title, body: cardBody(model, { icons: this.icons }), announce };
      if (entry.ready) void panel.webview.postMessage(entry.latest);
    }
    this.rendered.fire(key);
    return panel;
  }

  /** Whether a card is open for this key (to update it after a change). */
  isOpen(key: string): boolean {
    return this.panels.has(`card:${key}`);
  }

  close(key: string): void {
    this.panels.get(`card:${key}`)?.panel.dispose();
  }

  /**
   * Previews a campaign's HTML without running it: cleaned here by the one cleaner (the same that cleans what is
   * sent), then drawn by the page in a frame that runs nothing; remote images wait for "Load images"; links open
   * only through VS Code's openExternal (which asks before leaving for a site not trusted yet), and only http(s) and
   * mailto.
   */
  async preview(key: string, title: string, html: string): Promise<vscode.WebviewPanel> {
    const [{ previewHtml }, clean] = await Promise.all([pages(), this.cleaner()]);
    const entry = this.panel(`preview:${key}`, vscode.l10n.t('Preview: {0}', title), false);
    const render = this.previewRender(entry, title);
    entry.actions = new Map([['loadImages', () => render(true)]]);
    entry.latest = { type: 'content', html: clean(html), filledFor: '', version: 1 };
    entry.posted = undefined;
    entry.onLink = openLink;
    render(false, previewHtml);
    return entry.panel;
  }

  /** Draws a preview's page (again: with images, say); the page then asks for what it shows, and is sent it whole. */
  private previewRender(entry: Entry, title: string, live?: LiveLabels) {
    const [blocked, loadImages] = [
      vscode.l10n.t('Remote images are blocked: they can tell the sender you looked.'),
      vscode.l10n.t('Load Images'),
    ];
    const labels = { title, blocked, loadImages, plainText: vscode.l10n.t('Show Plain Text'), html: vscode.l10n.t('Show HTML') };
    return (loadImages: boolean, previewHtml?: PreviewHtml) => {
      const draw = (p: PreviewHtml) => {
        entry.ready = false;
        const o = { nonce: nonce(), cspSource: entry.panel.webview.cspSource, icons: this.icons };
        entry.panel.webview.html = p(labels, o, loadImages, live);
      };
      if (previewHtml) draw(previewHtml);
      else void pages().then((m) => draw(m.previewHtml));
    };
  }

  /**
   * A preview beside its source that follows it (a newsletter file): drawn once, then each new HTML is cleaned as a
   * campaign's is and sent to the page (what changed), drawn in the same frame under the same policy. `pickPerson`
   * fills the merge tags for someone.
   */
  async livePreview(
    key: string,
    title: string,
    live: LiveLabels,
    pickPerson: () => unknown,
  ): Promise<{ update(html: string, filledFor: string): void; panel: vscode.WebviewPanel }> {
    const [{ previewHtml }, clean] = await Promise.all([pages(), this.cleaner()]);
    const existing = this.panels.get(`live:${key}`);
    const entry = this.panel(`live:${key}`, vscode.l10n.t('Preview: {0}', title), true, vscode.ViewColumn.Beside);
    const render = this.previewRender(entry, title, live);
    entry.actions = new Map<string, Run>([
      ['loadImages', () => render(true)],
      ['pickPerson', pickPerson],
    ]);
    entry.onLink = openLink;
    if (!existing) render(false, previewHtml);
    return {
      panel: entry.panel,
      update: (source, filledFor) => {
        const html = clean(source);
        const held = entry.latest?.type === 'content' ? entry.latest : undefined;
        // Drawn again with nothing changed (the same file shown twice): the page holds it already.
        if (held && held.html === html && held.filledFor === filledFor) return void this.rendered.fire(entry.key);
        const latest = { type: 'content' as const, html, filledFor, version: (held?.version ?? 0) + 1 };
        entry.latest = latest;
        // What changed since the HTML the page holds (a keystroke: a few bytes of a long email), or the whole.
        if (entry.ready) this.post(entry, entry.posted ? { ...patchOf(entry.posted, latest), filledFor } : latest);
        this.rendered.fire(entry.key); // its key now: a preview that followed another file is that file's
      },
    };
  }

  /** Posts to the page, noting what a live preview now holds and what the message weighed. */
  private post(entry: Entry, message: NonNullable<Entry['latest']> | Patch): void {
    if (message.type === 'content' || message.type === 'patch') {
      const latest = entry.latest?.type === 'content' ? entry.latest : undefined;
      if (latest) entry.posted = { html: latest.html, version: latest.version };
    }
    entry.lastPostBytes = JSON.stringify(message).length;
    void entry.panel.webview.postMessage(message);
  }

  /** How many bytes the last message to a live preview carried. */
  livePostBytes(key: string): number | undefined {
    return this.panels.get(`live:${key}`)?.lastPostBytes;
  }

  /** A live preview shows another file now: its key and title are that file's; it is not revealed (focus stays). */
  retargetLive(from: string, to: string, title: string): boolean {
    const entry = this.panels.get(`live:${from}`);
    if (!entry || this.panels.has(`live:${to}`)) return false;
    this.panels.delete(entry.key);
    entry.key = `live:${to}`;
    this.panels.set(entry.key, entry);
    entry.panel.title = vscode.l10n.t('Preview: {0}', title);
    return true;
  }

  /** A page of its own, drawn whole each time (Insights); it posts action ids, answered from `actions`. */
  showPage(
    key: string,
    title: string,
    html: (o: { nonce: string; cspSource: string }) => string,
    actions: ReadonlyMap<string, Run>,
  ): vscode.WebviewPanel {
    const entry = this.panel(`page:${key}`, title, false);
    entry.actions = new Map(actions);
    entry.latest = undefined;
    entry.onLink = openLink;
    entry.panel.webview.html = html({ nonce: nonce(), cspSource: entry.panel.webview.cspSource });
    this.rendered.fire(`page:${key}`);
    return entry.panel;
  }

  /** What a card shows now (its body's HTML, as onDidRender names it), for tests and the e2e. */
  shown(key: string): string | undefined {
    const latest = this.panels.get(`card:${key}`)?.latest;
    return latest?.type === 'render' ? latest.body : undefined;
  }

  /** What a live preview shows now (its latest HTML), for tests and the e2e. */
  liveContent(key: string): string | undefined {
    const latest = this.panels.get(`live:${key}`)?.latest;
    return latest?.type === 'content' ? latest.html : undefined;
  }

  dispose(): void {
    for (const { panel } of [...this.panels.values()]) panel.dispose();
    this.rendered.dispose();
  }
}
