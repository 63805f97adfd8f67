import * as vscode from 'vscode';
import { type Subscriber, type SubscriberSortField, type SubscriberStatus, filterPages, safeText } from '../api';
import type { Connections } from '../connections/connections';
import type { Changes } from './changes';
import { settings } from '../connections/settings';
import { PagedTree } from './pagedTree';
import { PerConnection } from './perConnection';

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

/** Names held by more than one of these rows: counted once per array and length (a page appended recounts). */
const counted = new WeakMap<readonly Subscriber[], { length: number; repeated: Set<string> }>();
export function repeatedNames(items: readonly Subscriber[]): ReadonlySet<string> {
  const held = counted.get(items);
  if (held?.length === items.length) return held.repeated;
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const x of items) {
    const name = subscriberName(x);
    if (name && seen.has(name)) repeated.add(name);
    else if (name) seen.add(name);
  }
  counted.set(items, { length: items.length, repeated });
  return repeated;
}

/**
 * A subscriber's row; `id` makes it unique in its view; `open` false where the tree resolves the open command when
 * the row is clicked. A name that other rows share gives way to the address (a narrow sidebar cuts the description):
 * the row leads with what tells these people apart.
 */
export function subscriberTreeItem(s: Subscriber, id: string, open = true, repeated?: ReadonlySet<string>): vscode.TreeItem {
  const name = subscriberName(s);
  const email = safeText(s.email, [], 254);
  const shared = !!name && !!repeated?.has(name);
  const item = new vscode.TreeItem(shared || !name ? email : name);
  item.id = id;
  const second = shared ? name : name ? email : undefined;
  item.description = [second, s.status !== 'active' ? statusName(s) : undefined].filter(Boolean).join(' · ');
  // What a screen reader says: who, their address, their status if not active; never the tooltip's id and dates.
  item.accessibilityInformation = {
    label: [name ?? email, name ? email : undefined, s.status !== 'active' ? statusName(s) : undefined].filter(Boolean).join(', '),
  };
  const [icon, color] = STATUS_ICONS[s.status];
  item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
  // Plain words for menus' when clauses: subscriber.subscribed / subscriber.unsubscribed (+ .member in Lists).
  item.contextValue = s.status === 'unsubscribed' ? 'subscriber.unsubscribed' : 'subscriber.subscribed';
  if (open)
    item.command = { command: 'newsletter.openDetails', title: vscode.l10n.t('Open Details'), arguments: [{ type: 'item', item: s }] };
  return item;
}

/**
 * A plain-text tooltip: never markdown, because a markdown hover turns an address or URL in server text into a
 * clickable link even when escaped.
 */
export function subscriberTooltip(s: Subscriber): string {
  const name = subscriberName(s);
  const lines = [name ?? safeText(s.email), ...(name ? [safeText(s.email)] : []), ''];
  const rows: [string, string | undefined][] = [
    [vscode.l10n.t('Status'), statusName(s)],
    [vscode.l10n.t('Phone'), s.phone],
    [vscode.l10n.t('Groups or tags'), s.tags.join(', ') || undefined],
    [vscode.l10n.t('Created'), s.createdAt],
    [vscode.l10n.t('Id'), s.id],
  ];
  for (const [k, v] of rows) if (v) lines.push(`${k}: ${safeText(v)}`);
  return lines.join('\n');
}

export const SUBSCRIBER_STATUS_NAMES = STATUS_NAMES;

const SORT_NAMES: Record<SubscriberSortField, string> = {
  created: vscode.l10n.t('date added'),
  email: vscode.l10n.t('email'),
  firstname: vscode.l10n.t('first name'),
  lastname: vscode.l10n.t('last name'),
};

interface SubscriberView {
  status?: SubscriberStatus;
  sort?: { field: SubscriberSortField; direction: 'asc' | 'desc' };
}

/** Each connection's subscriber status filter and order, kept in the workspace's state across reloads. */
export class SubscriberFilter extends PerConnection<SubscriberView> {
  constructor(memento: vscode.Memento, connections: Connections) {
    super(memento, connections, 'subscriberView');
  }

  get value(): SubscriberView {
    return this.stored ?? {};
  }

  set(value: SubscriberView): Promise<void> {
    return this.store(value.status || value.sort ? value : undefined);
  }

  sortName(field: SubscriberSortField, direction: 'asc' | 'desc'): string {
    return direction === 'asc' ? vscode.l10n.t('by {0} ↑', SORT_NAMES[field]) : vscode.l10n.t('by {0} ↓', SORT_NAMES[field]);
  }

  describe(): string | undefined {
    const { status, sort } = this.value;
    const parts = [
      status ? vscode.l10n.t('{0} only', STATUS_NAMES[status]) : undefined,
      sort ? this.sortName(sort.field, sort.direction) : undefined,
    ];
    return parts.filter(Boolean).join(', ') || undefined;
  }
}

export type SubscribersTree = PagedTree<Subscriber>;

export function createSubscribersTree(connections: Connections, changes: Changes, filter: SubscriberFilter): SubscribersTree {
  const tree: SubscribersTree = new PagedTree<Subscriber>(
    {
      viewId: 'newsletter.subscribers',
      kind: 'subscriber',
      noun: vscode.l10n.t('subscribers'),
      canSelectMany: true,
      fetch(provider, page, signal) {
        const { status, sort } = filter.value;
        const opts = {
          limit: settings.pageSize(provider.descriptor.pageSize.max),
          signal,
          sort: sort && provider.descriptor.subscriberSorts.includes(sort.field) ? sort : undefined,
        };
        // Neither API filters subscribers by status [doc; src]: filtered here, page by page, and said so.
        return status
          ? filterPages(
              (p) => provider.listSubscribers(p, opts),
              page,
              (x) => x.status === status,
            )
          : provider.listSubscribers(page, opts);
      },
      emptyText: () => {
        const status = filter.value.status;
        return status ? vscode.l10n.t('No {0} subscribers.', STATUS_NAMES[status]) : vscode.l10n.t('No subscribers yet.');
      },
      describe: () => filter.describe(),
      refreshCommand: 'newsletter.refreshSubscribers',
      findMissing: (provider, held, missing, opts) => provider.findMissingSubscribers?.(held, missing, opts),
      toTreeItem: (s, connectionId) =>
        subscriberTreeItem(s, `subscriber:${connectionId}:${s.id}`, false, repeatedNames(tree.list.state.items)),
      tooltip: subscriberTooltip,
    },
    connections,
    changes,
  );
  return tree;
}
