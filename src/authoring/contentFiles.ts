/**
 * A campaign's content and SendPortal's templates as documents (`newsletter-content:` files): edit, and Save writes
 * them back where the API allows (SendPortal drafts and templates). Sent campaigns, and every Sender campaign (its
 * API documents no update), open read-only. The path names the connection by id, never a token.
 */
import * as vscode from 'vscode';
import { type Campaign, type NewsletterProvider, NotFoundError, type Template, clock, safeText } from '../api';
import type { Session } from '../connections/session';
import type { Changes } from '../views/changes';
import { errorText } from '../views/errorText';
import { readableHtml } from './readableHtml';

export const CONTENT_SCHEME = 'newsletter-content';
type Kind = 'campaign' | 'template';

interface Item {
  html: string;
  readonly: boolean;
  /** Why it is read-only, in words (sent; a service that cannot change it). */
  why?: string;
  mtime: number;
  /** What Save writes back to. */
  campaign?: Campaign;
  template?: Template;
  read: number;
}

/** Why a campaign's content cannot be saved back, in words; undefined for a draft its API can change. */
function readOnlyWhy(c: Campaign, session: Session): string | undefined {
  const title = safeText(c.title, [], 80);
  const service = session.descriptor.displayName;
  if (c.status !== 'draft') return vscode.l10n.t('Read-only: "{0}" is {1}, and its content can no longer change.', title, c.status);
  if (session.provider().updateDraft) return undefined;
  return vscode.l10n.t(
    'Read-only: {0}\'s API documents no way to change a campaign once made; change "{1}" in {0}\'s web app.',
    service,
    title,
  );
}

const fileName = (name: string) => `${safeText(name, [], 80).replace(/[\\/:*?"<>|#%]/g, '-') || 'untitled'}.html`;

export function contentUri(connectionId: string, kind: Kind, id: string, name: string): vscode.Uri {
  const path = `/${encodeURIComponent(connectionId)}/${kind}/${encodeURIComponent(id)}/${fileName(name)}`;
  return vscode.Uri.from({ scheme: CONTENT_SCHEME, path });
}

/** A file's connection, kind and id (`/{connection}/{kind}/{id}/{name}.html`); not found for anything else. */
function parse(uri: vscode.Uri): { connectionId: string; kind: Kind; id: string } {
  // Exactly /{connection}/{kind}/{id}/{name}.html: one id of letters, digits, _ and - (no "..", nothing after the name).
  const parts = uri.path.split('/');
  const [, connectionId, kind, id, name] = parts;
  const ok =
    parts.length === 5 &&
    !!connectionId &&
    (kind === 'campaign' || kind === 'template') &&
    /^[A-Za-z0-9_-]{1,64}$/.test(id ?? '') &&
    /\.html$/.test(name ?? '');
  if (!ok || uri.query || uri.fragment) throw vscode.FileSystemError.FileNotFound(uri);
  return { connectionId: decodeURIComponent(connectionId), kind, id };
}

/** What the content files need of the running extension. */
interface ContentDeps {
  connections: { session(id: string): Session | undefined };
  changes: Changes;
  /** A template changed: newsletter files of this connection check their templates again. */
  forgetFacts(connectionId: string): void;
  /** Runs a write with a cancellable notification, at the person's priority. */
  progress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Thenable<T>;
}

/**
 * The files themselves. Only files of existing campaigns and templates (a write never creates one; `create` alone
 * is refused, and a write without `overwrite` to a file that exists says so). A watched file is told when a write made
 * here changes its campaign (Update Draft from a newsletter file, a Save in another editor), so an open editor follows.
 */
export class ContentFiles implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  private readonly items = new Map<string, Item>();
  /** Watched files, by connection and campaign id ("conn/id"), with how many watch each. */
  private readonly watched = new Map<string, Map<string, number>>();
  private readonly listening: vscode.Disposable;

  constructor(private readonly app: ContentDeps) {
    this.listening = app.changes.onDidChange((change) => {
      const ids = [...(change.campaigns?.replace ?? []), ...(change.campaigns?.add ?? [])].map((c) => c.id);
      const uris = ids.flatMap((id) => [...(this.watched.get(`${change.session.profile.id}/${id}`)?.keys() ?? [])]);
      for (const u of uris) this.items.delete(u);
      if (uris.length) this.emitter.fire(uris.map((u) => ({ type: vscode.FileChangeType.Changed, uri: vscode.Uri.parse(u) })));
    });
  }

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
    if (held && clock.now() - held.read < 2000) return held;
    const { connectionId, kind, id } = parse(uri);
    const p = this.provider(connectionId, uri);
    let item: Item;
    try {
      if (kind === 'campaign') {
        const c = await p.getCampaign(id);
        const mtime = Date.parse(String(c.raw.updated_at ?? c.raw.modified ?? '')) || 0;
        const why = readOnlyWhy(c, this.session(connectionId, uri));
        // Read-only, it is laid out for reading (the one long line many services store is broken at its block tags).
        const html = why ? readableHtml(c.html ?? '') : (c.html ?? '');
        item = { html, readonly: !!why, why, mtime, campaign: c, read: clock.now() };
      } else {
        if (!p.getTemplate) throw vscode.FileSystemError.FileNotFound(uri);
        const t = await p.getTemplate(id);
        const mtime = Date.parse(String(t.updatedAt ?? '')) || 0;
        item = { html: t.html ?? '', readonly: !p.saveTemplate, mtime, template: t, read: clock.now() };
      }
    } catch (e) {
      if (e instanceof vscode.FileSystemError) throw e;
      if (e instanceof NotFoundError) throw vscode.FileSystemError.FileNotFound(uri);
      throw vscode.FileSystemError.Unavailable(errorText(e));
    }
    this.items.set(uri.toString(), item);
    return item;
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    // The folders above a file exist, read-only (so that a write does not try to make them).
    const readonly = vscode.FilePermission.Readonly;
    if (uri.path.split('/').length < 5) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0, permissions: readonly };
    const item = await this.item(uri);
    const size = Buffer.byteLength(item.html);
    return { type: vscode.FileType.File, ctime: item.mtime, mtime: item.mtime, size, permissions: item.readonly ? readonly : undefined };
  }

  /** Why the file is read-only, in words; undefined when Save writes it back. */
  async readOnlyReason(uri: vscode.Uri): Promise<string | undefined> {
    return (await this.item(uri)).why;
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return Buffer.from((await this.item(uri)).html, 'utf8');
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array, options = { create: false, overwrite: true }): Promise<void> {
    const { connectionId } = parse(uri);
    const p = this.provider(connectionId, uri);
    let item: Item;
    try {
      item = this.items.get(uri.toString()) ?? (await this.item(uri));
    } catch (e) {
      // A campaign or template is made by its command, never by writing a file that names none.
      const missing = e instanceof vscode.FileSystemError && e.code === 'FileNotFound';
      if (missing && options.create) throw vscode.FileSystemError.NoPermissions(uri);
      throw e;
    }
    if (!options.overwrite) throw vscode.FileSystemError.FileExists(uri);
    if (item.readonly) throw vscode.FileSystemError.NoPermissions(item.why ?? vscode.l10n.t('Read-only.'));
    const html = Buffer.from(content).toString('utf8');
    try {
      const [update, save] = [p.updateDraft?.bind(p), p.saveTemplate?.bind(p)];
      if (item.campaign && update) {
        const c = item.campaign;
        const title = vscode.l10n.t('Saving the content of "{0}"…', safeText(c.title, [], 80));
        const writing = { kind: 'campaign' as const, ids: [c.id], label: vscode.l10n.t('Saving…') };
        const after = await this.app.changes.during(writing, () => this.app.progress(title, (signal) => update(c, { html }, { signal })));
        this.app.changes.fire({ session: this.session(connectionId, uri), campaigns: { replace: [after] } });
        this.items.set(uri.toString(), { ...item, html, campaign: after, read: clock.now(), mtime: clock.now() });
      } else if (item.template && save) {
        const t = item.template;
        const title = vscode.l10n.t('Saving the template "{0}"…', safeText(t.name, [], 80));
        const after = await this.app.progress(title, (signal) => save({ id: t.id, name: t.name, html }, { signal }));
        this.items.set(uri.toString(), { ...item, html, template: after, read: clock.now(), mtime: clock.now() });
        this.app.forgetFacts(connectionId); // a template's {{content}} is checked in newsletter files
      }
    } catch (e) {
      throw vscode.FileSystemError.Unavailable(vscode.l10n.t('Not saved: {0}', errorText(e)));
    }
    this.emitter.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  /** Watches one file: told when a write made here changes its campaign. */
  watch(uri: vscode.Uri): vscode.Disposable {
    let key: string;
    try {
      const { connectionId, kind, id } = parse(uri);
      if (kind !== 'campaign') return new vscode.Disposable(() => undefined);
      key = `${connectionId}/${id}`;
    } catch {
      return new vscode.Disposable(() => undefined);
    }
    const uris = this.watched.get(key) ?? new Map<string, number>();
    uris.set(uri.toString(), (uris.get(uri.toString()) ?? 0) + 1);
    this.watched.set(key, uris);
    return new vscode.Disposable(() => {
      const n = (uris.get(uri.toString()) ?? 1) - 1;
      if (n > 0) uris.set(uri.toString(), n);
      else uris.delete(uri.toString());
      if (!uris.size) this.watched.delete(key);
    });
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

  dispose(): void {
    this.listening.dispose();
    this.emitter.dispose();
  }
}
