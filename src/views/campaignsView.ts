import * as vscode from 'vscode';
import { type Campaign, type CampaignStatus, safeText } from '../api';
import { parseApiDate } from '../api/dates';
import { clock } from '../api/clock';
import { absoluteTime, campaignDate, campaignFigures, fmt, relativeTime } from './format';
import type { Connections } from '../connections/connections';
import type { Changes } from './changes';
import { settings } from '../connections/settings';
import { PagedTree } from './pagedTree';
import { PerConnection } from './perConnection';

export const CAMPAIGN_STATUS_NAMES: Record<CampaignStatus, string> = {
  draft: vscode.l10n.t('Draft'),
  scheduled: vscode.l10n.t('Scheduled'),
  queued: vscode.l10n.t('Queued'),
  sending: vscode.l10n.t('Sending'),
  sent: vscode.l10n.t('Sent'),
  cancelled: vscode.l10n.t('Cancelled'),
  unknown: vscode.l10n.t('Unknown'),
};

const STATUS_ICONS: Record<CampaignStatus, string> = {
  draft: 'edit',
  scheduled: 'calendar',
  queued: 'clock',
  sending: 'rocket',
  sent: 'mail-read',
  cancelled: 'circle-slash',
  unknown: 'mail',
};

/**
 * The row's description: the status with the date that matters for it ("Sent 3 days ago", "Scheduled in 2 days",
 * "Draft, created last week") and what went out. Where the API reports them, the open and click rates (out of what
 * was delivered) come first and the count moves to the tooltip, so that they fit at the default sidebar width.
 */
function campaignDescription(c: Campaign, reportsRates: boolean, now = clock.now()): string {
  const when = campaignDate(c);
  const date = when && parseApiDate(when.raw);
  const status = CAMPAIGN_STATUS_NAMES[c.status];
  const head = !date
    ? status
    : when?.kind === 'created'
      ? vscode.l10n.t('{0}, created {1}', status, relativeTime(date.date, now, vscode.env.language))
      : `${status} ${relativeTime(date.date, now, vscode.env.language)}`;
  const f = campaignFigures(c);
  if (c.sent && reportsRates && f.openRate) {
    const clicked = f.clickRate ? [vscode.l10n.t('{0} clicked', f.clickRate)] : [];
    return [vscode.l10n.t('{0} opened', f.openRate), ...clicked, head].join(' · ');
  }
  if (c.sent) return [head, vscode.l10n.t('{0} sent', fmt(c.sent))].join(' · ');
  return c.recipients ? [head, vscode.l10n.t('{0} recipients', fmt(c.recipients))].join(' · ') : head;
}

/** Each connection's campaign status filter, kept in the workspace's state across reloads. */
export class CampaignFilter extends PerConnection<CampaignStatus> {
  constructor(memento: vscode.Memento, connections: Connections) {
    super(memento, connections, 'campaignFilter');
  }

  get status(): CampaignStatus | undefined {
    return this.stored;
  }

  set(status: CampaignStatus | undefined): Promise<void> {
    return this.store(status);
  }

  describe(): string | undefined {
    const status = this.status;
    if (!status) return undefined;
    const name = CAMPAIGN_STATUS_NAMES[status];
    return this.connections.active?.descriptor.filtersCampaignsOnServer === false
      ? vscode.l10n.t('{0} (filtered page by page)', name)
      : name;
  }
}

export type CampaignsTree = PagedTree<Campaign>;

export function createCampaignsTree(connections: Connections, changes: Changes, filter: CampaignFilter): CampaignsTree {
  return new PagedTree<Campaign>(
    {
      viewId: 'newsletter.campaigns',
      kind: 'campaign',
      noun: vscode.l10n.t('campaigns'),
      fetch: (provider, page, signal) =>
        provider.listCampaigns(page, { status: filter.status, limit: settings.pageSize(provider.descriptor.pageSize.max), signal }),
      emptyText: () => {
        const status = filter.status;
        return status
          ? vscode.l10n.t('No {0} campaigns.', CAMPAIGN_STATUS_NAMES[status].toLowerCase())
          : vscode.l10n.t('No campaigns yet.');
      },
      describe: () => filter.describe(),
      shows: (c) => !filter.status || c.status === filter.status,
      refreshCommand: 'newsletter.refreshCampaigns',
      toTreeItem(c, connectionId) {
        const item = new vscode.TreeItem(safeText(c.title, [], 120));
        item.id = `campaign:${connectionId}:${c.id}`;
        item.description = campaignDescription(c, connections.active?.descriptor.reportsOpensAndClicks !== false);
        item.iconPath = new vscode.ThemeIcon(STATUS_ICONS[c.status]);
        item.contextValue = `campaign.${c.status}`;
        return item;
      },
      tooltip(c) {
        const d = connections.active?.descriptor;
        const f = campaignFigures(c);
        const lines = [safeText(c.title), ''];
        const rows: [string, string | undefined][] = [
          [vscode.l10n.t('Subject'), c.subject && safeText(c.subject)],
          [vscode.l10n.t('Status'), CAMPAIGN_STATUS_NAMES[c.status]],
          [vscode.l10n.t('Created'), absoluteTime(c.createdAt, vscode.env.language)],
          [vscode.l10n.t('Scheduled for'), absoluteTime(c.scheduledAt, vscode.env.language)],
          [vscode.l10n.t('Sent on'), absoluteTime(c.sentAt, vscode.env.language)],
          [vscode.l10n.t('Recipients'), c.recipients === undefined ? undefined : fmt(c.recipients)],
          [vscode.l10n.t('Sent'), c.sent === undefined ? undefined : fmt(c.sent)],
          [vscode.l10n.t('Bounced'), c.bounces === undefined ? undefined : `${fmt(c.bounces)}${f.bounceRate ? ` · ${f.bounceRate}` : ''}`],
          [vscode.l10n.t('Opened'), c.opens === undefined ? undefined : `${fmt(c.opens)}${f.openRate ? ` · ${f.openRate}` : ''}`],
          [vscode.l10n.t('Clicked'), c.clicks === undefined ? undefined : `${fmt(c.clicks)}${f.clickRate ? ` · ${f.clickRate}` : ''}`],
        ];
        for (const [k, v] of rows) if (v) lines.push(`${k}: ${v}`);
        if (d?.reportsOpensAndClicks === false && c.sent) {
          lines.push(
            vscode.l10n.t(
              "Opens and clicks: not reported by SendPortal's API (its counters are not kept up to date); see them in SendPortal.",
            ),
          );
        }
        if (f.delivered !== undefined && (f.openRate || f.clickRate))
          lines.push(vscode.l10n.t('Rates are out of the {0} delivered (sent minus bounced).', fmt(f.delivered)));
        return lines.join('\n');
      },
    },
    connections,
    changes,
  );
}
