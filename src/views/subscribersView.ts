import * as vscode from 'vscode';
import type { Page, Subscriber, SubscriberStatus } from '../api';
import type { ConnectionManager } from '../connections/connectionManager';
import { settings } from '../connections/settings';
import { PagedTreeProvider } from './pagedTreeProvider';

const STATUS_ICONS: Record<SubscriberStatus, [string, string | undefined]> = {
  active: ['pass', 'testing.iconPassed'],
  unsubscribed: ['circle-slash', 'disabledForeground'],
  bounced: ['warning', 'problemsWarningIcon.foreground'],
  unconfirmed: ['question', undefined],
  unknown: ['person', undefined],
};

export function subscriberName(s: Subscriber): string | undefined {
  return [s.firstName, s.lastName].filter(Boolean).join(' ') || undefined;
}

export class SubscribersTreeProvider extends PagedTreeProvider<Subscriber> {
  constructor(manager: ConnectionManager) {
    super('newsletter.subscribers', manager, vscode.l10n.t('subscribers'));
  }

  protected fetch(page: number, signal: AbortSignal): Promise<Page<Subscriber>> {
    return this.manager.provider()!.listSubscribers(page, { limit: settings.pageSize(), signal });
  }

  protected emptyText(): string {
    return vscode.l10n.t('No subscribers yet.');
  }

  protected itemTreeItem(s: Subscriber): vscode.TreeItem {
    const name = subscriberName(s);
    const item = new vscode.TreeItem(name ?? s.email);
    item.id = `subscriber:${this.manager.active?.id}:${s.id}`;
    item.description = [name ? s.email : undefined, s.status !== 'active' ? s.status : undefined].filter(Boolean).join(' · ');
    const [icon, color] = STATUS_ICONS[s.status];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    const md = new vscode.MarkdownString();
    md.appendText(`${name ?? s.email}\n\n${s.email}\n\n`);
    const rows: [string, string | undefined][] = [
      [vscode.l10n.t('Status'), s.status],
      [vscode.l10n.t('Phone'), s.phone],
      [vscode.l10n.t('Tags'), s.tags.join(', ') || undefined],
      [vscode.l10n.t('Created'), s.createdAt],
      [vscode.l10n.t('Id'), s.id],
    ];
    for (const [k, v] of rows) if (v) md.appendText(`${k}: ${v}\n`);
    item.tooltip = md;
    item.contextValue = 'subscriber';
    item.command = { command: 'newsletter.openDetails', title: vscode.l10n.t('Open Details'), arguments: [{ type: 'item', item: s }] };
    return item;
  }
}
