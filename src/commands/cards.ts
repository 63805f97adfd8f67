import * as vscode from 'vscode';
import { type Campaign, type Subscriber, safeText, editableListKind } from '../api';
import type { Session } from '../connections/session';
import type { CardContent } from '../views/cards';
import { CAMPAIGN_STATUS_NAMES } from '../views/campaignsView';
import { absoluteTime, campaignDate, campaignFigures, fmt } from '../views/format';
import { SUBSCRIBER_STATUS_NAMES, subscriberName } from '../views/subscribersView';
import { command, type Services, showError } from './services';

type ItemRow = { type: 'item'; item: Subscriber | Campaign };

const isSubscriber = (item: Subscriber | Campaign): item is Subscriber => 'email' in item;
const locale = () => vscode.env.language;
const field = (label: string, value: unknown) => ({ label, value: safeText(value) });
const cardKey = (session: Session, kind: string, id: string) => `${session.profile.id}:${kind}:${id}`;

/** Runs a command on the item, then shows the card again as the item is now (or closes it when the item is gone). */
function act(s: Services, item: Subscriber | Campaign, id: string, ...args: unknown[]) {
  return async () => {
    const result = await vscode.commands.executeCommand(id, { type: 'item', item }, ...args);
    const session = s.connections.active;
    if (!session) return;
    const kind = isSubscriber(item) ? 'subscriber' : 'campaign';
    if (id === 'newsletter.deleteSubscriber' && result === true) return s.cards.close(cardKey(session, kind, item.id));
    const now = current(s, item);
    if (now !== item) showCard(s, session, now, true);
  };
}

/** The item as the views hold it now (a write here replaced it), or as it was. */
function current<T extends Subscriber | Campaign>(s: Services, item: T): T {
  const tree = isSubscriber(item) ? s.subscribers : s.campaigns;
  return ((tree.list.state.items as readonly (Subscriber | Campaign)[]).find((x) => x.id === item.id) as T | undefined) ?? item;
}

function subscriberCard(s: Services, session: Session, x: Subscriber): CardContent {
  const status = isRecordLike(x.raw.status) ? x.raw.status : {};
  const columns = Array.isArray(x.raw.columns) ? (x.raw.columns as unknown[]).filter(isRecordLike) : [];
  const listNoun = editableListKind(session.descriptor)?.label ?? vscode.l10n.t('Lists');
  const name = subscriberName(x);
  return {
    model: {
      title: name ?? safeText(x.email),
      subtitle: name ? safeText(x.email) : undefined,
      badge: x.status === 'unknown' && x.statusText ? safeText(x.statusText, [], 40) : SUBSCRIBER_STATUS_NAMES[x.status],
      sections: [
        {
          title: vscode.l10n.t('Subscriber'),
          fields: [
            field(vscode.l10n.t('Email'), x.email),
            ...(x.phone ? [field(vscode.l10n.t('Phone'), x.phone)] : []),
            // Sender keeps a status per channel: email, SMS, transactional email [doc].
            ...(typeof status.sms === 'string' ? [field(vscode.l10n.t('SMS'), status.sms)] : []),
            ...(typeof status.temail === 'string' ? [field(vscode.l10n.t('Transactional email'), status.temail)] : []),
            field(listNoun, x.tags.join(', ') || '—'),
            ...(absoluteTime(x.createdAt, locale()) ? [field(vscode.l10n.t('Added'), absoluteTime(x.createdAt, locale()))] : []),
            field(vscode.l10n.t('Id'), x.id),
          ],
        },
        { title: vscode.l10n.t('Custom fields'), fields: columns.map((c) => field(safeText(c.title ?? c.id, [], 80), c.value ?? '—')) },
      ],
    },
    actions: [
      { label: vscode.l10n.t('Edit…'), run: act(s, x, 'newsletter.editSubscriber') },
      { label: vscode.l10n.t('Add to {0}…', editableListKind(session.descriptor)?.noun ?? vscode.l10n.t('list')), run: act(s, x, 'newsletter.addToList') },
      x.status === 'unsubscribed'
        ? { label: vscode.l10n.t('Resubscribe'), run: act(s, x, 'newsletter.resubscribe') }
        : { label: vscode.l10n.t('Unsubscribe'), run: act(s, x, 'newsletter.unsubscribe') },
      { label: vscode.l10n.t('Copy Email'), run: act(s, x, 'newsletter.copyEmail') },
      { label: vscode.l10n.t('Open in Web App'), run: act(s, x, 'newsletter.openInWebApp') },
      { label: vscode.l10n.t('Open as JSON'), run: act(s, x, 'newsletter.openJson') },
      { label: vscode.l10n.t('Delete…'), danger: true, run: act(s, x, 'newsletter.deleteSubscriber') },
    ],
  };
}

function isRecordLike(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function campaignCard(s: Services, session: Session, c: Campaign): CardContent {
  const d = session.descriptor;
  const f = campaignFigures(c);
  const when = campaignDate(c);
  const whenLabel = { scheduled: vscode.l10n.t('Scheduled for'), sent: vscode.l10n.t('Sent on'), created: vscode.l10n.t('Created') };
  const count = (n: number | undefined, rate?: string) => (n === undefined ? undefined : rate ? `${fmt(n, locale())} · ${rate}` : fmt(n, locale()));
  const figures: [string, string | undefined][] = [
    [vscode.l10n.t('Recipients'), count(c.recipients)],
    [vscode.l10n.t('Sent'), count(c.sent)],
    [vscode.l10n.t('Delivered'), c.bounces !== undefined ? count(f.delivered) : undefined],
    [vscode.l10n.t('Opened'), d.reportsOpensAndClicks ? count(c.opens, f.openRate) : vscode.l10n.t("not reported by {0}'s API", d.displayName)],
    [vscode.l10n.t('Clicked'), d.reportsOpensAndClicks ? count(c.clicks, f.clickRate) : vscode.l10n.t("not reported by {0}'s API", d.displayName)],
    [vscode.l10n.t('Bounced'), count(c.bounces, f.bounceRate)],
  ];
  const actions: CardContent['actions'] = [{ label: vscode.l10n.t('Preview'), run: act(s, c, 'newsletter.previewCampaign') }];
  if (c.status === 'draft') actions.push({ label: vscode.l10n.t('Send Now…'), run: act(s, c, 'newsletter.sendCampaign') });
  if (c.status === 'draft' && session.provider().scheduleCampaign) actions.push({ label: vscode.l10n.t('Schedule…'), run: act(s, c, 'newsletter.scheduleCampaign') });
  if (c.status === 'scheduled' && session.provider().cancelSchedule) actions.push({ label: vscode.l10n.t('Cancel Schedule'), run: act(s, c, 'newsletter.cancelSchedule') });
  actions.push({ label: vscode.l10n.t('Open in Web App'), run: act(s, c, 'newsletter.openInWebApp') }, { label: vscode.l10n.t('Open as JSON'), run: act(s, c, 'newsletter.openJson') });
  return {
    model: {
      title: safeText(c.title, [], 200),
      subtitle: c.subject ? safeText(c.subject, [], 200) : undefined,
      badge: CAMPAIGN_STATUS_NAMES[c.status],
      sections: [
        {
          title: vscode.l10n.t('Campaign'),
          fields: [
            ...(when ? [field(whenLabel[when.kind], absoluteTime(when.raw, locale()))] : []),
            field(vscode.l10n.t('Audience'), c.toAll ? vscode.l10n.t('All subscribers') : c.audience.join(', ') || '—'),
            ...(c.from ? [field(vscode.l10n.t('From'), c.from)] : []),
            ...(c.subject ? [field(vscode.l10n.t('Subject'), c.subject)] : []),
            field(vscode.l10n.t('Id'), c.id),
          ],
        },
        { title: vscode.l10n.t('Figures'), fields: figures.filter((x): x is [string, string] => x[1] !== undefined).map(([label, value]) => field(label, value)) },
      ],
    },
    actions,
  };
}

function showCard(s: Services, session: Session, item: Subscriber | Campaign, preserveFocus: boolean): void {
  const kind = isSubscriber(item) ? 'subscriber' : 'campaign';
  s.cards.show(cardKey(session, kind, item.id), isSubscriber(item) ? subscriberCard(s, session, item) : campaignCard(s, session, item), preserveFocus);
}

/** The full record of an item, asking the API again only when the list form lacks fields the details have. */
export async function fullItem<T extends Subscriber | Campaign>(session: Session, item: T): Promise<T> {
  const kind = isSubscriber(item) ? 'subscriber' : 'campaign';
  if (!session.descriptor.detailOnlyFields[kind].some((f) => !(f in item.raw))) return item;
  const provider = session.provider();
  return (isSubscriber(item) ? await provider.getSubscriber(item.id) : await provider.getCampaign(item.id)) as T;
}

/**
 * Opens an item's card; from the tree (a row given) the keyboard stays in the tree. Answers the item shown.
 */
async function openDetails(s: Services, row?: ItemRow): Promise<Subscriber | Campaign | undefined> {
  const selected = row ?? (s.subscribers.view.selection[0] as ItemRow | undefined) ?? (s.campaigns.view.selection[0] as ItemRow | undefined);
  const session = s.connections.active;
  if (selected?.type !== 'item' || !session) return undefined;
  try {
    const item = await fullItem(session, selected.item);
    showCard(s, session, item, row !== undefined);
    return item;
  } catch (e) {
    showError(e);
    return undefined;
  }
}

/** The raw record as read-only JSON, one click from a card. */
async function openJson(s: Services, row?: ItemRow): Promise<vscode.TextEditor | undefined> {
  const session = s.connections.active;
  if (row?.type !== 'item' || !session) return undefined;
  try {
    const item = await fullItem(session, row.item);
    return await s.details.open(session.profile.label, isSubscriber(item) ? 'subscriber' : 'campaign', item.id, item.raw);
  } catch (e) {
    showError(e);
    return undefined;
  }
}

export function registerCardCommands(s: Services): vscode.Disposable[] {
  return [
    command(s, 'newsletter.openDetails', (row?: ItemRow) => openDetails(s, row)),
    command(s, 'newsletter.openJson', (row?: ItemRow) => openJson(s, row)),
  ];
}
