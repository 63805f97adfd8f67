/** What Sender tells of a subscriber's campaigns and of a campaign's people (its events and report lists). */

/** What happened to the campaigns sent to one subscriber (Sender's `GET /subscribers/{key}/events`). */
export interface SubscriberActivity {
  /** Counts over every email campaign, as the API sums them. */
  totals: Partial<Record<ActivityAction | 'spamReported', number>>;
  /** Newest first. */
  events: ActivityEvent[];
}

export type ActivityAction = 'got' | 'opened' | 'clicked' | 'unsubscribed' | 'bounced';

export interface ActivityEvent {
  action: ActivityAction;
  campaignId?: string;
  /** The campaign's subject as the API names it. */
  title: string;
  at?: string;
}

/** Sender's per-campaign reports: who opened, clicked, unsubscribed, bounced or complained. */
export type ReportKind = 'opens' | 'clicks' | 'unsubscribes' | 'hard_bounces' | 'soft_bounces' | 'complaints';
export const REPORT_KINDS: readonly ReportKind[] = ['opens', 'clicks', 'unsubscribes', 'hard_bounces', 'soft_bounces', 'complaints'];

/** One person in a campaign report: a subscriber, and the link for clicks. */
export interface ReportEntry {
  email: string;
  name?: string;
  url?: string;
  raw: Record<string, unknown>;
}
