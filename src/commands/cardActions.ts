import * as vscode from 'vscode';
import { type Campaign, type ReportEntry, type ReportKind, type Subscriber } from '../api';
import type { Session } from '../connections/session';
import type { CardShow } from '../views/cards';
import type { Change } from '../views/changes';
import { campaignOf } from '../views/rows';
import { withAudienceNames } from './campaignActions';
import { type Services, showError } from '../app/services';
import { type ItemRow, cardKey, current, isSubscriber } from '../pages/cardParts';
import { REPORT_NAMES, campaignCard, hasReport, loadReport, reports } from '../pages/campaignCard';
import { loadActivity, subscriberCard } from '../pages/subscriberCard';

/**
 * What the cards' commands do (cards.ts registers them): open an item's card, its JSON, a campaign's report, and keep
 * open cards true to writes made here. Loaded with the first card.
 */

/**
 * Show Report: a sent campaign's card, listing who opened (or clicked, unsubscribed, bounced, complained) a page at a
 * time. A kind other than the one listed starts at its first page; `more` loads the next page of the one listed.
 * Answers the people listed once the page is in.
 */
export async function campaignReport(
  app: Services,
  row: unknown,
  given: unknown,
  more: boolean,
): Promise<readonly ReportEntry[] | undefined> {
  const session = app.connections.active;
  const c = campaignOf(row);
  if (!session || !c || !hasReport(session, c)) return undefined;
  const key = cardKey(session, 'campaign', c.id);
  const kind = typeof given === 'string' && given in REPORT_NAMES ? (given as ReportKind) : (reports.get(key)?.kind ?? 'opens');
  const open = app.cards.isOpen(key);
  if (!more && open && reports.get(key)?.kind === kind) {
    await showCard(app, session, current(app, c), 'focus'); // already listed: brought to the front, not asked again
    return reports.get(key)?.entries;
  }
  if (!more) reports.delete(key);
  // Marks it loading first, so the card opens listing this kind.
  const loaded = loadReport(app, session, c, kind, (x) => showCard(app, session, x, 'inPlace'));
  if (!open) await openDetails(app, { type: 'item', item: c });
  return loaded;
}

/** Shows an item's card; `changed` (a write's effect) is announced to a screen reader as the card's new state. */
async function showCard(app: Services, session: Session, item: Subscriber | Campaign, how: CardShow, changed = false): Promise<void> {
  const key = cardKey(session, isSubscriber(item) ? 'subscriber' : 'campaign', item.id);
  if (how === 'inPlace' && !app.cards.isOpen(key)) return;
  const content = isSubscriber(item)
    ? subscriberCard(app, session, item)
    : campaignCard(app, session, await withAudienceNames(app, session, item));
  const { title, badge } = content.model;
  await app.cards.show(key, content, how, changed ? vscode.l10n.t('Updated: {0}', [title, badge].filter(Boolean).join(' · ')) : undefined);
}

/** The full record of an item, asking the API again only when the list form lacks fields the details have. */
async function fullItem<T extends Subscriber | Campaign>(session: Session, item: T): Promise<T> {
  const kind = isSubscriber(item) ? 'subscriber' : 'campaign';
  if (!session.descriptor.detailOnlyFields[kind].some((f) => !(f in item.raw))) return item;
  const provider = session.provider();
  return (isSubscriber(item) ? await provider.getSubscriber(item.id) : await provider.getCampaign(item.id)) as T;
}

/**
 * Opens an item's card; from the tree (a row given) the keyboard stays in the tree. Answers the item shown.
 */
export async function openDetails(app: Services, row?: ItemRow): Promise<Subscriber | Campaign | undefined> {
  const selected =
    row ?? (app.subscribers.view.selection[0] as ItemRow | undefined) ?? (app.campaigns.view.selection[0] as ItemRow | undefined);
  const session = app.connections.active;
  if (selected?.type !== 'item' || !session) return undefined;
  try {
    const item = await fullItem(session, selected.item);
    // Marks the activity as loading before the card first shows; it shows the card again when it arrives.
    if (isSubscriber(item)) void loadActivity(app, session, item, (x) => showCard(app, session, x, 'inPlace'));
    else if (hasReport(session, item)) {
      // A card opened afresh lists who opened it, from the first page (Show Report may have started another list).
      const key = cardKey(session, 'campaign', item.id);
      if (!app.cards.isOpen(key) && !reports.get(key)?.loading) {
        reports.delete(key);
        void loadReport(app, session, item, 'opens', (x) => showCard(app, session, x, 'inPlace'));
      }
    }
    await showCard(app, session, item, row !== undefined ? 'keepFocus' : 'focus');
    return item;
  } catch (e) {
    showError(e);
    return undefined;
  }
}

/** The raw record as read-only JSON, one click from a card. */
export async function openJson(app: Services, row?: ItemRow): Promise<vscode.TextEditor | undefined> {
  const session = app.connections.active;
  if (row?.type !== 'item' || !session) return undefined;
  try {
    const item = await fullItem(session, row.item);
    return await app.details.open(session.profile.label, isSubscriber(item) ? 'subscriber' : 'campaign', item.id, item.raw);
  } catch (e) {
    showError(e);
    return undefined;
  }
}

/** An item a write changed shows so on its open card, in place; a deleted one's card closes. */
export function followWrite(app: Services, change: Change): void {
  const session = change.session;
  for (const [kind, items] of [
    ['subscriber', change.subscribers],
    ['campaign', change.campaigns],
  ] as const) {
    // Added may be updated (an import's upserts): an open card of one of them follows too.
    for (const item of [...(items?.replace ?? []), ...(items?.add ?? [])]) void showCard(app, session, item, 'inPlace', true);
    for (const id of items?.remove ?? []) app.cards.close(cardKey(session, kind, id));
  }
}
