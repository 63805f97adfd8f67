/** Preview Campaign and Preview Template…: their HTML in the one safe preview (cleaned, never run, images on request). */
import * as vscode from 'vscode';
import { type Template, safeText } from '../api';
import { type Services, showError, withProgress } from '../app/services';
import { campaignOf } from '../views/rows';

/** Preview Campaign: its HTML as it would arrive, never run, remote images only on request. */
export async function previewCampaign(app: Services, row?: unknown): Promise<boolean> {
  const session = app.connections.active;
  const given = campaignOf(row);
  if (!session || !given) return false;
  try {
    // Read afresh: the content may have been edited since the list was loaded.
    const c = await withProgress(vscode.l10n.t('Loading {0}…', safeText(given.title)), (signal) =>
      session.provider().getCampaign(given.id, { signal }),
    );
    if (!c.html) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no content to preview yet.', safeText(c.title)));
      return false;
    }
    await app.cards.preview(`${session.profile.id}:${c.id}`, safeText(c.title, [], 200), c.html);
    return true;
  } catch (e) {
    showError(e);
    return false;
  }
}

/** Preview Template… (SendPortal): its templates, read-only, shown with the same safe preview as campaigns. */
export async function previewTemplate(app: Services, givenId?: string): Promise<boolean> {
  const session = app.connections.active;
  const provider = session?.provider();
  const list = provider?.listTemplates?.bind(provider);
  if (!session || !list) {
    if (session) void vscode.window.showInformationMessage(vscode.l10n.t("{0}'s API has no templates.", session.descriptor.displayName));
    return false;
  }
  try {
    const templates = await withProgress(vscode.l10n.t('Loading templates…'), async (signal) => {
      const all: Template[] = [];
      for (let page = 1; ; page++) {
        const result = await list(page, { signal });
        all.push(...result.items);
        if (!result.hasMore) return all;
      }
    });
    const chosen =
      givenId !== undefined
        ? templates.find((t) => t.id === givenId)
        : (
            await vscode.window.showQuickPick(
              templates.map((t) => ({
                label: safeText(t.name, [], 120),
                description: t.updatedAt ? vscode.l10n.t('updated {0}', safeText(t.updatedAt, [], 30)) : undefined,
                t,
              })),
              { title: vscode.l10n.t('Preview Template'), placeHolder: templates.length ? undefined : vscode.l10n.t('No templates yet.') },
            )
          )?.t;
    if (!chosen?.html) return false;
    await app.cards.preview(`${session.profile.id}:template:${chosen.id}`, safeText(chosen.name, [], 200), chosen.html);
    return true;
  } catch (e) {
    showError(e);
    return false;
  }
}
