import * as vscode from 'vscode';
import { type Health, normalizeToken, safeText, tokenProblem } from '../api';
import type { Session } from '../connections/session';
import { command, type Services, showError, withProgress } from '../app/services';

type SetTokenResult = 'saved' | 'savedUnchecked' | 'refused' | 'cancelled';

/** `newsletter.setToken` takes a token (tests, the demo) or the connection it is for; otherwise the active one. */
type SetTokenArgs = string | { connectionId?: string; token?: string };

/** Asks for the token of one connection in a password box naming service and host, proves it, then stores it. */
async function setToken(app: Services, args?: SetTokenArgs): Promise<SetTokenResult> {
  const given = typeof args === 'string' ? args : args?.token;
  const id = typeof args === 'object' ? args.connectionId : undefined;
  const session = id ? app.connections.session(id) : app.connections.active;
  if (!session) {
    const add = vscode.l10n.t('Add Connection');
    if ((await vscode.window.showInformationMessage(vscode.l10n.t('Add a connection first.'), add)) === add) {
      await vscode.commands.executeCommand('newsletter.addConnection');
    }
    return 'cancelled';
  }
  try {
    session.provider(); // a bad URL fails here, before the token goes anywhere
  } catch (e) {
    showError(e);
    return 'refused';
  }
  if (given === undefined) return askForToken(app, session);
  let token: string;
  try {
    token = normalizeToken(given);
  } catch (e) {
    showError(e);
    return 'refused';
  }
  return settle(app, session, token, await check(session, token));
}

/** What a check of the token came to: cancelled, refused (said why), or saved (asking first if it could not tell). */
async function settle(app: Services, session: Session, token: string, health: Health | undefined): Promise<SetTokenResult> {
  if (!health) return 'cancelled';
  if (health.authenticated !== false) return save(app, session, token, health);
  void vscode.window.showErrorMessage(vscode.l10n.t('The token was not saved: {0}', safeText(health.error?.message ?? '', [token], 600)));
  return 'refused';
}

/** One real call with the candidate token; undefined when cancelled. */
function check(session: Session, token: string): Thenable<Health | undefined> {
  return withProgress(vscode.l10n.t('Checking the token with {0}…', session.profile.label), (signal) =>
    session.candidate(token).checkHealth({ signal }),
  ).then(undefined, () => undefined);
}

/**
 * The password box names the service and the host the token will go to, and stays open until the token is proven:
 * a refused token shows why inline with the pasted value kept, so nobody starts over.
 */
function askForToken(app: Services, session: Session): Promise<SetTokenResult> {
  const host = session.host ?? '?';
  const box = vscode.window.createInputBox();
  box.title = vscode.l10n.t('Set API Token for {0} ({1} · {2})', session.profile.label, session.descriptor.displayName, host);
  box.prompt = vscode.l10n.t('{0}. It will be sent only to {1}.', session.descriptor.tokenPrompt, host);
  box.password = true;
  box.ignoreFocusOut = true;
  return new Promise<SetTokenResult>((resolve) => {
    let result: SetTokenResult = 'cancelled';
    const subs = [
      box.onDidChangeValue((v) => (box.validationMessage = v.trim() ? tokenProblem(v.trim()) : undefined)),
      box.onDidAccept(async () => {
        const token = box.value.trim();
        const problem = tokenProblem(token);
        if (problem) {
          box.validationMessage = problem;
          return;
        }
        box.busy = true;
        box.enabled = false;
        const health = await check(session, token);
        box.busy = false;
        box.enabled = true;
        if (!health) return;
        if (health.authenticated === false) {
          box.validationMessage = vscode.l10n.t('Refused: {0}', safeText(health.error?.message ?? '', [token], 300));
          return;
        }
        box.hide();
        try {
          result = await save(app, session, token, health);
        } catch (e) {
          showError(e);
        }
        resolve(result);
      }),
      box.onDidHide(() => {
        for (const d of subs) d.dispose();
        box.dispose();
        if (result === 'cancelled') resolve('cancelled');
      }),
    ];
    box.show();
  });
}

/** Saves a proven token; one that could not be checked (network, wrong URL) only when the user says so. */
async function save(app: Services, session: Session, token: string, health: Health): Promise<SetTokenResult> {
  const label = session.profile.label;
  if (health.authenticated) {
    keep(session.profile.id, undefined);
    await app.connections.setToken(session.profile.id, token, true);
    void vscode.window.showInformationMessage(vscode.l10n.t('API token saved for {0}.', label));
    return 'saved';
  }
  const reason = safeText(health.error?.message ?? '', [token], 600);
  const saveAnyway = vscode.l10n.t('Save Anyway');
  const editUrl = vscode.l10n.t('Edit URL');
  const retry = vscode.l10n.t('Try Again');
  // Whatever is answered (or if the warning hides unanswered), the pasted token is kept in memory until it is saved:
  // the view offers the same Try Again and Edit URL.
  keep(session.profile.id, token);
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Could not check the token: {0}', reason),
    editUrl,
    retry,
    saveAnyway,
  );
  if (answer === retry) return settle(app, session, token, await check(session, token));
  if (answer === editUrl) {
    // The URL box, then the same token checked again where the connection points now: nothing typed twice.
    if (!(await vscode.commands.executeCommand<boolean>('newsletter.editConnection', session.profile.id, 'baseUrl'))) return 'cancelled';
    const moved = app.connections.session(session.profile.id);
    return moved ? settle(app, moved, token, await check(moved, token)) : 'cancelled';
  }
  if (answer !== saveAnyway) return 'cancelled';
  keep(session.profile.id, undefined);
  await app.connections.setToken(session.profile.id, token, false);
  return 'savedUnchecked';
}

/**
 * Tokens pasted that could not be checked (the server did not answer), by connection: never stored, held only so
 * that the view's Try Again and Edit URL check the same token again instead of asking for it.
 */
const unchecked = new Map<string, string>();

function keep(connectionId: string, token: string | undefined): void {
  if (token === undefined) unchecked.delete(connectionId);
  else unchecked.set(connectionId, token);
  void vscode.commands.executeCommand('setContext', 'newsletter.uncheckedToken', [...unchecked.keys()]);
}

/**
 * The view's Try Again (or Edit URL first): the kept token checked again where the connection points now. Nothing
 * kept: undefined (the view offers these only while one is).
 */
async function checkKept(app: Services, editUrl: boolean): Promise<SetTokenResult | undefined> {
  const session = app.connections.active;
  const token = session && unchecked.get(session.profile.id);
  if (!session || !token) return undefined;
  if (editUrl && !(await vscode.commands.executeCommand<boolean>('newsletter.editConnection', session.profile.id, 'baseUrl')))
    return 'cancelled';
  const now = app.connections.session(session.profile.id) ?? session;
  return settle(app, now, token, await check(now, token));
}

async function clearToken(app: Services): Promise<void> {
  const session = app.connections.active;
  if (!session) return;
  await app.connections.clearToken(session.profile.id);
  void vscode.window.showInformationMessage(vscode.l10n.t('API token deleted for {0}.', session.profile.label));
}

export function registerTokenCommands(app: Services): vscode.Disposable[] {
  return [
    command(app, 'newsletter.setToken', (args?: SetTokenArgs) => setToken(app, args)),
    command(app, 'newsletter.clearToken', () => clearToken(app)),
    command(app, 'newsletter.checkKeptToken', () => checkKept(app, false)),
    command(app, 'newsletter.editUrlAndCheck', () => checkKept(app, true)),
    // One notification when a token turns out refused, not one per failing request.
    app.connections.onDidChange(async (change) => {
      const session = app.connections.active;
      if (change !== 'tokenState' || session?.tokenState !== 'invalid') return;
      const set = vscode.l10n.t('Set API Token');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} refused the API token: it is missing, wrong or expired.', safeText(session.profile.label, [], 80)),
        set,
      );
      if (choice === set) await vscode.commands.executeCommand('newsletter.setToken', { connectionId: session.profile.id });
    }),
  ];
}
