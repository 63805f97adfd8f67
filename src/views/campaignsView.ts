import * as vscode from 'vscode';
import type { Campaign, CampaignStatus, Page } from '../api';
import type { ConnectionManager } from '../connections/connectionManager';
import { settings } from '../connections/settings';
import { PagedTreeProvider } from './pagedTreeProvider';

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
const pct = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;

export class CampaignsTreeProvider extends PagedTreeProvider<Campaign> {
  constructor(
    manager: ConnectionManager,
    /** Where each connection's status filter is kept across reloads (the workspace's state). */
    private readonly memento: vscode.Memento,
  ) {
    super('newsletter.campaigns', manager, vscode.l10n.t('campaigns'));
  }

  private filterKey(): string {
    return `newsletter.campaignFilter.${this.manager.active?.id}`;
  }

  get statusFilter(): CampaignStatus | undefined {
    return this.memento.get<CampaignStatus>(this.filterKey());
  }

  async setStatusFilter(status: CampaignStatus | undefined): Promise<void> {
    await this.memento.update(this.filterKey(), status);
    this.refresh();
  }

  protected describeFilter(): string | undefined {
    const filter = this.statusFilter;
    if (!filter) return undefined;
    const name = CAMPAIGN_STATUS_NAMES[filter];
    return this.manager.provider()?.filtersCampaignsClientSide ? vscode.l10n.t('{0} (filtered page by page)', name) : name;
  }

  protected fetch(page: number, signal: AbortSignal): Promise<Page<Campaign>> {
    return this.manager.provider()!.listCampaigns(page, { status: this.statusFilter, limit: settings.pageSize(), signal });
  }

  protected emptyText(): string {
    const filter = this.statusFilter;
    return filter ? vscode.l10n.t('No {0} campaigns.', CAMPAIGN_STATUS_NAMES[filter].toLowerCase()) : vscode.l10n.t('No campaigns yet.');
  }

  protected itemTreeItem(c: Campaign): vscode.TreeItem {
    const item = new vscode.TreeItem(c.title);
    item.id = `campaign:${this.manager.active?.id}:${c.id}`;
    // Opens and clicks mean something only once a campaign went out; before that, say whom it is for.
    const figures: string[] = [];
    const wentOut = c.status === 'sent' || c.status === 'sending';
    if (c.recipients && wentOut) {
      figures.push(vscode.l10n.t('{0} sent', fmt(c.recipients)));
      if (c.opens !== undefined) figures.push(vscode.l10n.t('{0} opened', pct(c.opens, c.recipients)));
      if (c.clicks !== undefined) figures.push(vscode.l10n.t('{0} clicked', pct(c.clicks, c.recipients)));
    } else if (c.recipients) figures.push(vscode.l10n.t('{0} recipients', fmt(c.recipients)));
    item.description = [CAMPAIGN_STATUS_NAMES[c.status], ...figures].join(' · ');
    item.iconPath = new vscode.ThemeIcon(STATUS_ICONS[c.status]);
    const md = new vscode.MarkdownString();
    md.appendText(c.title);
    md.appendMarkdown('\n\n');
    if (c.subject) md.appendText(`${vscode.l10n.t('Subject')}: ${c.subject}\n`);
    md.appendText(`${vscode.l10n.t('Status')}: ${CAMPAIGN_STATUS_NAMES[c.status]}\n`);
    if (c.recipients !== undefined) md.appendText(`${vscode.l10n.t('Recipients')}: ${fmt(c.recipients)}\n`);
    if (c.opens !== undefined) md.appendText(`${vscode.l10n.t('Opens')}: ${fmt(c.opens)}\n`);
    if (c.clicks !== undefined) md.appendText(`${vscode.l10n.t('Clicks')}: ${fmt(c.clicks)}\n`);
    if (c.scheduledAt) md.appendText(`${vscode.l10n.t('Scheduled')}: ${c.scheduledAt}\n`);
    if (c.sentAt) md.appendText(`${vscode.l10n.t('Sent')}: ${c.sentAt}\n`);
    item.tooltip = md;
    item.contextValue = 'campaign';
    item.command = { command: 'newsletter.openDetails', title: vscode.l10n.t('Open Details'), arguments: [{ type: 'item', item: c }] };
    return item;
  }
}
