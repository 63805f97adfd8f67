import * as vscode from 'vscode';
import { registerCampaignCommands } from './commands/campaigns';
import { registerConnectionCommands } from './commands/connections';
import type { CommandContext } from './commands/context';
import { registerSubscriberCommands } from './commands/subscribers';
import { registerTokenCommands } from './commands/tokens';
import { registerTreeCommands } from './commands/trees';
import { ConnectionManager } from './connections/connectionManager';
import { TokenStore } from './connections/tokenStore';
import { StatusMonitor } from './status/statusMonitor';
import { CampaignsTreeProvider } from './views/campaignsView';
import { DetailsDocuments } from './views/details';
import { SubscribersTreeProvider } from './views/subscribersView';

/** What activate() returns: the pieces, for the integration tests and other extensions. */
export interface NewsletterApi extends CommandContext {
  /** How long activate() itself took. */
  activationMs: number;
}

/**
 * Builds the pieces and registers them, without waiting for anything: the token is read from SecretStorage in
 * the background (`manager.ready`), and views load when they are shown.
 */
export function activate(context: vscode.ExtensionContext): NewsletterApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Newsletter', { log: true });
  const tokens = new TokenStore(context.secrets);
  const manager = new ConnectionManager(context.globalState, tokens, log);

  const ctx: CommandContext = {
    manager,
    log,
    subscribers: new SubscribersTreeProvider(manager),
    campaigns: new CampaignsTreeProvider(manager, context.workspaceState),
    status: new StatusMonitor(manager),
    details: new DetailsDocuments(),
  };

  const updateContext = () => {
    const state = !manager.active ? 'noConnection' : manager.tokenState === 'missing' ? 'noToken' : 'ready';
    void vscode.commands.executeCommand('setContext', 'newsletter.state', state);
    void vscode.commands.executeCommand('setContext', 'newsletter.provider', manager.active?.provider);
  };
  void manager.ready.then(updateContext);

  context.subscriptions.push(
    log,
    tokens,
    manager,
    ctx.subscribers,
    ctx.campaigns,
    ctx.status,
    ctx.details,
    manager.onDidChange(updateContext),
    ...registerConnectionCommands(ctx),
    ...registerTokenCommands(ctx),
    ...registerSubscriberCommands(ctx),
    ...registerCampaignCommands(ctx),
    ...registerTreeCommands(ctx),
  );
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms`);
  return { ...ctx, activationMs };
}

export function deactivate(): void {}
