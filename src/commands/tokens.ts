import * as vscode from 'vscode';
import { normalizeToken, tokenProblem } from '../api';
import { type CommandContext, showError, withProgress } from './context';

export type SetTokenResult = 'saved' | 'savedUnchecked' | 'refused' | 'cancelled';

/** Asks for the token in a password box, proves it with one real call, and only then stores it. */
async function setToken(ctx: CommandContext, given?: string): Promise<SetTokenResult> {
  const conn = ctx.manager.active;
  if (!conn) {
    const add = vscode.l10n.t('Add Connection');
    if ((await vscode.window.showInformationMessage(vscode.l10n.t('Add a connection first.'), add)) === add) {
      await vscode.commands.executeCommand('newsletter.addConnection');
    }
    return 'cancelled';
  }
  const raw =
    typeof given === 'string'
      ? given
      : await vscode.window.showInputBox({
          title: vscode.l10n.t('Set API Token for {0}', ctx.manager.describe(conn)),
          prompt:
            conn.provider === 'sender'
              ? vscode.l10n.t('Paste the token from Sender: Account settings → API access tokens')
              : vscode.l10n.t('Paste the token from SendPortal: your name → API Tokens'),
          password: true,
          ignoreFocusOut: true,
          validateInput: (v) => tokenProblem(v.trim()),
        });
  if (raw === undefined) return 'cancelled';
  let token: string;
  try {
    token = normalizeToken(raw);
  } catch (e) {
    showError(e);
    return 'refused';
  }
  const health = await withProgress(vscode.l10n.t('Checking the token with {0}…', conn.label), (signal) =>
    ctx.manager.providerWithToken(conn, token).checkHealth({ signal }),
  ).then(undefined, () => undefined);
  if (!health) return 'cancelled';
  if (health.authenticated) {
    await ctx.manager.setToken(conn.id, token, true);
    void vscode.window.showInformationMessage(vscode.l10n.t('API token saved for {0}.', conn.label));
    return 'saved';
  }
  if (health.authenticated === false) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The token was not saved: {0}', health.error?.message ?? ''));
    return 'refused';
  }
  const save = vscode.l10n.t('Save Anyway');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Could not check the token: {0} Save it anyway?', health.error?.message ?? ''),
    save,
  );
  if (answer !== save) return 'cancelled';
  await ctx.manager.setToken(conn.id, token, false);
  return 'savedUnchecked';
}

async function clearToken(ctx: CommandContext): Promise<void> {
  const conn = ctx.manager.active;
  if (!conn) return;
  await ctx.manager.clearToken(conn.id);
  void vscode.window.showInformationMessage(vscode.l10n.t('API token deleted for {0}.', conn.label));
}

export function registerTokenCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('newsletter.setToken', (token?: string) => setToken(ctx, token)),
    vscode.commands.registerCommand('newsletter.clearToken', () => clearToken(ctx)),
    // One notification when a token turns out refused, not one per failing request.
    ctx.manager.onDidChangeTokenState(async (state) => {
      if (state !== 'invalid') return;
      const set = vscode.l10n.t('Set API Token');
      const conn = ctx.manager.active;
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} refused the API token: it is missing, wrong or expired.', conn?.label ?? ''),
        set,
      );
      if (choice === set) await vscode.commands.executeCommand('newsletter.setToken');
    }),
  ];
}
