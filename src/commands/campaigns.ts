import * as vscode from 'vscode';
import { CAMPAIGN_FILTERS, type CampaignStatus } from '../api';
import { CAMPAIGN_STATUS_NAMES } from '../views/campaignsView';
import type { CommandContext } from './context';

/** Picks a status to show; SendPortal has no filter in its API, so the pick says it filters page by page. */
async function filterCampaigns(ctx: CommandContext, given?: CampaignStatus | 'all'): Promise<void> {
  const conn = ctx.manager.active;
  if (!conn) return;
  let choice = given;
  if (!choice) {
    const current = ctx.campaigns.statusFilter;
    const clientSide = ctx.manager.provider()?.filtersCampaignsClientSide;
    const items = [
      { label: vscode.l10n.t('All campaigns'), status: 'all' as const, picked: !current },
      ...CAMPAIGN_FILTERS[conn.provider].map((status) => ({
        label: CAMPAIGN_STATUS_NAMES[status],
        status,
        description: status === current ? vscode.l10n.t('current') : undefined,
      })),
    ];
    const pick = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Filter Campaigns by Status'),
      placeHolder: clientSide ? vscode.l10n.t("SendPortal's API has no status filter: each loaded page is filtered here") : undefined,
    });
    if (!pick) return;
    choice = pick.status;
  }
  await ctx.campaigns.setStatusFilter(choice === 'all' ? undefined : choice);
}

export function registerCampaignCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('newsletter.refreshCampaigns', () => ctx.campaigns.refresh()),
    vscode.commands.registerCommand('newsletter.filterCampaigns', (status?: CampaignStatus | 'all') => filterCampaigns(ctx, typeof status === 'string' ? status : undefined)),
  ];
}
