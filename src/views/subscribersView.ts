import * as vscode from 'vscode';
import { type Subscriber, type SubscriberStatus, safeText } from '../api';
import type { Connections } from '../connections/connections';
import { settings } from '../connections/settings';
import { PagedTree } from './pagedTree';

const STATUS_ICONS: Record<SubscriberStatus, [string, string | undefined]> = {
  active: ['pass', 'testing.iconPassed'],
  unsubscribed: ['circle-slash', 'disabledForeground'],
  bounced: ['warning', 'problemsWarningIcon.foreground'],
  spamReported: ['report', 'problemsErrorIcon.foreground'],
  nonSubscribed: ['circle-outline', 'disabledForeground'],
  unconfirmed: ['question', undefined],
  unknown: ['person', undefined],
};

export function subscriberName(s: Subscriber): string | undefined {
  return safeText([s.firstName, s.lastName].filter(Boolean).join(' '), [], 120) || undefined;
}

const STATUS_NAMES: Record<SubscriberStatus, string> = {
  active: vscode.l10n.t('active'),
  unsubscribed: vscode.l10n.t('unsubscribed'),
  bounced: vscode.l10n.t('bounced'),
  spamReported: vscode.l10n.t('reported spam'),
  nonSubscribed: vscode.l10n.t('non-subscribed'),
  unconfirmed: vscode.l10n.t('unconfirmed'),
  unknown: vscode.l10n.t('unknown'),
};

/** The status in words; one we do not know shows as the API spelled it. */
function statusName(s: Subscriber): string {
  return s.status === 'unknown' && s.statusText ? safeText(s.statusText, [], 40) : STATUS_NAMES[s.status];
}

export type SubscribersTree = PagedTree<Subscriber>;

export function createSubscribersTree(connections: Connections): SubscribersTree {
  return new PagedTree<Subscriber>(
    {
      viewId: 'newsletter.subscribers',
      noun: vscode.l10n.t('subscribers'),
      fetch: (provider, page, signal) => provider.listSubscribers(page, { limit: settings.pageSize(provider.descriptor.pageSize.max), signal }),
      emptyText: () => vscode.l10n.t('No subscribers yet.'),
      refreshCommand: 'newsletter.refreshSubscribers',
      findMissing: (provider, held, missing, opts) => provider.findMissingSubscribers?.(held, missing, opts),
      toTreeItem(s, connectionId) {
        const name = subscriberName(s);
        const email = safeText(s.email, [], 254);
        const item = new vscode.TreeItem(name ?? email);
        item.id = `subscriber:${connectionId}:${s.id}`;
        item.description = [name ? email : undefined, s.status !== 'active' ? statusName(s) : undefined].filter(Boolean).join(' · ');
        const [icon, color] = STATUS_ICONS[s.status];
        item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
        item.contextValue = s.status === 'unsubscribed' ? 'subscriber.unsubscribed' : 'subscriber';
        item.command = { command: 'newsletter.openDetails', title: vscode.l10n.t('Open Details'), arguments: [{ type: 'item', item: s }] };
        return item;
      },
      tooltip(s) {
        const name = subscriberName(s);
        const md = new vscode.MarkdownString();
        md.appendText(`${name ?? safeText(s.email)}\n\n${safeText(s.email)}\n\n`);
        const rows: [string, string | undefined][] = [
          [vscode.l10n.t('Status'), statusName(s)],
          [vscode.l10n.t('Phone'), s.phone],
          [vscode.l10n.t('Tags'), s.tags.join(', ') || undefined],
          [vscode.l10n.t('Created'), s.createdAt],
          [vscode.l10n.t('Id'), s.id],
        ];
        for (const [k, v] of rows) if (v) md.appendText(`${k}: ${safeText(v)}\n`);
        return md;
      },
    },
    connections,
  );
}
