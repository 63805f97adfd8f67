/** A subscriber's card: who they are, their status, custom fields, and what they received, opened and clicked. */
import * as vscode from 'vscode';
import { type ActivityAction, type Subscriber, type SubscriberActivity, isRecord, safeText, editableListKind } from '../api';
import type { Session } from '../connections/session';
import type { CardContent } from '../views/cardContent';
import { absoluteTime, fmt } from '../views/format';
import { SUBSCRIBER_STATUS_NAMES, subscriberName } from '../views/subscribersView';
import { errorText } from '../views/errorText';
import { type Services } from '../app/services';
import { act, cardKey, countingDown, current, field, loadingText, locale, remember } from './cardParts';

/** A subscriber's activity as a card shows it: loading, failed (why), or loaded. */
type ActivityState = 'loading' | { error: string } | SubscriberActivity;

/** The activity of the subscriber cards open now, by card key; a few dozen at most. */
const activities = new Map<string, ActivityState>();
const EVENTS_SHOWN = 15;

function activitySection(session: Session, state: ActivityState | undefined) {
  if (!state) return [];
  const title = vscode.l10n.t('Activity');
  if (state === 'loading') return [{ title, fields: [field(vscode.l10n.t('Campaigns'), loadingText(session))] }];
  if ('error' in state) return [{ title, fields: [field(vscode.l10n.t('Campaigns'), vscode.l10n.t('Could not load: {0}', state.error))] }];
  const names: Record<ActivityAction | 'spamReported', string> = {
    got: vscode.l10n.t('received'),
    opened: vscode.l10n.t('opened'),
    clicked: vscode.l10n.t('clicked'),
    unsubscribed: vscode.l10n.t('unsubscribed'),
    bounced: vscode.l10n.t('bounced'),
    spamReported: vscode.l10n.t('reported as spam'),
  };
  const t = state.totals;
  // Received, opened and clicked always; the rest only when they happened.
  const sums = (Object.keys(names) as (keyof typeof names)[])
    .flatMap((k) => {
      const n = t[k];
      return n !== undefined && (n > 0 || ['got', 'opened', 'clicked'].includes(k)) ? [`${fmt(n, locale())} ${names[k]}`] : [];
    })
    .join(' · ');
  const shown = state.events
    .slice(0, EVENTS_SHOWN)
    .map((e) => field(absoluteTime(e.at, locale()) ?? '—', `${names[e.action]} · ${e.title}`));
  const more = state.events.length - shown.length;
  return [
    {
      title,
      fields: [
        field(vscode.l10n.t('Campaigns'), sums || '—'),
        ...shown,
        ...(more > 0 ? [field('…', vscode.l10n.t('{0} earlier', fmt(more, locale())))] : []),
      ],
    },
  ];
}

/**
 * Loads a subscriber's activity where the API keeps it: marks it loading at once (before the first await), then shows
 * the card again when it arrives, if that card is still open and no newer load took over.
 */
export async function loadActivity(
  app: Services,
  session: Session,
  x: Subscriber,
  redraw: (x: Subscriber) => Promise<void>,
): Promise<void> {
  const provider = session.provider();
  if (!provider.subscriberActivity) return;
  const key = cardKey(session, 'subscriber', x.id);
  remember(activities, key, 'loading');
  let state: ActivityState;
  try {
    state = await countingDown(session, () => app.cards.isOpen(key) && redraw(current(app, x)), provider.subscriberActivity(x));
  } catch (e) {
    state = { error: errorText(e) };
  }
  if (activities.get(key) !== 'loading' || !app.cards.isOpen(key)) return;
  activities.set(key, state);
  if (app.connections.active === session) await redraw(current(app, x));
}

export function subscriberCard(app: Services, session: Session, x: Subscriber): CardContent {
  const status = isRecord(x.raw.status) ? x.raw.status : {};
  const columns = Array.isArray(x.raw.columns) ? (x.raw.columns as unknown[]).filter(isRecord) : [];
  const listNoun = editableListKind(session.descriptor)?.label ?? vscode.l10n.t('Lists');
  const name = subscriberName(x);
  const added = absoluteTime(x.createdAt, locale());
  const updated = x.updatedAt !== x.createdAt ? absoluteTime(x.updatedAt, locale()) : undefined;
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
            // Only where this copy has them: SendPortal lists and write answers leave a subscriber's tags out.
            ...(session.descriptor.detailOnlyFields.subscriber.some((f) => !(f in x.raw))
              ? []
              : [field(listNoun, x.tags.join(', ') || '—')]),
            ...(added ? [field(vscode.l10n.t('Added'), added)] : []),
            ...(updated ? [field(vscode.l10n.t('Updated'), updated)] : []),
            field(vscode.l10n.t('Id'), x.id),
          ],
        },
        { title: vscode.l10n.t('Custom fields'), fields: columns.map((c) => field(safeText(c.title ?? c.id, [], 80), c.value ?? '—')) },
        ...activitySection(session, activities.get(cardKey(session, 'subscriber', x.id))),
      ],
    },
    actions: [
      { label: vscode.l10n.t('Edit…'), icon: 'edit', run: act(app, session, x, 'newsletter.editSubscriber') },
      {
        icon: 'add',
        label: vscode.l10n.t('Add to {0}…', editableListKind(session.descriptor)?.noun ?? vscode.l10n.t('list')),
        run: act(app, session, x, 'newsletter.addToList'),
      },
      x.status === 'unsubscribed'
        ? { label: vscode.l10n.t('Resubscribe'), icon: 'check', run: act(app, session, x, 'newsletter.resubscribe') }
        : { label: vscode.l10n.t('Unsubscribe'), icon: 'circle-slash', run: act(app, session, x, 'newsletter.unsubscribe') },
      { label: vscode.l10n.t('Copy Email'), icon: 'copy', run: act(app, session, x, 'newsletter.copyEmail') },
      { label: vscode.l10n.t('Open in Web App'), icon: 'link-external', run: act(app, session, x, 'newsletter.openInWebApp') },
      { label: vscode.l10n.t('Open as JSON'), icon: 'json', run: act(app, session, x, 'newsletter.openJson') },
      { label: vscode.l10n.t('Delete…'), icon: 'trash', danger: true, run: act(app, session, x, 'newsletter.deleteSubscriber') },
    ],
  };
}
