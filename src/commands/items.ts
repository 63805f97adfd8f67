import * as vscode from 'vscode';
import type { Campaign, Subscriber } from '../api';
import type { Row } from '../views/pagedTree';
import { command, type Services, showError } from './services';

type ItemRow = { type: 'item'; item: Subscriber | Campaign };

const isSubscriber = (item: Subscriber | Campaign): item is Subscriber => 'email' in item;

/** Opens the full record; asks the API again only when the list form lacks fields the details have. */
async function openDetails(s: Services, row?: ItemRow): Promise<vscode.TextEditor | undefined> {
  const selected = row ?? (s.subscribers.view.selection[0] as ItemRow | undefined) ?? (s.campaigns.view.selection[0] as ItemRow | undefined);
  const session = s.connections.active;
  if (selected?.type !== 'item' || !session) return undefined;
  const item = selected.item;
  const kind = isSubscriber(item) ? 'subscriber' : 'campaign';
  try {
    let record = item.raw;
    if (session.descriptor.detailOnlyFields[kind].some((f) => !(f in record))) {
      const provider = session.provider();
      record = (kind === 'subscriber' ? await provider.getSubscriber(item.id) : await provider.getCampaign(item.id)).raw;
    }
    return await s.details.open(session.profile.label, kind, item.id, record);
  } catch (e) {
    showError(e);
    return undefined;
  }
}

export function registerItemCommands(s: Services): vscode.Disposable[] {
  const trees = [s.subscribers, s.campaigns];
  const loadMore = (row?: Row<unknown>) => {
    if (row?.type !== 'loadMore' && row?.type !== 'error') return undefined;
    return trees.find((t) => t.viewId === row.viewId)?.loadMore();
  };
  return [
    command(s, 'newsletter.loadMore', loadMore),
    command(s, 'newsletter.retry', loadMore),
    command(s, 'newsletter.openDetails', (row?: ItemRow) => openDetails(s, row)),
  ];
}
