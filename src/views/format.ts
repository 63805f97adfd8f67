import type { Campaign } from '../api';
import { parseApiDate } from '../api/dates';

/** Plain functions over numbers and dates for rows, tooltips and cards (no vscode: unit-tested). */

export const fmt = (n: number, locale = 'en-US') => n.toLocaleString(locale);

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 days ago", "in 2 hours", "now", in the user's language. */
export function relativeTime(date: Date, now: number, locale: string): string {
  const diff = date.getTime() - now;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, ms] of UNITS) if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  return rtf.format(0, 'minute');
}

/** "18 Mar 2026, 13:02" in the user's locale; a date the API sent without a zone is shown in UTC, saying so. */
export function absoluteTime(raw: string | undefined, locale: string): string | undefined {
  const d = parseApiDate(raw);
  if (!d) return undefined;
  const text = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: d.assumedUtc ? 'UTC' : undefined }).format(d.date);
  return d.assumedUtc ? `${text} UTC` : text;
}

/** A whole-number percentage, never above 100 %. */
export function pct(part: number, whole: number): string {
  return `${Math.min(100, Math.round((100 * part) / whole))}%`;
}

interface CampaignFigures {
  /** What went out minus what bounced: the base of every rate. */
  delivered?: number;
  openRate?: string;
  clickRate?: string;
  bounceRate?: string;
}

/** Rates out of delivered (sent − bounced), never above 100 %; none before anything went out. */
export function campaignFigures(c: Campaign): CampaignFigures {
  if (!c.sent) return {};
  const delivered = Math.max(0, c.sent - (c.bounces ?? 0));
  return {
    delivered,
    openRate: c.opens !== undefined && delivered ? pct(c.opens, delivered) : undefined,
    clickRate: c.clicks !== undefined && delivered ? pct(c.clicks, delivered) : undefined,
    bounceRate: c.bounces !== undefined ? pct(c.bounces, c.sent) : undefined,
  };
}

/** The date that matters for a campaign's status: when it is scheduled for, when it went out, or when it was made. */
export function campaignDate(c: Campaign): { kind: 'scheduled' | 'sent' | 'created'; raw: string } | undefined {
  if (c.status === 'scheduled' || c.status === 'queued') return c.scheduledAt ? { kind: 'scheduled', raw: c.scheduledAt } : undefined;
  if (c.status === 'sent' || c.status === 'sending') return c.sentAt ? { kind: 'sent', raw: c.sentAt } : undefined;
  if (c.status === 'draft') return c.createdAt ? { kind: 'created', raw: c.createdAt } : undefined;
  return undefined;
}
