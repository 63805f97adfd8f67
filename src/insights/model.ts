/**
 * What the Insights page shows for one connection, from what was read (campaigns, report totals, the session's walk):
 * its figures and every word on it. Pure: the words come through `t` (vscode.l10n.t in the extension).
 */
import { type Campaign, type NewsletterProvider, safeText } from '../api';
import { clock } from '../api/clock';
import type { Session } from '../connections/session';
import { fmt } from '../views/format';
import { type CampaignPoint, campaignPoints, median, weeklyGrowth } from './figures';
import type { InsightsModel } from './insightsHtml';

/** A translation function: the message and its {0}, {1} arguments. */
export type Say = (message: string, ...args: (string | number | boolean)[]) => string;

export const COUNTS = [5, 10, 20, 50] as const;

/** What Insights read for one connection: kept while the session lasts, so that redrawing asks for nothing. */
export interface Read {
  campaigns: Campaign[];
  /** Whether every page was read (fewer sent campaigns than asked exist). */
  complete: boolean;
  /** The next page of the filtered list to read. */
  next: number;
  reports: Map<string, { unsubscribes?: number; complaints?: number }>;
  requests: number;
}

/** Sent campaigns until `n` are held (Sender filters on the server; SendPortal page by page). */
export async function readCampaigns(p: NewsletterProvider, read: Read, n: number, signal: AbortSignal): Promise<void> {
  const limit = p.descriptor.pageSize.max;
  while (!read.complete && read.campaigns.filter((c) => c.status === 'sent').length < n) {
    const r = await p.listCampaigns(read.next, { status: 'sent', limit, signal });
    read.requests += r.page - read.next + 1; // SendPortal reads pages on its side until one matches
    const held = new Set(read.campaigns.map((c) => c.id));
    read.campaigns.push(...r.items.filter((c) => !held.has(c.id)));
    if (!r.hasMore) read.complete = true;
    read.next = r.page + 1;
  }
}

function labels(t: Say): InsightsModel['labels'] {
  return {
    openRate: t('Open rate'),
    clickRate: t('Click rate'),
    median: t('median'),
    showTable: t('Show as Table'),
    showCharts: t('Show as Charts'),
    copyCsv: t('Copy as CSV'),
    campaigns: t('Opens and clicks, out of delivered'),
    perCampaign: t('Bounces, unsubscribes and complaints'),
    growth: t('Subscribers added per week'),
    sent: t('Sent'),
    bounces: t('Bounces'),
    unsubscribes: t('Unsubscribes'),
    complaints: t('Complaints'),
    week: t('Week of'),
    added: t('Added'),
    campaign: t('Campaign'),
    date: t('Sent on'),
    loadReports: '',
    last: t('Last'),
  };
}

/** Whom the growth chart counts, in the zone it counts days in, and what it leaves out. */
function growthNote(walk: Session['walk'], outside: number, zone: string, t: Say): string {
  const total = walk.serverTotal;
  const read = walk.complete
    ? walk.missing > 0
      ? t(
          'From the {0} subscribers the reading listed, by the date each was added ({1}); ' +
            '{2} more were not listed (the list changed order while it was read).',
          fmt(walk.items.length),
          zone,
          fmt(walk.missing),
        )
      : t('From all {0} subscribers, by the date each was added ({1}).', fmt(walk.items.length), zone)
    : t(
        'From the {0} subscribers read so far (a search or an export reads them){1}, by the date each was added ({2}).',
        fmt(walk.items.length),
        total === undefined ? '' : t(' of {0}', fmt(total)),
        zone,
      );
  const left = outside
    ? t('{0} added more than ten years before the newest week, or dated in the future, are not drawn.', fmt(outside))
    : '';
  return [read, left].filter(Boolean).join(' ');
}

export function model(session: Session, read: Read, n: number, t: Say, locale = 'en-US'): InsightsModel {
  const d = session.descriptor;
  const rates = d.reportsOpensAndClicks;
  const points: CampaignPoint[] = campaignPoints(read.campaigns, n, rates).map((p) => ({ ...p, ...read.reports.get(p.id) }));
  const walk = session.walk;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const growth = weeklyGrowth(walk.items, zone, clock.now());
  const total = walk.serverTotal;
  const left = total === undefined ? undefined : Math.max(0, total - walk.items.length);
  const cost = left === undefined ? undefined : Math.ceil(left / d.pageSize.bulk);
  const reportsCost = rates && session.provider().campaignReport ? points.filter((p) => !read.reports.has(p.id)).length * 2 : 0;
  const l = labels(t);
  l.loadReports = t('Load Unsubscribes and Complaints ({0} requests)', reportsCost);
  // Which campaigns the medians count, said where they are drawn (a card compares with the 10 sent before it).
  l.median = t('median of these {0}', points.length);
  return {
    title: t('Newsletter Insights: {0}', safeText(session.profile.label, [], 80)),
    subtitle: t(
      'The last {0} sent campaigns of {1}{2}',
      points.length,
      d.displayName,
      read.complete && points.length < n ? t(' (all there are)') : '',
    ),
    counts: COUNTS,
    n,
    points,
    rates,
    locale,
    noRatesWhy: rates
      ? undefined
      : t(
          "{0}'s API reports no opens or clicks (its counters stay 0 whatever happened): " +
            'here is what it does report, how many each campaign was sent to.',
          d.displayName,
        ),
    medianOpen: median(points.map((p) => p.openRate)),
    medianClick: median(points.map((p) => p.clickRate)),
    reports: rates && session.provider().campaignReport ? { loaded: reportsCost === 0, cost: reportsCost } : undefined,
    growth: growth.weeks,
    growthNote: growthNote(session.walk, growth.outside, zone, t),
    walk: walk.complete
      ? undefined
      : {
          label:
            cost === undefined
              ? t('Read Every Subscriber (one request per {0})', fmt(d.pageSize.bulk))
              : t('Read Every Subscriber ({0} requests)', fmt(cost)),
        },
    requests:
      read.requests === 1
        ? t('1 request so far for these figures, through the same paced path as everything else.')
        : t('{0} requests so far for these figures, through the same paced path as everything else.', fmt(read.requests)),
    labels: l,
  };
}
