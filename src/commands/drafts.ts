/**
 * The commands of newsletter files, registered at once: Create Draft Campaign from This File, Update Draft, Preview,
 * New Newsletter File, and Update on Save. What they do (draftActions.ts, with the renderer) loads when first used.
 */
import * as vscode from 'vscode';
import { command, type Services } from '../app/services';
import { wasConfirmed } from '../app/ui';

/** `updateDraftOnSave` as the person set it in their user settings; a workspace's value is never read. */
function updateOnSave(): boolean {
  return vscode.workspace.getConfiguration('newsletter').inspect<boolean>('updateDraftOnSave')?.globalValue === true;
}

export function registerDraftCommands(app: Services): vscode.Disposable[] {
  const actions = () => import('./draftActions');
  return [
    // From the editor title or the palette: (uri?). Update from a chat tool: (uri, what the person confirmed there).
    command(app, 'newsletter.createDraftFromFile', async (uri?: unknown) => (await actions()).createDraft(app, uri)),
    command(app, 'newsletter.updateDraftFromFile', async (uri?: unknown, confirmed?: unknown) =>
      (await actions()).updateDraft(app, uri, wasConfirmed(confirmed)),
    ),
    command(app, 'newsletter.previewNewsletterFile', async (uri?: unknown) => (await actions()).preview(app, uri)),
    command(app, 'newsletter.newNewsletterFile', async () => (await actions()).newNewsletterFile(app)),
    // Ctrl+S on a linked file updates its draft, for those who turn it on (no send_at schedule: that asks first).
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (app.savingOwn.get(doc.uri.toString()) === doc.version || !updateOnSave()) return;
      void actions().then((m) => m.updateOnSaveOf(app, doc));
    }),
  ];
}
