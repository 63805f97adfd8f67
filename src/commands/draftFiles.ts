/** Open Campaign Content and Open Template…: the `newsletter-content:` files (authoring/contentFiles.ts) as commands. */
import * as vscode from 'vscode';
import { safeText } from '../api';
import { CONTENT_SCHEME, ContentFiles, contentUri } from '../authoring/contentFiles';
import { type Services, command, showError, withProgress } from '../app/services';
import { campaignOf } from '../views/rows';

/** A campaign's content in an editor; read-only (sent, or a service that cannot change it), it says why. */
async function openCampaignContent(app: Services, files: ContentFiles, row: unknown): Promise<vscode.TextEditor | undefined> {
  const session = app.connections.active;
  const c = campaignOf(row);
  if (!session || !c) return undefined;
  const uri = contentUri(session.profile.id, 'campaign', c.id, c.title);
  const editor = await vscode.window.showTextDocument(uri);
  const why = await files.readOnlyReason(uri).catch(() => undefined);
  if (why) void vscode.window.showInformationMessage(why);
  return editor;
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
      const name =
        newName ||
        (await vscode.window.showInputBox({
          title: vscode.l10n.t('New Template'),
          prompt: vscode.l10n.t('Its name (unique in the workspace)'),
          ignoreFocusOut: true,
        }));
      if (!name) return undefined;
      const t = await withProgress(vscode.l10n.t('Creating the template "{0}"…', safeText(name, [], 80)), (signal) =>
        save(
          {
            name,
            html: '<!DOCTYPE html>\n<html><body>\n{{content}}\n<p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>\n</body></html>\n',
          },
          { signal },
        ),
      );
      app.newsletters.forget(session.profile.id);
      return vscode.window.showTextDocument(contentUri(session.profile.id, 'template', t.id, t.name));
    }
    let id = givenId;
    let name = givenId ?? '';
    if (id === undefined) {
      const all = (await withProgress(vscode.l10n.t('Loading templates…'), () => app.newsletters.facts.get(session))).templates ?? [];
      const pick = await vscode.window.showQuickPick(
        all.map((t) => ({ label: safeText(t.name, [], 120), t })),
        { title: vscode.l10n.t('Open Template') },
      );
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
  const files = new ContentFiles({
    connections: app.connections,
    changes: app.changes,
    forgetFacts: (id) => app.newsletters.forget(id),
    progress: (title, work) => withProgress(title, (signal) => work(signal)),
  });
  return [
    files,
    vscode.workspace.registerFileSystemProvider(CONTENT_SCHEME, files, { isCaseSensitive: true }),
    command(app, 'newsletter.openCampaignContent', (row?: unknown) => openCampaignContent(app, files, row)),
    command(app, 'newsletter.openTemplate', (id?: unknown) => openTemplate(app, typeof id === 'string' ? id : undefined)),
    command(app, 'newsletter.newTemplate', (name?: unknown) => openTemplate(app, undefined, typeof name === 'string' ? name : '')),
  ];
}
