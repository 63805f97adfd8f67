/**
 * The commands on campaigns, registered at once; what they do (campaignActions.ts, campaignPreviews.ts) loads when
 * first run.
 */
import type * as vscode from 'vscode';
import type { CampaignStatus } from '../api';
import { command, type Services } from '../app/services';

const actions = () => import('./campaignActions');
const previews = () => import('./campaignPreviews');

export function registerCampaignCommands(app: Services): vscode.Disposable[] {
  return [
    command(app, 'newsletter.previewCampaign', async (row?: unknown) => (await previews()).previewCampaign(app, row)),
    command(app, 'newsletter.previewTemplate', async (id?: unknown) =>
      (await previews()).previewTemplate(app, typeof id === 'string' ? id : undefined),
    ),
    // From a menu or a card: (row); schedule also (row, "2026-12-01 09:30"), and from a chat tool the campaign the
    // person confirmed there (confirmedElsewhere). Every other way asks (tests answer through the extension's ui).
    command(app, 'newsletter.sendCampaign', async (row?: unknown) => (await actions()).sendCampaign(app, row)),
    command(app, 'newsletter.scheduleCampaign', async (row?: unknown, at?: unknown, confirmed?: unknown) =>
      (await actions()).scheduleCampaign(app, row, typeof at === 'string' ? at : undefined, (await actions()).confirmedArg(confirmed)),
    ),
    command(app, 'newsletter.cancelSchedule', async (row?: unknown) => (await actions()).cancelSchedule(app, row)),
    command(app, 'newsletter.refreshCampaigns', () => app.campaigns.refresh()),
    command(app, 'newsletter.filterCampaigns', async (status?: CampaignStatus | 'all') =>
      (await actions()).filterCampaigns(app, typeof status === 'string' ? status : undefined),
    ),
    // The same, shown with a filled funnel while a filter is on.
    command(app, 'newsletter.filterCampaignsOn', async () => (await actions()).filterCampaigns(app)),
  ];
}
