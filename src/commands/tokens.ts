import * as vscode from 'vscode';
import { normalizeToken, safeText, tokenProblem } from '../api';
import type { Session } from '../connections/session';
import { command, type Services, showError, withProgress } from './services';

export type SetTokenResult = 'saved' | 'savedUnchecked' | 'refused' | 'cancelled';

/** `newsletter.setToken` takes a token (tests, the demo) or the connection it is for; otherwise the active one. */
export type SetTokenArgs = string | { connectionId?: string; token?: string };

/** Asks for the token of one connection in a password box naming service and host, proves it, then stores it. */
async function setToken(s: Services, args?: SetTokenArgs): Promise<SetTokenResult> {
  const given = typeof args === 'string' ? args : args?.token;
  const id = typeof args === 'object' ? args.connectionId : undefined;
  const session = id ? s.connections.session(id) : s.connections.active;
  if (!session) {
    const add = vscode.l10n.t('Add Connection');
    if ((await vscode.window.showInformationMessage(vscode.l10n.t('Add a connection first.'), add)) === add) {
      await vscode.commands.executeCommand('newsletter.addConnection');
    }
    return 'cancelled';
  }
  const where = `${session.descriptor.displayName} · ${session.host ?? '?'}`;
  const raw =
    given ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Set API Token for {0} ({1})', session.profile.label, where),
      prompt: vscode.l10n.t('{0}. It will be sent only to {1}.', session.descriptor.tokenPrompt, session.host ?? '?'),
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => tokenProblem(v.trim()),
    }));
  if (raw === undefined) return 'cancelled';
  let token: string;
  try {
    token = normalizeToken(raw);
    session.provider(); // a bad URL fails here, before the token goes anywhere
  } catch (e) {
    showError(e);
    return 'refused';
  }
  return checkAndSave(s, session, token);
}

async function checkAndSave(s: Services, session: Session, token: string): Promise<SetTokenResult> {
  const label = session.profile.label;
  const health = await withProgress(vscode.l10n.t('Checking the token with {0}…', label), (signal) =>
    session.candidate(token).checkHealth({ signal }),
  ).then(undefined, () => undefined);
  if (!health) return 'cancelled';
  const reason = safeText(health.error?.message ?? '', [token], 600);
  if (health.authenticated) {
    await s.connections.setToken(session.profile.id, token, true);
    void vscode.window.showInformationMessage(vscode.l10n.t('API token saved for {0}.', label));
    return 'saved';
  }
  if (health.authenticated === false) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The token was not saved: {0}', reason));
    return 'refused';
  }
  const save = vscode.l10n.t('Save Anyway');
  const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Could not check the token: {0} Save it anyway?', reason), save);
  if (answer !== save) return 'cancelled';
  await s.connections.setToken(session.profile.id, token, false);
  return 'savedUnchecked';
}

async function clearToken(s: Services): Promise<void> {
  const session = s.connections.active;
  if (!session) return;
  await s.connections.clearToken(session.profile.id);
  void vscode.window.showInformationMessage(vscode.l10n.t('API token deleted for {0}.', session.profile.label));
}

export function registerTokenCommands(s: Services): vscode.Disposable[] {
  return [
    command(s, 'newsletter.setToken', (args?: SetTokenArgs) => setToken(s, args)),
    command(s, 'newsletter.clearToken', () => clearToken(s)),
    // One notification when a token turns out refused, not one per failing request.
    s.connections.onDidChange(async (change) => {
      const session = s.connections.active;
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
