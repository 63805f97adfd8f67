/**
 * What the draft commands do (drafts.ts registers them; this loads when one first runs). Newsletter files to
 * campaigns: Create Draft Campaign from This File (the new id written back into the front matter), Update Draft
 * (where the API can: SendPortal, drafts only), a schedule from `send_at` through the same confirmation as Schedule,
 * New Newsletter File, and the live preview.
 */
import * as vscode from 'vscode';
import { type Campaign, type DraftInput, type NewsletterProvider, safeText, sendingChanges } from '../api';
import type { Facts } from '../authoring/facts';
import { draftInput, linkFile, linkedHere, newFileText, rememberLink } from '../authoring/fileDrafts';
import { textOf } from '../authoring/frontMatter';
import type { Resolved } from '../authoring/newsletterFiles';
import { type Services, showError, showWriteError, withProgress } from '../app/services';

/** The document a command acts on: the one given, or the active editor's. */
async function documentOf(uri: unknown): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri) return vscode.workspace.openTextDocument(uri);
  return vscode.window.activeTextEditor?.document;
}

/**
 * The file, its connection and what it knows. A command makes that connection the active one (so that the views and
 * the schedule follow); saving a file never switches the sidebar (`activate` false).
 */
async function prepare(
  app: Services,
  uri: unknown,
  activate = true,
): Promise<{ doc: vscode.TextDocument; r: Resolved & { session: NonNullable<Resolved['session']> }; facts: Facts } | undefined> {
  const doc = await documentOf(uri);
  const r = doc && app.newsletters.resolve(doc);
  if (!doc || !r) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'This is not a newsletter file: it starts with front matter naming a subject and an audience (New Newsletter File makes one).',
      ),
    );
    return undefined;
  }
  if (!r.session) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        'No connection is named "{0}": fix "connection:" in the front matter, or add the connection.',
        safeText(textOf(r.fm, 'connection'), [], 80),
      ),
    );
    return undefined;
  }
  const session = r.session;
  if (activate && app.connections.active !== session) await app.connections.setActive(session.profile.id);
  let facts: Facts | undefined;
  try {
    facts = await withProgress(vscode.l10n.t('Reading the lists of {0}…', safeText(session.profile.label, [], 80)), () =>
      app.newsletters.factsFor(r),
    );
  } catch (e) {
    showError(e, vscode.l10n.t('Not sent: the lists of {0} could not be read to check the file.', safeText(session.profile.label, [], 80)));
    return undefined;
  }
  if (!facts) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} has no token yet: set one first.', safeText(session.profile.label, [], 80)));
    return undefined;
  }
  app.newsletters.check(doc, facts);
  const errors = app.newsletters.problems(doc.getText(), r, facts).filter((p) => p.severity === 'error');
  if (errors.length) {
    const show = vscode.l10n.t('Show Problems');
    void vscode.window
      .showErrorMessage(vscode.l10n.t('Not sent: this file has {0} problem(s) to fix first. {1}', errors.length, errors[0].message), show)
      .then((c) => c === show && vscode.commands.executeCommand('workbench.actions.view.problems'));
    return undefined;
  }
  return { doc, r: { ...r, session }, facts };
}

/**
 * What the cleaner takes out of the body (scripts, handlers, unsafe links …) is said before anything is sent: the
 * draft carries what the preview shows, and the person knows why it differs from the file.
 */
async function acceptCleaning(app: Services, removed: readonly string[], confirmed: boolean): Promise<boolean> {
  if (!removed.length || confirmed) return true;
  const go = vscode.l10n.t('Continue Without Them');
  return app.ui.confirm(
    vscode.l10n.t('This file holds what no email should run or fetch by itself: it is left out of the draft, as the preview shows.'),
    vscode.l10n.t('Left out: {0}.', removed.slice(0, 12).join(', ')),
    go,
  );
}

/** Schedules it when the file says `send_at`, through Schedule's own confirmation (the draft read fresh, its reach). */
async function scheduleFromFile(r: Resolved, campaign: Campaign): Promise<Campaign | undefined> {
  const at = textOf(r.fm, 'send_at');
  if (!at) return undefined;
  return vscode.commands.executeCommand<Campaign | undefined>('newsletter.scheduleCampaign', { type: 'item', item: campaign }, at);
}

export async function createDraft(app: Services, uri: unknown): Promise<Campaign | undefined> {
  const p = await prepare(app, uri);
  if (!p) return undefined;
  const { doc, r, facts } = p;
  const provider = r.session.provider();
  const name = r.session.descriptor.displayName;
  const create = provider.createDraft?.bind(provider);
  if (!create) return undefined;
  const linked = textOf(r.fm, 'campaign');
  if (linked) {
    const again = await app.ui.confirm(
      vscode.l10n.t('This file is linked to campaign {0} already. Create another draft from it?', safeText(linked, [], 40)),
      vscode.l10n.t(
        'The file is then linked to the new draft; the old one stays in {0}. Update Draft changes the linked one instead.',
        name,
      ),
      vscode.l10n.t('Create Another Draft'),
    );
    if (!again) return undefined;
  }
  try {
    const { removed, ...input } = await draftInput(doc, r, facts);
    if (!(await acceptCleaning(app, removed, false))) return undefined;
    const created = await withProgress(vscode.l10n.t('Creating the draft "{0}" in {1}…', safeText(input.title, [], 80), name), (signal) =>
      create(input, { signal }),
    );
    app.changes.fire({ session: r.session, campaigns: { add: [created] } });
    await rememberLink(app.state, doc, r.session.profile.id, created.id);
    if (!(await linkFile(app.newsletters, app.savingOwn, doc, created.id))) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Draft created (campaign {0}), but the file could not be saved with its campaign line: save it to keep the link.',
          safeText(created.id, [], 40),
        ),
      );
    }
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Draft "{0}" created in {1}; this file is linked to it (campaign {2}).',
        safeText(created.title, [], 80),
        name,
        safeText(created.id, [], 40),
      ),
    );
    return (await scheduleFromFile(r, created)) ?? created;
  } catch (e) {
    showWriteError(e, 'newsletter.refreshCampaigns');
    return undefined;
  }
}

/** Update Draft's confirmation: the draft as the server holds it now, beside what the file makes of it. */
async function confirmUpdate(
  app: Services,
  provider: NewsletterProvider,
  o: { id: string; name: string; input: DraftInput; facts: Facts; confirmed: boolean },
): Promise<boolean> {
  const { id, name, input, facts, confirmed } = o;
  // The draft as the server holds it now, beside what the file makes of it: the confirmation names both.
  let now: Campaign;
  try {
    now = await withProgress(vscode.l10n.t('Reading draft {0} as {1} holds it now…', safeText(id, [], 40), name), (signal) =>
      provider.readForSending(id, { signal }),
    );
  } catch (e) {
    showError(e, vscode.l10n.t('Draft {0} not updated.', safeText(id, [], 40)));
    return false;
  }
  if (now.status !== 'draft') {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Campaign {0} is no longer a draft (it is {1}): nothing was changed.', safeText(id, [], 40), now.status),
    );
    return false;
  }
  const who = (toAll: boolean | undefined, ids: readonly string[]) =>
    toAll
      ? vscode.l10n.t('everyone')
      : ids.map((x) => safeText(facts.lists.find((l) => l.id === x)?.name ?? x, [], 60)).join(', ') || vscode.l10n.t('no one');
  const detail = [
    vscode.l10n.t('Now in {0}: "{1}" to {2}.', name, safeText(now.subject ?? '', [], 120), who(now.toAll, now.audience)),
    vscode.l10n.t('After: "{0}" to {1}.', safeText(input.subject, [], 120), who(input.toAll, input.lists)),
    vscode.l10n.t('Its sender, template and content become what the file says; a change made in the web app since is lost.'),
  ].join(' ');
  return (
    confirmed ||
    app.ui.confirm(
      vscode.l10n.t('Replace draft {0} in {1} with this file?', safeText(id, [], 40), name),
      detail,
      vscode.l10n.t('Update Draft'),
    )
  );
}

/** Read back: the audience and subject the server now holds are the file's, or the difference is said. */
function sayUpdated(after: Campaign, input: DraftInput, name: string, onSave: boolean): void {
  const differs = sendingChanges(
    { ...after, subject: input.subject, toAll: input.toAll, audience: input.toAll ? [] : input.lists, from: after.from },
    after,
  );
  if (differs.length)
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Draft "{0}" updated, but {1} now holds a different {2} than the file says: check it in the web app.',
        safeText(after.title, [], 80),
        name,
        differs.join(', '),
      ),
    );
  else if (!onSave)
    void vscode.window.showInformationMessage(vscode.l10n.t('Draft "{0}" updated in {1}.', safeText(after.title, [], 80), name));
  else vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Draft "{0}" updated in {1}', safeText(after.title, [], 80), name), 5000);
}

/** Update Draft; `onSave` (the setting): no confirmation, a status bar message, and no schedule (that asks first). */
export async function updateDraft(app: Services, uri: unknown, confirmed: boolean, onSave = false): Promise<Campaign | undefined> {
  const p = await prepare(app, uri, !onSave);
  if (!p) return undefined;
  const { doc, r, facts } = p;
  const provider = r.session.provider();
  const name = r.session.descriptor.displayName;
  const id = textOf(r.fm, 'campaign');
  if (!id) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('This file is not linked to a draft yet: Create Draft Campaign from This File makes one.'),
    );
    return undefined;
  }
  const update = provider.updateDraft?.bind(provider);
  if (!update) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        "{0}'s API documents no way to change a campaign once it is made: change campaign {1} in {0}'s web app, " +
          'or remove its campaign line here and create a new draft.',
        name,
        safeText(id, [], 40),
      ),
    );
    return undefined;
  }
  const read = await draftInput(doc, r, facts).catch((e: unknown) => (showError(e), undefined));
  if (!read) return undefined;
  const { removed, ...input } = read;
  if (!onSave && !(await acceptCleaning(app, removed, confirmed))) return undefined;
  if (!onSave && !(await confirmUpdate(app, provider, { id, name, input, facts, confirmed }))) return undefined;
  if (onSave && !linkedHere(app.state, doc, r.session.profile.id, id)) return undefined;
  if (!onSave) await rememberLink(app.state, doc, r.session.profile.id, id);
  const before: Campaign = { id, title: input.title, status: 'draft', audience: [], raw: {} };
  try {
    const after = await app.changes.during({ kind: 'campaign', ids: [id], label: vscode.l10n.t('Updating…') }, () =>
      withProgress(vscode.l10n.t('Updating the draft "{0}"…', safeText(input.title, [], 80)), (signal) =>
        update(before, input, { signal }),
      ),
    );
    app.changes.fire({ session: r.session, campaigns: { replace: [after] } });
    sayUpdated(after, input, name, onSave);
    return onSave ? after : ((await scheduleFromFile(r, after)) ?? after);
  } catch (e) {
    showWriteError(e, 'newsletter.refreshCampaigns', vscode.l10n.t('Draft {0} not updated:', safeText(id, [], 40)));
    return undefined;
  }
}

/** A new newsletter file for the active connection, its fields filled as far as they can be. */
export async function newNewsletterFile(app: Services): Promise<vscode.TextEditor> {
  const session = app.connections.active;
  const text = newFileText(session?.profile.label, session?.profile.provider === 'sendportal');
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  return vscode.window.showTextDocument(doc);
}

export async function preview(app: Services, uri: unknown): Promise<boolean> {
  const doc = await documentOf(uri);
  if (!doc || !(await app.previews.show(doc))) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'This is not a newsletter file: it starts with front matter naming a subject and an audience (New Newsletter File makes one).',
      ),
    );
    return false;
  }
  return true;
}

/** Ctrl+S on a linked file updates its draft (the setting is on): only a draft this extension linked to it here. */
export function updateOnSaveOf(app: Services, doc: vscode.TextDocument): void {
  const r = app.newsletters.resolve(doc);
  const id = r && textOf(r.fm, 'campaign');
  // Only a draft linked to this file here, by a confirmed action: never one a line in a cloned file names.
  if (r?.session?.provider().updateDraft && id && linkedHere(app.state, doc, r.session.profile.id, id))
    void updateDraft(app, doc.uri, false, true);
}
