import * as vscode from 'vscode';
import type { Campaign, Subscriber } from '../api';
import type { ExtraNode } from '../views/nodes';
import { type CommandContext, showError } from './context';

type ItemNode = { type: 'item'; item: Subscriber | Campaign };

const isSubscriber = (item: Subscriber | Campaign): item is Subscriber => 'email' in item;

/** Opens the full record; asks the API again only when the list form lacks fields the details have. */
async function openDetails(ctx: CommandContext, node?: ItemNode): Promise<vscode.TextEditor | undefined> {
  const selected = node ?? (ctx.subscribers.view.selection[0] as ItemNode | undefined) ?? (ctx.campaigns.view.selection[0] as ItemNode | undefined);
  const conn = ctx.manager.active;
  if (selected?.type !== 'item' || !conn) return undefined;
  const item = selected.item;
  const kind = isSubscriber(item) ? 'subscriber' : 'campaign';
  let record = item.raw;
  try {
    const provider = ctx.manager.provider()!;
    if (provider.detailOnlyFields[kind].some((f) => !(f in record))) {
      record = (kind === 'subscriber' ? await provider.getSubscriber(item.id) : await provider.getCampaign(item.id)).raw;
    }
  } catch (e) {
    showError(e);
    return undefined;
  }
  return ctx.details.open(conn.label, kind, item.id, record);
}

export function registerTreeCommands(ctx: CommandContext): vscode.Disposable[] {
  const loadMore = (node: ExtraNode) => (node?.type === 'loadMore' || node?.type === 'error' ? node.list.loadMore() : undefined);
  return [
    vscode.commands.registerCommand('newsletter.loadMore', loadMore),
    vscode.commands.registerCommand('newsletter.retry', loadMore),
    vscode.commands.registerCommand('newsletter.openDetails', (node?: ItemNode) => openDetails(ctx, node)),
  ];
}
