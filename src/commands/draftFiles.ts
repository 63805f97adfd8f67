/**
 * A campaign's content and SendPortal's templates as documents (`newsletter-content:` files): edit, and Save writes
 * them back where the API allows (SendPortal drafts and templates). Sent campaigns, and every Sender campaign (its
 * API documents no update), open read-only. The path names the connection by id, never a token.
 */
import * as vscode from 'vscode';
import { type Campaign, type NewsletterProvider, type Template, safeText } from '../api';
import type { Session } from '../connections/session';
import { errorText } from '../views/errorText';
import { type Services, command, showError, withProgress } from './services';

const SCHEME = 'newsletter-content';
type Kind = 'campaign' | 'template';

interface Item {
  html: string;
  readonly: boolean;
  mtime: number;
  /** What Save writes back to. */
  campaign?: Campaign;
  template?: Template;
  read: number;
}

const fileName = (name: string) => `${safeText(name, [], 80).replace(/[\\/:*?"<>|#%]/g, '-') || 'untitled'}.html`;

function contentUri(connectionId: string, kind: Kind, id: string, name: string): vscode.Uri {
  return vscode.Uri.from({ scheme: SCHEME, path: `/${encodeURIComponent(connectionId)}/${kind}/${encodeURIComponent(id)}/${fileName(name)}` });
}

/** A file's connection, kind and id (`/{connection}/{kind}/{id}/{name}.html`); not found for anything else. */
function parse(uri: vscode.Uri): { connectionId: string; kind: Kind; id: string } {
  // Exactly /{connection}/{kind}/{id}/{name}.html: one id of letters, digits, _ and - (no "..", nothing after the name).
  const parts = uri.path.split('/');
  const [, connectionId, kind, id, name] = parts;
  const ok = parts.length === 5 && !!connectionId && (kind === 'campaign' || kind === 'template') && /^[A-Za-z0-9_-]{1,64}$/.test(id ?? '') && /\.html$/.test(name ?? '');
  if (!ok || uri.query || uri.fragment) throw vscode.FileSystemError.FileNotFound(uri);
  return { connectionId: decodeURIComponent(connectionId), kind, id };
}

class ContentFiles implements vscode.FileSystemProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  private readonly items = new Map<string, Item>();

  constructor(private readonly app: Services) {}

  private session(connectionId: string, uri: vscode.Uri): Session {
    const session = this.app.connections.session(connectionId);
    if (!session) throw vscode.FileSystemError.Unavailable(vscode.l10n.t('The connection of {0} is gone.', uri.path));
    return session;
  }

  private provider(connectionId: string, uri: vscode.Uri): NewsletterProvider {
    return this.session(connectionId, uri).provider();
  }

  /** Reads the item afresh (a stat and the read that follows it share one request). */
  private async item(uri: vscode.Uri): Promise<Item> {
    const held = this.items.get(uri.toString());
    if (held && Date.now() - held.read < 2000) return held;
    const { connectionId, kind, id } = parse(uri);
    const p = this.provider(connectionId, uri);
    let item: Item;
    try {
      if (kind === 'campaign') {
        const c = await p.getCampaign(id);
        item = { html: c.html ?? '', readonly: c.status !== 'draft' || !p.updateDraft, mtime: Date.parse(String(c.raw.updated_at ?? c.raw.modified ?? '')) || 0, campaign: c, read: Date.now() };
      } else {
        if (!p.getTemplate) throw vscode.FileSystemError.FileNotFound(uri);
        const t = await p.getTemplate(id);
        item = { html: t.html ?? '', readonly: !p.saveTemplate, mtime: Date.parse(String(t.updatedAt ?? '')) || 0, template: t, read: Date.now() };
      }
    } catch (e) {
      if (e instanceof vscode.FileSystemError) throw e;
      throw vscode.FileSystemError.Unavailable(errorText(e));
    }
    this.items.set(uri.toString(), item);
    return item;
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    // The folders above a file exist, read-only (so that a write does not try to make them).
    if (uri.path.split('/').length < 5) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0, permissions: vscode.FilePermission.Readonly };
    const item = await this.item(uri);
    return { type: vscode.FileType.File, ctime: item.mtime, mtime: item.mtime, size: Buffer.byteLength(item.html), permissions: item.readonly ? vscode.FilePermission.Readonly : undefined };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return Buffer.from((await this.item(uri)).html, 'utf8');
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const { connectionId } = parse(uri);
    const p = this.provider(connectionId, uri);
    const item = this.items.get(uri.toString()) ?? (await this.item(uri));
    if (item.readonly) throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Read-only: this campaign is no longer a draft, or its API cannot change it.'));
    const html = Buffer.from(content).toString('utf8');
    try {
      const [update, save] = [p.updateDraft?.bind(p), p.saveTemplate?.bind(p)];
      if (item.campaign && update) {
        const c = item.campaign;
        const after = await this.app.changes.during({ kind: 'campaign', ids: [c.id], label: vscode.l10n.t('Saving…') }, () => withProgress(vscode.l10n.t('Saving the content of "{0}"…', safeText(c.title, [], 80)), (signal) => update(c, { html }, { signal })));
        this.app.changes.fire({ session: this.session(connectionId, uri), campaigns: { replace: [after] } });
        this.items.set(uri.toString(), { ...item, html, campaign: after, read: Date.now(), mtime: Date.now() });
      } else if (item.template && save) {
        const t = item.template;
        const after = await withProgress(vscode.l10n.t('Saving the template "{0}"…', safeText(t.name, [], 80)), (signal) => save({ id: t.id, name: t.name, html }, { signal }));
        this.items.set(uri.toString(), { ...item, html, template: after, read: Date.now(), mtime: Date.now() });
        this.app.newsletters.forget(connectionId); // a template's {{content}} is checked in newsletter files
      }
    } catch (e) {
      throw vscode.FileSystemError.Unavailable(vscode.l10n.t('Not saved: {0}', errorText(e)));
    }
    this.emitter.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}

async function openCampaignContent(app: Services, row: unknown): Promise<vscode.TextEditor | undefined> {
  const session = app.connections.active;
  const c = (row as { type?: string; item?: Campaign } | undefined)?.type === 'item' ? (row as { item: Campaign }).item : undefined;
  if (!session || !c || 'email' in c) return undefined;
  return vscode.window.showTextDocument(contentUri(session.profile.id, 'campaign', c.id, c.title));
}

/** Open Template… (SendPortal): its templates by name; New Template… makes one with a `{{content}}` to write around. */
async function openTemplate(app: Services, givenId?: string, newName?: string): Promise<vscode.TextEditor | undefined> {
  const session = app.connections.active;
  const p = session?.provider();
  const save = p?.saveTemplate?.bind(p);
  if (!session || !p?.listTemplates || !save) {
    if (session) void vscode.window.showInformationMessage(vscode.l10n.t("{0}'s API has no templates.", session.descriptor.displayName));
    return undefined;
  }
  try {
    if (newName !== undefined) {
      const name = newName || (await vscode.window.showInputBox({ title: vscode.l10n.t('New Template'), prompt: vscode.l10n.t('Its name (unique in the workspace)'), ignoreFocusOut: true }));
      if (!name) return undefined;
      const t = await withProgress(vscode.l10n.t('Creating the template "{0}"…', safeText(name, [], 80)), (signal) => save({ name, html: '<!DOCTYPE html>\n<html><body>\n{{content}}\n<p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>\n</body></html>\n' }, { signal }));
      app.newsletters.forget(session.profile.id);
      return vscode.window.showTextDocument(contentUri(session.profile.id, 'template', t.id, t.name));
    }
    let id = givenId;
    let name = givenId ?? '';
    if (id === undefined) {
      const all = (await withProgress(vscode.l10n.t('Loading templates…'), () => app.newsletters.facts.get(session))).templates ?? [];
      const pick = await vscode.window.showQuickPick(all.map((t) => ({ label: safeText(t.name, [], 120), t })), { title: vscode.l10n.t('Open Template') });
      if (!pick) return undefined;
      [id, name] = [pick.t.id, pick.t.name];
    }
    return vscode.window.showTextDocument(contentUri(session.profile.id, 'template', id, name));
  } catch (e) {
    showError(e);
    return undefined;
  }
}

export function registerDraftFiles(app: Services): vscode.Disposable[] {
  return [
    vscode.workspace.registerFileSystemProvider(SCHEME, new ContentFiles(app), { isCaseSensitive: true }),
    command(app, 'newsletter.openCampaignContent', (row?: unknown) => openCampaignContent(app, row)),
    command(app, 'newsletter.openTemplate', (id?: unknown) => openTemplate(app, typeof id === 'string' ? id : undefined)),
    command(app, 'newsletter.newTemplate', (name?: unknown) => openTemplate(app, undefined, typeof name === 'string' ? name : '')),
  ];
}
