import * as vscode from 'vscode';
import { type Campaign, type CampaignStatus, safeText } from '../api';
import type { Connections } from '../connections/connections';
import { settings } from '../connections/settings';
import { PagedTree } from './pagedTree';

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

const fmt = (n: number) => n.toLocaleString('en-US');
/** A rate out of what went out, never above 100 %. */
const pct = (part: number, whole: number) => `${Math.min(100, Math.round((100 * part) / whole))}%`;

/** Each connection's campaign status filter, kept in the workspace's state across reloads. */
export class CampaignFilter {
  constructor(
    private readonly memento: vscode.Memento,
    private readonly connections: Connections,
  ) {}

  private key(): string {
    return `newsletter.campaignFilter.${this.connections.active?.profile.id}`;
  }

  get status(): CampaignStatus | undefined {
    return this.memento.get<CampaignStatus>(this.key());
  }

  set(status: CampaignStatus | undefined): Thenable<void> {
    return this.memento.update(this.key(), status);
  }

  describe(): string | undefined {
    const status = this.status;
    if (!status) return undefined;
    const name = CAMPAIGN_STATUS_NAMES[status];
    return this.connections.active?.descriptor.filtersCampaignsOnServer === false ? vscode.l10n.t('{0} (filtered page by page)', name) : name;
  }
}

export type CampaignsTree = PagedTree<Campaign>;

export function createCampaignsTree(connections: Connections, filter: CampaignFilter): CampaignsTree {
  return new PagedTree<Campaign>(
    {
      viewId: 'newsletter.campaigns',
      noun: vscode.l10n.t('campaigns'),
      fetch: (provider, page, signal) =>
        provider.listCampaigns(page, { status: filter.status, limit: settings.pageSize(provider.descriptor.pageSize.max), signal }),
      emptyText: () => {
        const status = filter.status;
        return status ? vscode.l10n.t('No {0} campaigns.', CAMPAIGN_STATUS_NAMES[status].toLowerCase()) : vscode.l10n.t('No campaigns yet.');
      },
      describe: () => filter.describe(),
      refreshCommand: 'newsletter.refreshCampaigns',
      toTreeItem(c, connectionId) {
        const item = new vscode.TreeItem(safeText(c.title, [], 120));
        item.id = `campaign:${connectionId}:${c.id}`;
        // Once some went out (a cancelled campaign too): how many, and the rates out of those; before, whom it is for.
        const figures: string[] = [];
        if (c.sent) {
          figures.push(vscode.l10n.t('{0} sent', fmt(c.sent)));
          if (c.opens !== undefined) figures.push(vscode.l10n.t('{0} opened', pct(c.opens, c.sent)));
          if (c.clicks !== undefined) figures.push(vscode.l10n.t('{0} clicked', pct(c.clicks, c.sent)));
        } else if (c.recipients) figures.push(vscode.l10n.t('{0} recipients', fmt(c.recipients)));
        item.description = [CAMPAIGN_STATUS_NAMES[c.status], ...figures].join(' · ');
        item.iconPath = new vscode.ThemeIcon(STATUS_ICONS[c.status]);
        item.contextValue = 'campaign';
        item.command = { command: 'newsletter.openDetails', title: vscode.l10n.t('Open Details'), arguments: [{ type: 'item', item: c }] };
        return item;
      },
      tooltip(c) {
        const reports = connections.active?.descriptor.reportsOpensAndClicks !== false;
        const md = new vscode.MarkdownString();
        md.appendText(`${safeText(c.title)}\n\n`);
        if (c.subject) md.appendText(`${vscode.l10n.t('Subject')}: ${safeText(c.subject)}\n`);
        md.appendText(`${vscode.l10n.t('Status')}: ${CAMPAIGN_STATUS_NAMES[c.status]}\n`);
        if (c.recipients !== undefined) md.appendText(`${vscode.l10n.t('Recipients')}: ${fmt(c.recipients)}\n`);
        if (c.sent !== undefined) md.appendText(`${vscode.l10n.t('Sent')}: ${fmt(c.sent)}\n`);
        if (c.opens !== undefined) md.appendText(`${vscode.l10n.t('Opens')}: ${fmt(c.opens)}\n`);
        if (c.clicks !== undefined) md.appendText(`${vscode.l10n.t('Clicks')}: ${fmt(c.clicks)}\n`);
        if (!reports && c.sent) {
          md.appendText(vscode.l10n.t("Opens and clicks: not reported by SendPortal's API (its counters are not kept up to date); see them in SendPortal.") + '\n');
        }
        if (c.scheduledAt) md.appendText(`${vscode.l10n.t('Scheduled')}: ${safeText(c.scheduledAt)}\n`);
        if (c.sentAt) md.appendText(`${vscode.l10n.t('Sent on')}: ${safeText(c.sentAt)}\n`);
        return md;
      },
    },
    connections,
  );
}
