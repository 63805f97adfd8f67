import * as vscode from 'vscode';
import { type ProviderKind, checkBaseUrl, isApiError, sendPortalApiBase } from '../api';
import { type Connection, PROVIDER_NAMES } from '../connections/connection';
import type { CommandContext } from './context';

const SENDER_DEFAULT_URL = 'https://api.sender.net/v2/';

export interface AddConnectionArgs {
  provider: ProviderKind;
  label?: string;
  baseUrl?: string;
  tokenInQuery?: boolean;
}

function urlProblem(provider: ProviderKind, value: string): string | undefined {
  try {
    if (provider === 'sendportal') sendPortalApiBase(value);
    else checkBaseUrl(value);
    return undefined;
  } catch (e) {
    return isApiError(e) ? e.message : String(e);
  }
}

async function addConnection(ctx: CommandContext, args?: AddConnectionArgs): Promise<Connection | undefined> {
  if (args) {
    const problem = args.baseUrl !== undefined || args.provider === 'sendportal' ? urlProblem(args.provider, args.baseUrl ?? '') : undefined;
    if (problem) throw new Error(problem);
    return ctx.manager.add({ ...args, label: args.label ?? PROVIDER_NAMES[args.provider] });
  }
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'Sender', description: vscode.l10n.t('sender.net, hosted API v2'), provider: 'sender' as const },
      { label: 'SendPortal', description: vscode.l10n.t('self-hosted, API v1'), provider: 'sendportal' as const },
    ],
    { title: vscode.l10n.t('Add Newsletter Connection'), placeHolder: vscode.l10n.t('Which service?') },
  );
  if (!pick) return undefined;
  const provider = pick.provider;
  const baseUrl = await vscode.window.showInputBox({
    title: vscode.l10n.t('Add Newsletter Connection'),
    prompt:
      provider === 'sendportal'
        ? vscode.l10n.t('The URL of your SendPortal, such as https://newsletter.example.com (…/api/v1 is added for you)')
        : vscode.l10n.t("Sender's API URL: press Enter for the hosted API"),
    value: provider === 'sender' ? SENDER_DEFAULT_URL : 'https://',
    ignoreFocusOut: true,
    validateInput: (v) => urlProblem(provider, v),
  });
  if (baseUrl === undefined) return undefined;
  const host = new URL(baseUrl.trim()).host;
  const label = await vscode.window.showInputBox({
    title: vscode.l10n.t('Add Newsletter Connection'),
    prompt: vscode.l10n.t('A name for this connection'),
    value: provider === 'sender' && baseUrl.trim() === SENDER_DEFAULT_URL ? 'Sender' : host,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a name.')),
  });
  if (label === undefined) return undefined;
  const conn = await ctx.manager.add({
    provider,
    label: label.trim(),
    baseUrl: provider === 'sender' && baseUrl.trim() === SENDER_DEFAULT_URL ? undefined : baseUrl.trim(),
  });
  await vscode.commands.executeCommand('newsletter.setToken');
  return conn;
}

async function pickConnection(ctx: CommandContext, title: string): Promise<Connection | undefined> {
  const list = ctx.manager.connections;
  if (!list.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no connection yet.'));
    return undefined;
  }
  const active = ctx.manager.active;
  const items = await Promise.all(
    list.map(async (c) => ({
      label: c.label,
      description: `${PROVIDER_NAMES[c.provider]}${c.id === active?.id ? ` · ${vscode.l10n.t('active')}` : ''}`,
      detail: (await ctx.manager.tokens.load(c.id)) ? `$(key) ${vscode.l10n.t('token saved')}` : `$(warning) ${vscode.l10n.t('no token')}`,
      conn: c,
    })),
  );
  return (await vscode.window.showQuickPick(items, { title }))?.conn;
}

async function switchConnection(ctx: CommandContext, id?: string): Promise<void> {
  const conn = id ? ctx.manager.connections.find((c) => c.id === id) : await pickConnection(ctx, vscode.l10n.t('Switch Newsletter Connection'));
  if (conn) await ctx.manager.setActive(conn.id);
}

async function renameConnection(ctx: CommandContext): Promise<void> {
  const conn = await pickConnection(ctx, vscode.l10n.t('Rename Newsletter Connection'));
  if (!conn) return;
  const label = await vscode.window.showInputBox({ value: conn.label, prompt: vscode.l10n.t('New name'), validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a name.')) });
  if (label) await ctx.manager.rename(conn.id, label.trim());
}

async function removeConnection(ctx: CommandContext, id?: string): Promise<void> {
  const conn = id ? ctx.manager.connections.find((c) => c.id === id) : await pickConnection(ctx, vscode.l10n.t('Remove Newsletter Connection'));
  if (!conn) return;
  if (!id) {
    const remove = vscode.l10n.t('Remove');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Remove {0} and delete its API token?', ctx.manager.describe(conn)),
      { modal: true },
      remove,
    );
    if (answer !== remove) return;
  }
  await ctx.manager.remove(conn.id);
}

async function statusMenu(ctx: CommandContext): Promise<void> {
  const items = [
    { label: `$(sync) ${vscode.l10n.t('Check Now')}`, command: 'newsletter.checkHealth' },
    { label: `$(arrow-swap) ${vscode.l10n.t('Switch Connection…')}`, command: 'newsletter.switchConnection' },
    { label: `$(key) ${vscode.l10n.t('Set API Token…')}`, command: 'newsletter.setToken' },
    { label: `$(output) ${vscode.l10n.t('Show Log')}`, command: 'newsletter.showLog' },
  ];
  if (!ctx.manager.active) items.unshift({ label: `$(add) ${vscode.l10n.t('Add Connection…')}`, command: 'newsletter.addConnection' });
  const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Newsletter') });
  if (pick) await vscode.commands.executeCommand(pick.command);
}

export function registerConnectionCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('newsletter.addConnection', (args?: AddConnectionArgs) => addConnection(ctx, args)),
    vscode.commands.registerCommand('newsletter.switchConnection', (id?: string) => switchConnection(ctx, typeof id === 'string' ? id : undefined)),
    vscode.commands.registerCommand('newsletter.renameConnection', () => renameConnection(ctx)),
    vscode.commands.registerCommand('newsletter.removeConnection', (id?: string) => removeConnection(ctx, typeof id === 'string' ? id : undefined)),
    vscode.commands.registerCommand('newsletter.editConnections', () => vscode.commands.executeCommand('workbench.action.openSettings', 'newsletter.connections')),
    vscode.commands.registerCommand('newsletter.checkHealth', () => ctx.status.checkNow()),
    vscode.commands.registerCommand('newsletter.showLog', () => ctx.log.show()),
    vscode.commands.registerCommand('newsletter.statusMenu', () => statusMenu(ctx)),
  ];
}
