import { type Campaign, campaignRates } from '../api';
import { parseApiDate } from '../api/dates';

/** Plain functions over numbers and dates for rows, tooltips and cards (no vscode: unit-tested). */

export const fmt = (n: number, locale = 'en-US') => n.toLocaleString(locale);

const DAY = 86_400_000;
/** One formatter per zone (building one per call costs ~0.2 ms). */
const dayParts = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of a moment in a time zone (the user's when none is given), as a day number: DST-proof. */
function dayNumber(ms: number, timeZone?: string): number {
  const key = timeZone ?? '';
  let f = dayParts.get(key);
  if (!f) dayParts.set(key, (f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })));
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
  return Math.round(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day)) / DAY);
}

/**
 * "3 days ago", "tomorrow", "in 2 hours", "now", in the user's language. Within 12 hours (or the same calendar day)
 * it counts hours and minutes; beyond, calendar days in the user's zone (a Monday 09:30 seen on Saturday 23:30 is
 * "in 2 days", not the "tomorrow" that 34 hours would round to), then weeks, months and years of them.
 */
export function relativeTime(date: Date, now: number, locale: string, timeZone?: string): string {
  const diff = date.getTime() - now;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const days = dayNumber(date.getTime(), timeZone) - dayNumber(now, timeZone);
  if (days === 0 || Math.abs(diff) < 12 * 3_600_000) {
    if (Math.abs(diff) >= 3_600_000) return rtf.format(Math.trunc(diff / 3_600_000), 'hour');
    if (Math.abs(diff) >= 60_000) return rtf.format(Math.trunc(diff / 60_000), 'minute');
    return rtf.format(0, 'minute');
  }
  const abs = Math.abs(days);
  if (abs < 7) return rtf.format(days, 'day');
  if (abs < 30) return rtf.format(Math.trunc(days / 7), 'week');
  if (abs < 365) return rtf.format(Math.trunc(days / 30), 'month');
  return rtf.format(Math.trunc(days / 365), 'year');
}

/** "18 Mar 2026, 13:02" in the user's locale; a date the API sent without a zone is shown in UTC, saying so. */
export function absoluteTime(raw: string | undefined, locale: string): string | undefined {
  const d = parseApiDate(raw);
  if (!d) return undefined;
  const text = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: d.assumedUtc ? 'UTC' : undefined,
  }).format(d.date);
  return d.assumedUtc ? `${text} UTC` : text;
}

interface CampaignFigures {
  /** What went out minus what bounced: the base of every rate. */
  delivered?: number;
  openRate?: string;
  clickRate?: string;
  bounceRate?: string;
}

/** The rates of `campaignRates` (out of delivered, never above 100 %) as whole percentages; none before anything went out. */
export function campaignFigures(c: Campaign): CampaignFigures {
  const r = campaignRates(c);
  const percent = (x?: number) => (x === undefined ? undefined : `${Math.round(100 * x)}%`);
  return r ? { delivered: r.delivered, openRate: percent(r.open), clickRate: percent(r.click), bounceRate: percent(r.bounce) } : {};
}

/** The date that matters for a campaign's status: when it is scheduled for, when it went out, or when it was made. */
export function campaignDate(c: Campaign): { kind: 'scheduled' | 'sent' | 'created'; raw: string } | undefined {
  if (c.status === 'scheduled' || c.status === 'queued') return c.scheduledAt ? { kind: 'scheduled', raw: c.scheduledAt } : undefined;
  if (c.status === 'sent' || c.status === 'sending') return c.sentAt ? { kind: 'sent', raw: c.sentAt } : undefined;
  if (c.status === 'draft') return c.createdAt ? { kind: 'created', raw: c.createdAt } : undefined;
  return undefined;
}
