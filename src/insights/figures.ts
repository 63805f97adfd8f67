/**
 * The figures Insights draws, from what the extension already read: rates out of delivered (sent − bounced), the
 * median of the campaigns shown, and subscribers added per week in the user's time zone. Pure: no vscode.
 */
import { type Campaign, campaignRates } from '../api';
import { csvField } from '../transfer/csv';
import { parseApiDate } from '../api/dates';

export interface CampaignPoint {
  id: string;
  title: string;
  /** When it went out (Sender's sent_time; SendPortal has none: when it was scheduled or last changed). */
  at?: Date;
  sent: number;
  delivered: number;
  /** 0..1, out of delivered; undefined where the API does not report it. */
  openRate?: number;
  clickRate?: number;
  bounces?: number;
  unsubscribes?: number;
  complaints?: number;
  campaign: Campaign;
}

export function median(values: readonly (number | undefined)[]): number | undefined {
  const xs = values.filter((v): v is number => v !== undefined && Number.isFinite(v)).sort((a, b) => a - b);
  if (!xs.length) return undefined;
  const mid = xs.length >> 1;
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

const when = (c: Campaign) => parseApiDate(c.sentAt ?? c.scheduledAt ?? (c.raw.updated_at as string | undefined) ?? c.createdAt)?.date;

/**
 * The last `n` sent campaigns, oldest first (as a chart reads left to right), each with its rates where the API
 * reports opens and clicks (`withRates`).
 */
export function campaignPoints(campaigns: readonly Campaign[], n: number, withRates: boolean): CampaignPoint[] {
  const sent = campaigns.filter((c) => c.status === 'sent' && (c.sent ?? 0) > 0);
  const dated = sent.map((c) => ({ c, at: when(c) }));
  dated.sort((x, y) => (y.at?.getTime() ?? 0) - (x.at?.getTime() ?? 0));
  return dated
    .slice(0, n)
    .reverse()
    .map(({ c, at }) => {
      const r = campaignRates(c);
      // A title is shown in a tooltip, a card and a table: bounded (a 10 MB one would be copied into each).
      const title = c.title.length > 300 ? `${c.title.slice(0, 299)}…` : c.title;
      return {
        id: c.id,
        title,
        at,
        sent: c.sent ?? 0,
        delivered: r?.delivered ?? 0,
        bounces: c.bounces,
        campaign: c,
        openRate: withRates ? r?.open : undefined,
        clickRate: withRates ? r?.click : undefined,
      };
    });
}

const WEEK = 7 * 86_400_000;
/** Weeks Insights draws at most: ten years. A date outside them (year 0001, 9999) is counted apart and said. */
export const MAX_WEEKS = 522;
/**
 * The Monday that starts a moment's week in `timeZone` ("2026-11-30"), by one formatter made for the zone (building
 * one per subscriber cost 1.5 s at 10,000). Made per call of weeklyGrowth: nothing is kept between calls.
 */
export function weekIn(timeZone: string): (date: Date) => string {
  const f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' });
  return (date) => {
    const parts = f.formatToParts(date);
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
    const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday'));
    // setUTCFullYear, not Date.UTC: that reads years 0–99 as 1900–1999.
    const local = new Date(0);
    local.setUTCFullYear(+get('year'), +get('month') - 1, +get('day'));
    return new Date(local.getTime() - day * 86_400_000).toISOString().slice(0, 10);
  };
}

/** The date of the Monday that starts a moment's week, in `timeZone` ("2026-11-30"). */
export const weekOf = (date: Date, timeZone: string): string => weekIn(timeZone)(date);

const DAY = 86_400_000;

/** How far `timeZone` is ahead of UTC at a moment (ms; to the minute), by one formatter made for the zone. */
function offsetIn(timeZone: string): (t: number) => number {
  const numeric = 'numeric' as const;
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: numeric,
    month: numeric,
    day: numeric,
    hour: numeric,
    minute: numeric,
  });
  return (t) => {
    const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, x.value]));
    const local = new Date(0);
    local.setUTCFullYear(+p.year, +p.month - 1, +p.day);
    local.setUTCHours(+p.hour, +p.minute);
    return local.getTime() - Math.floor(t / 60_000) * 60_000;
  };
}

/** The Monday of the week of a local wall-clock moment given as if it were UTC ("2026-11-30"). */
function mondayOf(localMs: number): string {
  const day = Math.floor(localMs / DAY);
  const weekday = (new Date(day * DAY).getUTCDay() + 6) % 7;
  return new Date((day - weekday) * DAY).toISOString().slice(0, 10);
}

/**
 * `weekOf` for many moments at the cost of a few: a UTC day whose zone offset is the same at its start and its end
 * (every day but a DST change's) puts each of its moments by arithmetic; a change day asks the formatter each time.
 */
function weekFinder(timeZone: string, weekOfDate: (d: Date) => string): (d: Date) => string {
  const offsetAt = offsetIn(timeZone);
  const byDay = new Map<number, number | null>();
  const mondays = new Map<number, string>();
  const monday = (localMs: number) => {
    const day = Math.floor(localMs / DAY);
    let m = mondays.get(day);
    if (m === undefined) mondays.set(day, (m = mondayOf(localMs)));
    return m;
  };
  return (d) => {
    const t = d.getTime();
    const day = Math.floor(t / DAY);
    let off = byDay.get(day);
    if (off === undefined) {
      const [start, end] = [offsetAt(day * DAY), offsetAt((day + 1) * DAY - 60_000)];
      byDay.set(day, (off = start === end ? start : null));
    }
    return off === null ? weekOfDate(d) : monday(t + off);
  };
}

interface Growth {
  weeks: { week: string; added: number }[];
  /** Subscribers whose date lies outside the weeks drawn (more than ten years before the newest, or after `now`). */
  outside: number;
}

/**
 * Subscribers added per week (Monday to Sunday in `timeZone`), oldest first, the weeks between without any as 0;
 * at most MAX_WEEKS ending with the newest week not after `now` (a date in 9999 cannot stretch the chart).
 */
export function weeklyGrowth(subscribers: readonly { createdAt?: string }[], timeZone: string, now: number): Growth {
  const counts = new Map<string, number>();
  const weekOfDate = weekIn(timeZone);
  const weekOfMoment = weekFinder(timeZone, weekOfDate);
  for (const s of subscribers) {
    const d = parseApiDate(s.createdAt)?.date;
    if (!d) continue;
    const w = weekOfMoment(d);
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const latest = Date.parse(`${weekOfDate(new Date(now))}T00:00:00Z`);
  let [first, last] = [Infinity, -Infinity];
  let outside = 0;
  for (const [week, n] of counts) {
    const t = Date.parse(`${week}T00:00:00Z`);
    if (t > latest || t <= latest - MAX_WEEKS * WEEK) outside += n;
    else [first, last] = [Math.min(first, t), Math.max(last, t)];
  }
  const weeks: Growth['weeks'] = [];
  for (let t = first; t <= last; t += WEEK) {
    const week = new Date(t).toISOString().slice(0, 10);
    weeks.push({ week, added: counts.get(week) ?? 0 });
  }
  return { weeks, outside };
}

/** The figures as CSV: one row per campaign, rates as percentages with one decimal. */
export function campaignsCsv(points: readonly CampaignPoint[]): string {
  const pctOf = (r?: number) => (r === undefined ? undefined : (r * 100).toFixed(1));
  const rows = [
    ['campaign', 'id', 'sent at (UTC)', 'sent', 'delivered', 'open rate %', 'click rate %', 'bounces', 'unsubscribes', 'complaints'],
  ];
  for (const p of points) {
    const at = p.at?.toISOString().slice(0, 16).replace('T', ' ') ?? '';
    const counts = [p.bounces, p.unsubscribes, p.complaints].map((x) => x?.toString() ?? '');
    rows.push([p.title, p.id, at, String(p.sent), String(p.delivered), pctOf(p.openRate) ?? '', pctOf(p.clickRate) ?? '', ...counts]);
  }
  // The export's own escaper: quoted where needed, a value a spreadsheet would run as a formula made text.
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
