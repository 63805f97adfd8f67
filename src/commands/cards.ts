import * as vscode from 'vscode';
import { type ActivityAction, type Campaign, type Page, type ReportEntry, type ReportKind, type Subscriber, type SubscriberActivity, isRecord, safeText, editableListKind } from '../api';
import type { Session } from '../connections/session';
import type { CardContent, CardShow, CardTableContent } from '../views/cards';
import { CAMPAIGN_STATUS_NAMES } from '../views/campaignsView';
import { absoluteTime, campaignDate, campaignFigures, fmt } from '../views/format';
import { SUBSCRIBER_STATUS_NAMES, subscriberName } from '../views/subscribersView';
import { errorText } from '../views/errorText';
import { withAudienceNames } from './campaigns';
import { command, type Services, showError } from './services';

type ItemRow = { type: 'item'; item: Subscriber | Campaign };

const isSubscriber = (item: Subscriber | Campaign): item is Subscriber => 'email' in item;
const locale = () => vscode.env.language;
// Cards escape every character of markup themselves: the text is shown as the server wrote it (less controls).
const field = (label: string, value: unknown) => ({ label, value: safeText(value, [], undefined, 'escaped') });
const cardKey = (session: Session, kind: string, id: string) => `${session.profile.id}:${kind}:${id}`;

/**
 * Runs a command on the item. Commands act on the active connection: a card from another one asks to switch first
 * rather than act there. What a write changes comes back to the card through its view (see registerCardCommands).
 */
function act(s: Services, session: Session, item: Subscriber | Campaign, id: string, ...args: unknown[]) {
  return onCard(s, session, () => vscode.commands.executeCommand(id, { type: 'item', item }, ...args));
}

/** What a click on a card does, only while the card's connection is the active one (else it offers to switch). */
function onCard(s: Services, session: Session, run: () => Thenable<unknown>) {
  return async () => {
    if (s.connections.active?.profile.id === session.profile.id) return void (await run());
    const label = safeText(session.profile.label, [], 80);
    const switchTo = vscode.l10n.t('Switch to {0}', label);
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('This card is from {0}, which is not the active connection.', label), switchTo);
    if (answer === switchTo) await vscode.commands.executeCommand('newsletter.switchConnection', session.profile.id);
  };
}

/** The item as the views hold it now (a write here replaced it), or as it was. */
function current<T extends Subscriber | Campaign>(s: Services, item: T): T {
  const tree = isSubscriber(item) ? s.subscribers : s.campaigns;
  return ((tree.list.state.items as readonly (Subscriber | Campaign)[]).find((x) => x.id === item.id) as T | undefined) ?? item;
}

/** Keeps what a card loaded, newest last, forgetting the oldest past a few dozen cards. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  const oldest = map.keys().next().value;
  if (map.size > 30 && oldest !== undefined) map.delete(oldest);
}

/** A subscriber's activity as a card shows it: loading, failed (why), or loaded. */
type ActivityState = 'loading' | { error: string } | SubscriberActivity;

/** The activity of the subscriber cards open now, by card key; a few dozen at most. */
const activities = new Map<string, ActivityState>();
const EVENTS_SHOWN = 15;

function activitySection(state: ActivityState | undefined) {
  if (!state) return [];
  const title = vscode.l10n.t('Activity');
  if (state === 'loading') return [{ title, fields: [field(vscode.l10n.t('Campaigns'), vscode.l10n.t('Loading…'))] }];
  if ('error' in state) return [{ title, fields: [field(vscode.l10n.t('Campaigns'), vscode.l10n.t('Could not load: {0}', state.error))] }];
  const names: Record<ActivityAction | 'spamReported', string> = {
    got: vscode.l10n.t('received'), opened: vscode.l10n.t('opened'), clicked: vscode.l10n.t('clicked'),
    unsubscribed: vscode.l10n.t('unsubscribed'), bounced: vscode.l10n.t('bounced'), spamReported: vscode.l10n.t('reported as spam'),
  };
  const t = state.totals;
  // Received, opened and clicked always; the rest only when they happened.
  const sums = (Object.keys(names) as (keyof typeof names)[])
    .flatMap((k) => {
      const n = t[k];
      return n !== undefined && (n > 0 || ['got', 'opened', 'clicked'].includes(k)) ? [`${fmt(n, locale())} ${names[k]}`] : [];
    })
    .join(' · ');
  const shown = state.events.slice(0, EVENTS_SHOWN).map((e) => field(absoluteTime(e.at, locale()) ?? '—', `${names[e.action]} · ${e.title}`));
  const more = state.events.length - shown.length;
  return [{
    title,
    fields: [
      field(vscode.l10n.t('Campaigns'), sums || '—'),
      ...shown,
      ...(more > 0 ? [field('…', vscode.l10n.t('{0} earlier', fmt(more, locale())))] : []),
    ],
  }];
}

/**
 * Loads a subscriber's activity where the API keeps it: marks it loading at once (before the first await), then shows
 * the card again when it arrives, if that card is still open and no newer load took over.
 */
async function loadActivity(s: Services, session: Session, x: Subscriber): Promise<void> {
  const provider = session.provider();
  if (!provider.subscriberActivity) return;
  const key = cardKey(session, 'subscriber', x.id);
  remember(activities, key, 'loading');
  let state: ActivityState;
  try {
    state = await provider.subscriberActivity(x);
  } catch (e) {
    state = { error: errorText(e) };
  }
  if (activities.get(key) !== 'loading' || !s.cards.isOpen(key)) return;
  activities.set(key, state);
  if (s.connections.active === session) await showCard(s, session, current(s, x), 'inPlace');
}

function subscriberCard(s: Services, session: Session, x: Subscriber): CardContent {
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
            ...(session.descriptor.detailOnlyFields.subscriber.some((f) => !(f in x.raw)) ? [] : [field(listNoun, x.tags.join(', ') || '—')]),
            ...(added ? [field(vscode.l10n.t('Added'), added)] : []),
            ...(updated ? [field(vscode.l10n.t('Updated'), updated)] : []),
            field(vscode.l10n.t('Id'), x.id),
          ],
        },
        { title: vscode.l10n.t('Custom fields'), fields: columns.map((c) => field(safeText(c.title ?? c.id, [], 80), c.value ?? '—')) },
        ...activitySection(activities.get(cardKey(session, 'subscriber', x.id))),
      ],
    },
    actions: [
      { label: vscode.l10n.t('Edit…'), icon: 'edit', run: act(s, session, x, 'newsletter.editSubscriber') },
      { icon: 'add', label: vscode.l10n.t('Add to {0}…', editableListKind(session.descriptor)?.noun ?? vscode.l10n.t('list')), run: act(s, session, x, 'newsletter.addToList') },
      x.status === 'unsubscribed'
        ? { label: vscode.l10n.t('Resubscribe'), icon: 'check', run: act(s, session, x, 'newsletter.resubscribe') }
        : { label: vscode.l10n.t('Unsubscribe'), icon: 'circle-slash', run: act(s, session, x, 'newsletter.unsubscribe') },
      { label: vscode.l10n.t('Copy Email'), icon: 'copy', run: act(s, session, x, 'newsletter.copyEmail') },
      { label: vscode.l10n.t('Open in Web App'), icon: 'link-external', run: act(s, session, x, 'newsletter.openInWebApp') },
      { label: vscode.l10n.t('Open as JSON'), icon: 'json', run: act(s, session, x, 'newsletter.openJson') },
      { label: vscode.l10n.t('Delete…'), icon: 'trash', danger: true, run: act(s, session, x, 'newsletter.deleteSubscriber') },
    ],
  };
}

const REPORT_NAMES: Record<ReportKind, string> = {
  opens: vscode.l10n.t('Opened'),
  clicks: vscode.l10n.t('Clicked'),
  unsubscribes: vscode.l10n.t('Unsubscribed'),
  hard_bounces: vscode.l10n.t('Hard bounces'),
  soft_bounces: vscode.l10n.t('Soft bounces'),
  complaints: vscode.l10n.t('Reported as spam'),
};

/** The report a campaign card lists: its kind, the people loaded so far, and whether a page is on its way or failed. */
interface ReportState {
  kind: ReportKind;
  entries: ReportEntry[];
  last?: Page<ReportEntry>;
  loading: boolean;
  error?: string;
}

/** The report of each campaign card open now, by card key. */
const reports = new Map<string, ReportState>();

/** Whether a campaign's card lists its report: a campaign that went out, where the API keeps reports (Sender). */
const hasReport = (session: Session, c: Campaign) => (c.status === 'sent' || c.status === 'sending') && !!session.provider().campaignReport;

/**
 * Loads a report's next page into the card (the first, when the kind changes), then shows the card again, if it is
 * still open and still lists this report. Never retried here: a failure is said under the table, with Try Again.
 */
async function loadReport(s: Services, session: Session, c: Campaign, kind: ReportKind): Promise<readonly ReportEntry[]> {
  const provider = session.provider();
  const key = cardKey(session, 'campaign', c.id);
  const was = reports.get(key);
  if (!provider.campaignReport) return [];
  if (was?.kind === kind && was.loading) return was.entries;
  const state: ReportState = was?.kind === kind ? { ...was, loading: true, error: undefined } : { kind, entries: [], loading: true };
  remember(reports, key, state);
  await showCard(s, session, current(s, c), 'inPlace');
  try {
    const page = await provider.campaignReport(c, kind, (state.last?.page ?? 0) + 1, { limit: session.descriptor.pageSize.max });
    state.entries = [...state.entries, ...page.items];
    state.last = page;
  } catch (e) {
    state.error = errorText(e);
  }
  state.loading = false;
  if (reports.get(key) === state && s.connections.active === session) await showCard(s, session, current(s, c), 'inPlace');
  return state.entries;
}

function reportTable(s: Services, session: Session, c: Campaign): CardTableContent | undefined {
  const state = reports.get(cardKey(session, 'campaign', c.id));
  if (!state || !hasReport(session, c)) return undefined;
  const counters: Partial<Record<ReportKind, number>> = { opens: c.opens, clicks: c.clicks };
  const clicks = state.kind === 'clicks';
  const total = state.last?.total;
  const shown = vscode.l10n.t('{0} of {1}', fmt(state.entries.length, locale()), total === undefined ? '?' : fmt(total, locale()));
  return {
    title: vscode.l10n.t('Report'),
    tabs: (Object.keys(REPORT_NAMES) as ReportKind[]).map((k) => ({
      label: counters[k] === undefined ? REPORT_NAMES[k] : `${REPORT_NAMES[k]} (${fmt(counters[k], locale())})`,
      selected: k === state.kind,
      action: act(s, session, c, 'newsletter.campaignReport', k),
    })),
    columns: [vscode.l10n.t('Email'), vscode.l10n.t('Name'), ...(clicks ? [vscode.l10n.t('Link')] : [])],
    rows: state.entries.map((e) => ({
      cells: [safeText(e.email, [], 200), e.name ? safeText(e.name, [], 120) : '', ...(clicks ? [e.url ? safeText(e.url, [], 300) : ''] : [])],
      action: onCard(s, session, () => vscode.commands.executeCommand('newsletter.findSubscriber', e.email)),
    })),
    note: state.loading
      ? vscode.l10n.t('Loading…')
      : state.error
        ? vscode.l10n.t('Could not load: {0}', state.error)
        : state.entries.length
          ? undefined
          : vscode.l10n.t('Nobody in this report.'),
    more: state.loading
      ? undefined
      : state.error
        ? { label: vscode.l10n.t('Try Again'), action: act(s, session, c, 'newsletter.campaignReport', state.kind, 'more') }
        : state.last?.hasMore
          ? { label: vscode.l10n.t('Load More ({0})', shown), action: act(s, session, c, 'newsletter.campaignReport', state.kind, 'more') }
          : undefined,
  };
}

/**
 * Show Report: a sent campaign's card, listing who opened (or clicked, unsubscribed, bounced, complained) a page at a
 * time. A kind other than the one listed starts at its first page; `more` loads the next page of the one listed.
 * Answers the people listed once the page is in.
 */
async function campaignReport(s: Services, row: unknown, given: unknown, more: boolean): Promise<readonly ReportEntry[] | undefined> {
  const session = s.connections.active;
  const c = row && (row as ItemRow).type === 'item' ? (row as ItemRow).item : undefined;
  if (!session || !c || isSubscriber(c) || !hasReport(session, c)) return undefined;
  const key = cardKey(session, 'campaign', c.id);
  const kind = typeof given === 'string' && given in REPORT_NAMES ? (given as ReportKind) : reports.get(key)?.kind ?? 'opens';
  const open = s.cards.isOpen(key);
  if (!more && open && reports.get(key)?.kind === kind) {
    await showCard(s, session, current(s, c), 'focus'); // already listed: brought to the front, not asked again
    return reports.get(key)?.entries;
  }
  if (!more) reports.delete(key);
  const loaded = loadReport(s, session, c, kind); // marks it loading first, so the card opens listing this kind
  if (!open) await openDetails(s, { type: 'item', item: c });
  return loaded;
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
  const actions: CardContent['actions'] = [{ label: vscode.l10n.t('Preview'), icon: 'eye', run: act(s, session, c, 'newsletter.previewCampaign') }];
  if (c.status === 'draft') actions.push({ label: vscode.l10n.t('Send Now…'), icon: 'send', run: act(s, session, c, 'newsletter.sendCampaign') });
  if (c.status === 'draft' && session.provider().scheduleCampaign) actions.push({ label: vscode.l10n.t('Schedule…'), icon: 'calendar', run: act(s, session, c, 'newsletter.scheduleCampaign') });
  if (c.status === 'scheduled' && session.provider().cancelSchedule) actions.push({ label: vscode.l10n.t('Cancel Schedule'), icon: 'debug-stop', run: act(s, session, c, 'newsletter.cancelSchedule') });
  actions.push({ label: vscode.l10n.t('Open in Web App'), icon: 'link-external', run: act(s, session, c, 'newsletter.openInWebApp') }, { label: vscode.l10n.t('Open as JSON'), icon: 'json', run: act(s, session, c, 'newsletter.openJson') });
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
    table: reportTable(s, session, c),
  };
}

async function showCard(s: Services, session: Session, item: Subscriber | Campaign, how: CardShow): Promise<void> {
  const key = cardKey(session, isSubscriber(item) ? 'subscriber' : 'campaign', item.id);
  if (how === 'inPlace' && !s.cards.isOpen(key)) return;
  s.cards.show(key, isSubscriber(item) ? subscriberCard(s, session, item) : campaignCard(s, session, await withAudienceNames(s, session, item)), how);
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
    // Marks the activity as loading before the card first shows; it shows the card again when it arrives.
    if (isSubscriber(item)) void loadActivity(s, session, item);
    else if (hasReport(session, item)) {
      // A card opened afresh lists who opened it, from the first page (Show Report may have started another list).
      const key = cardKey(session, 'campaign', item.id);
      if (!s.cards.isOpen(key) && !reports.get(key)?.loading) {
        reports.delete(key);
        void loadReport(s, session, item, 'opens');
      }
    }
    await showCard(s, session, item, row !== undefined ? 'keepFocus' : 'focus');
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

/** An item a write changed shows so on its open card, in place; a deleted one's card closes. */
function followWrites<T extends Subscriber | Campaign>(s: Services, tree: { onDidApply: vscode.Event<{ replace: readonly T[]; remove: readonly string[] }> }, kind: string): vscode.Disposable {
  return tree.onDidApply(({ replace, remove }) => {
    const session = s.connections.active;
    if (!session) return;
    for (const item of replace) void showCard(s, session, item, 'inPlace');
    for (const id of remove) s.cards.close(cardKey(session, kind, id));
  });
}

export function registerCardCommands(s: Services): vscode.Disposable[] {
  return [
    followWrites(s, s.subscribers, 'subscriber'),
    followWrites(s, s.campaigns, 'campaign'),
    command(s, 'newsletter.openDetails', (row?: ItemRow) => openDetails(s, row)),
    command(s, 'newsletter.openJson', (row?: ItemRow) => openJson(s, row)),
    // From a menu: (row). From a card or tests: (row, kind) lists that report; (row, kind, 'more') its next page.
    command(s, 'newsletter.campaignReport', (row?: unknown, kind?: unknown, more?: unknown) => campaignReport(s, row, kind, more === 'more')),
  ];
}
