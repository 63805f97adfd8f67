import * as vscode from 'vscode';
import { registerAssist } from './authoring/assist';
import { LivePreviews } from './authoring/livePreview';
import { NewsletterFiles } from './authoring/newsletterFiles';
import { registerCampaignCommands } from './commands/campaigns';
import { registerDraftFiles } from './commands/draftFiles';
import { registerDraftCommands } from './commands/drafts';
import { registerInsightsCommands } from './commands/insights';
import { registerCardCommands } from './commands/cards';
import { registerConnectionCommands } from './commands/connections';
import { registerItemCommands } from './commands/items';
import { registerListCommands } from './commands/lists';
import { type Services, progressFollows } from './app/services';
import { defaultUi } from './app/ui';
import { registerSubscriberCommands } from './commands/subscribers';
import { registerTokenCommands } from './commands/tokens';
import { type Tools, lazyTools, registerTools } from './agent';
import { registerTransferCommands } from './commands/transfer';
import { Connections } from './connections/connections';
import { logRequests } from './connections/requestLog';
import { TokenStore } from './connections/tokenStore';
import { HealthMonitor } from './status/healthMonitor';
import { CampaignFilter, createCampaignsTree } from './views/campaignsView';
import { Cards } from './views/cards';
import { Changes } from './views/changes';
import { DetailsDocuments } from './views/details';
import { ListsTree } from './views/listsView';
import { SubscriberFilter, createSubscribersTree } from './views/subscribersView';

/** What activate() returns: the pieces the integration tests and benchmarks drive. */
export interface NewsletterApi {
  connections: Services['connections'];
  subscribers: Services['subscribers'];
  campaigns: Services['campaigns'];
  campaignFilter: Services['campaignFilter'];
  subscriberFilter: Services['subscriberFilter'];
  lists: Services['lists'];
  cards: Services['cards'];
  changes: Services['changes'];
  newsletters: Services['newsletters'];
  statusItem: vscode.StatusBarItem;
  /** The status item's monitor: asleep until the extension is used. */
  health: Services['health'];
  /** The questions commands ask; tests answer them here. */
  ui: Services['ui'];
  /** The chat agent's tools, by name (tests call their prepareInvocation). */
  tools: Tools;
  /** How long activate() itself took. */
  activationMs: number;
}

/** The one cleaner of an email's HTML, loaded with the first preview (the views may not import authoring). */
const cleanHtml = async () => {
  const { sanitizeHtml } = await import('./authoring/sanitizeHtml');
  return (html: string) => sanitizeHtml(html).html;
};

/**
 * Builds the pieces and registers them, without waiting for anything: tokens are read from SecretStorage in
 * the background (`connections.ready`), and views load when they are shown.
 */
export function activate(context: vscode.ExtensionContext): NewsletterApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Newsletter', { log: true });
  const tokens = new TokenStore(context.secrets);
  const connections = new Connections(context.globalState, tokens);
  progressFollows(connections);
  const app = createServices(context, log, connections);
  const tools = lazyTools(app, toolNames(context));
  const { changes, newsletters } = app;
  context.subscriptions.push(
    ...[log, tokens, connections, app.subscribers, app.campaigns, app.lists, app.health, app.details, app.cards, changes],
    ...[newsletters, app.previews],
    // A list made, renamed or deleted here: newsletter files are checked against the lists as they are now.
    changes.onDidChange((c) => c.lists && newsletters.forget(c.session.profile.id)),
    logRequests(connections, log),
    ...registerAll(app, tools),
  );
  context.subscriptions.push(...wakeWhenUsed(app));
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms`);
  return {
    ...{ connections, changes, newsletters, tools, activationMs },
    ...{ campaignFilter: app.campaignFilter, subscriberFilter: app.subscriberFilter },
    ...{ subscribers: app.subscribers, campaigns: app.campaigns, lists: app.lists, cards: app.cards },
    ...{ statusItem: app.health.bar.item, health: app.health, ui: app.ui },
  };
}

/** The pieces every command is given; each view loads its first page when it is shown. */
function createServices(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, connections: Connections): Services {
  const campaignFilter = new CampaignFilter(context.workspaceState, connections);
  const subscriberFilter = new SubscriberFilter(context.workspaceState, connections);
  const changes = new Changes();
  const [cards, newsletters] = [new Cards(context.extensionUri, cleanHtml), new NewsletterFiles(connections)];
  return {
    ...{ connections, log, campaignFilter, subscriberFilter, changes },
    subscribers: createSubscribersTree(connections, changes, subscriberFilter),
    lists: new ListsTree(connections, changes),
    campaigns: createCampaignsTree(connections, changes, campaignFilter),
    health: new HealthMonitor(connections),
    details: new DetailsDocuments(),
    cards,
    state: context.globalState,
    newsletters,
    previews: new LivePreviews(newsletters, cards),
    savingOwn: new Map(),
    ui: defaultUi(),
  };
}

/** Every command, the assists of newsletter files, the chat tools and the context keys menus read. */
function registerAll(app: Services, tools: Tools): vscode.Disposable[] {
  return [
    ...registerAssist(app.newsletters),
    ...registerDraftCommands(app),
    ...registerDraftFiles(app),
    ...registerInsightsCommands(app),
    ...followContext(app),
    ...registerConnectionCommands(app),
    ...registerTokenCommands(app),
    ...registerSubscriberCommands(app),
    ...registerCampaignCommands(app),
    ...registerListCommands(app),
    ...registerItemCommands(app),
    ...registerCardCommands(app),
    ...registerTransferCommands(app),
    ...registerTools(tools),
  ];
}

/**
 * In use once a view shows or a newsletter file is found (a command wakes it too: services.command): until then, no
 * status item and no request, for a Markdown file activates the extension for everyone who opens one.
 */
function wakeWhenUsed(app: Services): vscode.Disposable[] {
  const wake = () => app.health.wake();
  const views = [app.subscribers.view, app.campaigns.view, app.lists.view];
  if (views.some((v) => v.visible)) wake();
  return [...views.map((v) => v.onDidChangeVisibility((e) => e.visible && wake())), app.newsletters.onDidCheck(wake)];
}

/** The context keys menus and welcome views read: the active connection's state and provider, the filters. */
function followContext(app: Services): vscode.Disposable[] {
  const { connections, campaignFilter, subscriberFilter } = app;
  const updateContext = () => {
    const session = connections.active;
    const state = !session ? 'noConnection' : session.tokenState === 'missing' ? 'noToken' : 'ready';
    void vscode.commands.executeCommand('setContext', 'newsletter.state', state);
    void vscode.commands.executeCommand('setContext', 'newsletter.provider', session?.profile.provider);
    void vscode.commands.executeCommand('setContext', 'newsletter.connectionId', session?.profile.id); // a kept token's view
    // The funnel in each title bar is filled while a filter is on.
    void vscode.commands.executeCommand('setContext', 'newsletter.campaignsFiltered', !!campaignFilter.status);
    void vscode.commands.executeCommand('setContext', 'newsletter.subscribersFiltered', !!subscriberFilter.value.status);
  };
  void connections.ready.then(updateContext);
  return [
    connections.onDidChange((change) => change !== 'response' && updateContext()),
    campaignFilter.onDidChange(updateContext),
    subscriberFilter.onDidChange(updateContext),
  ];
}

/** The chat tools' names, as package.json contributes them. */
function toolNames(context: vscode.ExtensionContext): string[] {
  const manifest = context.extension.packageJSON as { contributes?: { languageModelTools?: { name: string }[] } };
  return (manifest.contributes?.languageModelTools ?? []).map((t) => t.name);
}

export function deactivate(): void {}
