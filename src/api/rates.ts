/** A campaign's rates, computed in one place for every view, card and chart. Pure: no vscode. */
import type { Campaign } from './model';

/** part / whole within 0..1; undefined without a part or a whole. */
export function rate(part: number | undefined, whole: number | undefined): number | undefined {
  if (part === undefined || whole === undefined || !(whole > 0)) return undefined;
  return Math.min(1, Math.max(0, part / whole));
}

interface CampaignRates {
  /** What went out minus what bounced: the base of the open and click rates. */
  delivered: number;
  /** 0..1 out of delivered, where the API counts them. */
  open?: number;
  click?: number;
  /** 0..1 out of what went out. */
  bounce?: number;
}

/** Rates out of delivered (sent − bounced), bounces out of sent; undefined before anything went out. */
export function campaignRates(c: Pick<Campaign, 'sent' | 'bounces' | 'opens' | 'clicks'>): CampaignRates | undefined {
  if (!c.sent) return undefined;
  const delivered = Math.max(0, c.sent - (c.bounces ?? 0));
  return { delivered, open: rate(c.opens, delivered), click: rate(c.clicks, delivered), bounce: rate(c.bounces, c.sent) };
}
