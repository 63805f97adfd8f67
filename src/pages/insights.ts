/**
 * Newsletter Insights: how the last sent campaigns did (open and click rates with their medians, bounces,
 * unsubscribes and complaints on Sender, sent counts on SendPortal) and subscribers added per week, from what the
 * extension reads anyway; anything more (the report totals, every subscriber) only on request, its cost said first.
 * Every request goes through the same paced path, and the page says how many it used.
 */
import * as vscode from 'vscode';
import { type Campaign, safeText } from '../api';
import { campaignPoints, campaignsCsv, median } from '../insights/figures';
import { type InsightsModel, insightsHtml } from '../insights/insightsHtml';
import { COUNTS, type Read, type Say, model, readCampaigns } from '../insights/model';
import type { Session } from '../connections/session';
import { fmt } from '../views/format';
import { type Services, showError, withProgress } from '../app/services';

const reads = new WeakMap<Session, Read>();
const say: Say = (message, ...args) => vscode.l10n.t(message, ...args);

/** The Insights page of the active connection: what it read is kept per session, so a redraw asks for nothing. */
export class Insights {
  private n = 10;

  constructor(private readonly app: Services) {}

  /** Opens (or redraws) the page for the active connection; answers what it shows. */
  async show(n = this.n): Promise<InsightsModel | undefined> {
    const session = this.app.connections.active;
    if (!session) return undefined;
    this.n = n;
    const read = reads.get(session) ?? { campaigns: [], complete: false, next: 1, reports: new Map(), requests: 0 };
    reads.set(session, read);
    try {
      await withProgress(vscode.l10n.t('Reading the last {0} sent campaigns…', n), (signal) =>
        readCampaigns(session.provider(), read, n, signal),
      );
    } catch (e) {
      showError(e);
    }
    return this.draw(session, read);
  }

  /** What a button on the page does, run from a test: the report totals, or every subscriber. */
  async more(what: 'reports' | 'walk'): Promise<InsightsModel | undefined> {
    const session = this.app.connections.active;
    const read = session && reads.get(session);
    if (!session || !read) return undefined;
    if (what === 'reports') await this.loadReports(session, read, model(session, read, this.n, say, vscode.env.language));
    else await this.walk(session, read);
    return model(session, read, this.n, say, vscode.env.language);
  }

  private draw(session: Session, read: Read): InsightsModel {
    const m = model(session, read, this.n, say, vscode.env.language);
    const actions = new Map<string, () => unknown>([
      ...COUNTS.map((c) => [`n:${c}`, () => this.show(c)] as [string, () => unknown]),
      ['copyCsv', () => this.copy(m)],
      ['reports', () => this.loadReports(session, read, m)],
      ['walk', () => this.walk(session, read)],
      ...m.points.map(
        (p) =>
          [`open:${p.id}`, () => vscode.commands.executeCommand('newsletter.openDetails', { type: 'item', item: p.campaign })] as [
            string,
            () => unknown,
          ],
      ),
    ]);
    this.app.cards.showPage(
      `insights:${session.profile.id}`,
      vscode.l10n.t('Insights: {0}', safeText(session.profile.label, [], 60)),
      (o) => insightsHtml(m, o),
      actions,
    );
    return m;
  }

  private async copy(m: InsightsModel): Promise<void> {
    await vscode.env.clipboard.writeText(campaignsCsv(m.points));
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) The figures of {0} campaigns copied as CSV', m.points.length), 4000);
  }

  /** Sender's report totals: one request per campaign and kind (`limit=1`, its total read), in the background. */
  private async loadReports(session: Session, read: Read, m: InsightsModel): Promise<void> {
    const p = session.provider();
    const report = p.campaignReport?.bind(p);
    if (!report) return;
    try {
      await withProgress(
        vscode.l10n.t('Reading unsubscribes and complaints…'),
        async (signal, say) => {
          let done = 0;
          for (const point of m.points.filter((x) => !read.reports.has(x.id))) {
            const totals: { unsubscribes?: number; complaints?: number } = {};
            for (const kind of ['unsubscribes', 'complaints'] as const) {
              const page = await report(point.campaign, kind, 1, { limit: 1, signal });
              read.requests++;
              totals[kind] = page.total ?? (page.hasMore ? undefined : page.items.length);
            }
            read.reports.set(point.id, totals);
            say(vscode.l10n.t('{0} of {1} campaigns', ++done, m.points.length));
          }
        },
        { background: true },
      );
    } catch (e) {
      showError(e);
    }
    this.draw(session, read);
  }

  /** Every subscriber, through the session's walk (shared with search and export), in the background. */
  private async walk(session: Session, read: Read): Promise<void> {
    const before = session.walk.items.length;
    try {
      await withProgress(
        vscode.l10n.t('Reading every subscriber for the weekly figures…'),
        (signal, say) => session.walk.walk(signal, () => say(vscode.l10n.t('{0} read', fmt(session.walk.items.length)))),
        { background: true },
      );
    } catch (e) {
      showError(e);
    }
    read.requests += Math.ceil((session.walk.items.length - before) / session.descriptor.pageSize.bulk);
    this.draw(session, read);
  }
}

/** A rate in words, and the small bar the card draws beside it (the campaign's own share, the median as a tick). */
interface Compared {
  text: string;
  bar: { value: number; reference: number };
}

/**
 * A sent campaign's open and click rates beside the median of the (up to) 10 sent before it, from the campaigns
 * already read (the Campaigns view's rows, Insights): no request of its own. Undefined with fewer than 3 before it.
 */
export function againstPrevious(app: Services, session: Session, c: Campaign): { open?: Compared; click?: Compared } | undefined {
  if (c.status !== 'sent' || !session.descriptor.reportsOpensAndClicks) return undefined;
  const byId = new Map<string, Campaign>();
  for (const x of [...(reads.get(session)?.campaigns ?? []), ...(app.connections.active === session ? app.campaigns.list.state.items : [])])
    byId.set(x.id, x);
  byId.set(c.id, c);
  const points = campaignPoints([...byId.values()], Number.MAX_SAFE_INTEGER, true);
  const at = points.findIndex((p) => p.id === c.id);
  const before = points.slice(Math.max(0, at - 10), Math.max(0, at));
  if (at < 0 || before.length < 3) return undefined;
  const own = points[at];
  const say = (mine: number | undefined, others: (number | undefined)[]) => {
    const m = median(others);
    if (mine === undefined || m === undefined) return undefined;
    const diff = Math.round((mine - m) * 100);
    const text = vscode.l10n.t(
      '{0}% · median of the {1} sent before it: {2}% ({3} points)',
      (mine * 100).toFixed(1),
      before.length,
      (m * 100).toFixed(1),
      diff > 0 ? `+${diff}` : String(diff),
    );
    return { text, bar: { value: mine, reference: m } };
  };
  return {
    open: say(
      own.openRate,
      before.map((p) => p.openRate),
    ),
    click: say(
      own.clickRate,
      before.map((p) => p.clickRate),
    ),
  };
}
