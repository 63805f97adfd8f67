import * as vscode from 'vscode';
import type { CampaignStatus } from '../api';
import { CAMPAIGN_STATUS_NAMES } from '../views/campaignsView';
import { command, type Services } from './services';

/** Picks a status to show; where the API has no filter, the pick says it filters page by page. */
async function filterCampaigns(s: Services, given?: CampaignStatus | 'all'): Promise<void> {
  const session = s.connections.active;
  if (!session) return;
  let choice = given;
  if (!choice) {
    const current = s.campaignFilter.status;
    const items = [
      { label: vscode.l10n.t('All campaigns'), status: 'all' as const, picked: !current },
      ...session.descriptor.campaignFilters.map((status) => ({
        label: CAMPAIGN_STATUS_NAMES[status],
        status,
        description: status === current ? vscode.l10n.t('current') : undefined,
      })),
    ];
    const pick = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Filter Campaigns by Status'),
      placeHolder: session.descriptor.filtersCampaignsOnServer
        ? undefined
        : vscode.l10n.t("{0}'s API has no status filter: each loaded page is filtered here", session.descriptor.displayName),
    });
    if (!pick) return;
    choice = pick.status;
  }
  await s.campaignFilter.set(choice === 'all' ? undefined : choice);
  s.campaigns.refresh(false); // other campaigns now: the old rows would mislead
}

export function registerCampaignCommands(s: Services): vscode.Disposable[] {
  return [
    command(s, 'newsletter.refreshCampaigns', () => s.campaigns.refresh()),
    command(s, 'newsletter.filterCampaigns', (status?: CampaignStatus | 'all') =>
      filterCampaigns(s, typeof status === 'string' ? status : undefined),
    ),
  ];
}
