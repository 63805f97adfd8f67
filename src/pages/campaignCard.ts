/** A campaign's card: its figures and rates, and its reports as a paged table (who opened, clicked, …). */
import * as vscode from 'vscode';
import { type Campaign, type Page, type ReportEntry, type ReportKind, editableListKind, safeText } from '../api';
import type { Session } from '../connections/session';
import type { CardContent, CardTableContent } from '../views/cardContent';
import { CAMPAIGN_STATUS_NAMES } from '../views/campaignsView';
import { absoluteTime, campaignDate, campaignFigures, fmt } from '../views/format';
import { errorText } from '../views/errorText';
import { againstPrevious } from './insights';
import { type Services } from '../app/services';
import { act, cardKey, countingDown, current, field, loadingText, locale, onCard, remember } from './cardParts';

export const REPORT_NAMES: Record<ReportKind, string> = {
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
export const reports = new Map<string, ReportState>();

/** Whether a campaign's card lists its report: a campaign that went out, where the API keeps reports (Sender). */
export const hasReport = (session: Session, c: Campaign) =>
  (c.status === 'sent' || c.status === 'sending') && !!session.provider().campaignReport;

/**
 * Loads a report's next page into the card (the first, when the kind changes), then shows the card again, if it is
 * still open and still lists this report. Never retried here: a failure is said under the table, with Try Again.
 */
export async function loadReport(
  app: Services,
  session: Session,
  c: Campaign,
  kind: ReportKind,
  redraw: (c: Campaign) => Promise<void>,
): Promise<readonly ReportEntry[]> {
  const provider = session.provider();
  const key = cardKey(session, 'campaign', c.id);
  const was = reports.get(key);
  if (!provider.campaignReport) return [];
  if (was?.kind === kind && was.loading) return was.entries;
  const state: ReportState = was?.kind === kind ? { ...was, loading: true, error: undefined } : { kind, entries: [], loading: true };
  remember(reports, key, state);
  await redraw(current(app, c));
  try {
    const load = provider.campaignReport(c, kind, (state.last?.page ?? 0) + 1, { limit: session.descriptor.pageSize.max });
    const page = await countingDown(session, () => reports.get(key) === state && redraw(current(app, c)), load);
    state.entries = [...state.entries, ...page.items];
    state.last = page;
  } catch (e) {
    state.error = errorText(e);
  }
  state.loading = false;
  if (reports.get(key) === state && app.connections.active === session) await redraw(current(app, c));
  return state.entries;
}

function reportTable(app: Services, session: Session, c: Campaign): CardTableContent | undefined {
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
      action: act(app, session, c, 'newsletter.campaignReport', k),
    })),
    columns: [vscode.l10n.t('Email'), vscode.l10n.t('Name'), ...(clicks ? [vscode.l10n.t('Link')] : [])],
    rows: state.entries.map((e) => ({
      cells: [
        safeText(e.email, [], 200),
        e.name ? safeText(e.name, [], 120) : '',
        ...(clicks ? [e.url ? safeText(e.url, [], 300) : ''] : []),
      ],
      action: onCard(app, session, () => vscode.commands.executeCommand('newsletter.findSubscriber', e.email)),
    })),
    note: state.loading
      ? loadingText(session)
      : state.error
        ? vscode.l10n.t('Could not load: {0}', state.error)
        : state.entries.length
          ? undefined
          : vscode.l10n.t('Nobody in this report.'),
    more: state.loading
      ? undefined
      : state.error
        ? { label: vscode.l10n.t('Try Again'), action: act(app, session, c, 'newsletter.campaignReport', state.kind, 'more') }
        : state.last?.hasMore
          ? {
              label: vscode.l10n.t('Load More ({0})', shown),
              action: act(app, session, c, 'newsletter.campaignReport', state.kind, 'more'),
            }
          : undefined,
  };
}

type Figure = [string, string | undefined, { value: number; reference: number }?];

/** The campaign's figures in words (rates beside counts), and against the sends before it where there are enough. */
function figuresOf(app: Services, session: Session, c: Campaign): Figure[] {
  const d = session.descriptor;
  const f = campaignFigures(c);
  const count = (n: number | undefined, rate?: string) =>
    n === undefined ? undefined : rate ? `${fmt(n, locale())} · ${rate}` : fmt(n, locale());
  const notReported = vscode.l10n.t("not reported by {0}'s API", d.displayName);
  const figures: Figure[] = [
    [vscode.l10n.t('Recipients'), count(c.recipients)],
    [vscode.l10n.t('Sent'), count(c.sent)],
    [vscode.l10n.t('Delivered'), c.bounces !== undefined ? count(f.delivered) : undefined],
    [vscode.l10n.t('Opened'), d.reportsOpensAndClicks ? count(c.opens, f.openRate) : notReported],
    [vscode.l10n.t('Clicked'), d.reportsOpensAndClicks ? count(c.clicks, f.clickRate) : notReported],
    [vscode.l10n.t('Bounced'), count(c.bounces, f.bounceRate)],
  ];
  const previous = againstPrevious(app, session, c);
  if (previous) {
    figures.push(
      [vscode.l10n.t('Open rate against the sends before'), previous.open?.text, previous.open?.bar],
      [vscode.l10n.t('Click rate against the sends before'), previous.click?.text, previous.click?.bar],
    );
  }
  return figures;
}

/** What can be done with it now: by its status, what the API can do, and what its report lists. */
function actionsOf(app: Services, session: Session, c: Campaign): CardContent['actions'] {
  const on = (command: string, ...args: unknown[]) => act(app, session, c, command, ...args);
  const actions: CardContent['actions'] = [{ label: vscode.l10n.t('Preview'), icon: 'eye', run: on('newsletter.previewCampaign') }];
  if (c.status === 'draft') actions.push({ label: vscode.l10n.t('Send Now…'), icon: 'send', run: on('newsletter.sendCampaign') });
  if (c.status === 'draft' && session.provider().scheduleCampaign)
    actions.push({ label: vscode.l10n.t('Schedule…'), icon: 'calendar', run: on('newsletter.scheduleCampaign') });
  if (c.status === 'scheduled' && session.provider().cancelSchedule)
    actions.push({ label: vscode.l10n.t('Cancel Schedule'), icon: 'debug-stop', run: on('newsletter.cancelSchedule') });
  const listed = reports.get(cardKey(session, 'campaign', c.id))?.kind;
  if (listed && hasReport(session, c)) {
    // The people the report lists, put to use: into a group or tag, or into a file.
    const noun = editableListKind(session.descriptor)?.noun ?? vscode.l10n.t('group');
    actions.push(
      { label: vscode.l10n.t('Add These People to a {0}…', noun), icon: 'add', run: on('newsletter.addReportPeople', listed) },
      { label: vscode.l10n.t('Export These People…'), icon: 'copy', run: on('newsletter.exportReportPeople', listed) },
    );
  }
  actions.push(
    { label: vscode.l10n.t('Open in Web App'), icon: 'link-external', run: on('newsletter.openInWebApp') },
    { label: vscode.l10n.t('Open as JSON'), icon: 'json', run: on('newsletter.openJson') },
  );
  return actions;
}

export function campaignCard(app: Services, session: Session, c: Campaign): CardContent {
  const when = campaignDate(c);
  const whenLabel = { scheduled: vscode.l10n.t('Scheduled for'), sent: vscode.l10n.t('Sent on'), created: vscode.l10n.t('Created') };
  const figures = figuresOf(app, session, c);
  const actions = actionsOf(app, session, c);
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
        {
          title: vscode.l10n.t('Figures'),
          fields: figures
            .filter((x): x is [string, string, { value: number; reference: number }?] => x[1] !== undefined)
            .map(([label, value, bar]) => ({ ...field(label, value), bar })),
        },
      ],
    },
    actions,
    table: reportTable(app, session, c),
  };
}
