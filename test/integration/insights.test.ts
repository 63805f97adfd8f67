import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Campaign } from '../../src/api';
import type { InsightsModel } from '../../src/insights/insightsHtml';
import { connectFresh, control, mark, requestsSince, seenSince } from './helpers';

/** Every sent campaign the API lists, read here independently of Insights. */
async function sentCampaigns(list: (page: number) => Promise<{ items: Campaign[]; hasMore: boolean }>): Promise<Campaign[]> {
  const out: Campaign[] = [];
  for (let page = 1; ; page++) {
    const r = await list(page);
    out.push(...r.items.filter((c) => c.status === 'sent'));
    if (!r.hasMore) return out;
  }
}

describe('Newsletter Insights', function () {
  this.timeout(60_000);
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await control('reset');
  });

  it("Sender: the last 10 sent campaigns' rates out of delivered, their medians, and the requests it used", async () => {
    const { a } = await connectFresh('sender', 'Insights Sender');
    const since = await mark();
    const m = (await vscode.commands.executeCommand<InsightsModel>('newsletter.showInsights', 10))!;
    const used = await requestsSince('sender', since, /^GET \/v2\/campaigns\?/);
    assert.equal(m.requests.match(/^(\d+) requests?/)?.[1], String(used), 'the page says how many requests it used');
    const p = a.connections.active!.provider();
    const all = await sentCampaigns((page) => p.listCampaigns(page, { status: 'sent', limit: 100 }));
    const latest = all.sort((x, y) => (y.sentAt ?? '').localeCompare(x.sentAt ?? '')).slice(0, 10).reverse();
    assert.deepEqual(m.points.map((x) => x.id), latest.map((c) => c.id), 'the last 10, oldest first');
    const rates = latest.map((c) => c.opens! / (c.sent! - (c.bounces ?? 0)));
    m.points.forEach((x, i) => assert.ok(Math.abs(x.openRate! - rates[i]) < 1e-9, `${x.title}: ${x.openRate} vs ${rates[i]}`));
    const sorted = [...rates].sort((x, y) => x - y);
    assert.ok(Math.abs(m.medianOpen! - (sorted[4] + sorted[5]) / 2) < 1e-9);
    assert.equal(m.reports?.loaded, false);
    assert.match(m.labels.loadReports, /\(20 requests\)/, 'the report totals cost two requests a campaign, said first');
  });

  it('Sender: the report totals on request, two requests a campaign, each the total its report lists', async () => {
    const { a } = await connectFresh('sender', 'Insights Sender');
    const first = (await vscode.commands.executeCommand<InsightsModel>('newsletter.showInsights', 5))!;
    const since = await mark();
    const m = (await vscode.commands.executeCommand<InsightsModel>('newsletter.showInsights', 5, 'reports'))!;
    assert.equal(await requestsSince('sender', since, /^GET \/v2\/campaigns\/[^/]+\/(unsubscribes|complaints)\?/), 10);
    assert.equal(Number(m.requests.match(/^(\d+)/)![1]), Number(first.requests.match(/^(\d+)/)![1]) + 10, 'the requests it used, counted');
    const p = a.connections.active!.provider();
    for (const x of m.points) {
      assert.equal(x.unsubscribes, (await p.campaignReport!(x.campaign, 'unsubscribes', 1, { limit: 1 })).total, x.title);
      assert.equal(x.complaints, (await p.campaignReport!(x.campaign, 'complaints', 1, { limit: 1 })).total, x.title);
    }
    assert.equal(m.reports?.loaded, true);
  });

  it("Sender: a sent campaign's card sets it against the sends before it only when there were 3 or more, never against 1 or 2", async () => {
    const { a } = await connectFresh('sender', 'Insights Sender');
    const p = a.connections.active!.provider();
    const all = (await sentCampaigns((page) => p.listCampaigns(page, { status: 'sent', limit: 100 }))).sort((x, y) => (x.sentAt ?? '').localeCompare(y.sentAt ?? ''));
    assert.ok(all.length >= 4 && all.length <= 50, `${all.length} sent: Insights of 50 reads them all`);
    await vscode.commands.executeCommand('newsletter.showInsights', 50);
    const card = async (c: Campaign) => {
      const drawn = new Promise<string>((resolve) => {
        const d = a.cards.onDidRender((key) => key.endsWith(`:${c.id}`) && (d.dispose(), resolve(key)));
      });
      await vscode.commands.executeCommand('newsletter.openDetails', { type: 'item', item: c });
      return a.cards.shown(await drawn) ?? '';
    };
    for (const c of all.slice(0, 3)) assert.doesNotMatch(await card(c), /sends before|sent before it/, `${c.title}: compared with fewer than 3`);
    const fourth = await card(all[3]);
    assert.match(fourth, /Open rate against the sends before.*median of the 3 sent before it/s);
  });

  it('SendPortal: sent counts only, and one line saying why there are no rates', async () => {
    const { a } = await connectFresh('sendportal', 'Insights SP');
    const m = (await vscode.commands.executeCommand<InsightsModel>('newsletter.showInsights', 5))!;
    assert.equal(m.rates, false);
    assert.match(m.noRatesWhy!, /reports no opens or clicks/);
    assert.equal(m.points.length, 5);
    assert.ok(m.points.every((x) => x.openRate === undefined && x.sent > 0));
    const p = a.connections.active!.provider();
    const sent = new Map((await sentCampaigns((page) => p.listCampaigns(page))).map((c) => [c.id, c.sent]));
    for (const x of m.points) assert.equal(x.sent, sent.get(x.id), x.title);
    assert.match(m.growthNote, /From the 0 subscribers read so far/, 'no subscriber was read for it without asking');
    assert.ok(m.walk, 'reading every subscriber is offered, with its cost');
    assert.match(m.walk.label, /\(100 requests\)|one request per/);
    // A hundred pages at SendPortal's 60 a minute would take two minutes: the sandbox allows more for this one.
    await control('ratelimit', { provider: 'sendportal', limit: 1000, windowMs: 60_000 });
    const since = await mark();
    const after = (await vscode.commands.executeCommand<InsightsModel>('newsletter.showInsights', 5, 'walk'))!;
    // Each of the 100 pages once (a view loading its own first page meanwhile is another request, not the walk's).
    const seen = await seenSince(since);
    const pages = seen.filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/subscribers?')).map((r) => Number(new URL(r.url, 'http://x').searchParams.get('page')));
    assert.deepEqual([...new Set(pages)].sort((x, y) => x - y), Array.from({ length: 100 }, (_, i) => i + 1), '2,500 subscribers, 25 a page');
    assert.ok(pages.length <= 101, `${pages.length} page requests`);
    const counted = after.growth.reduce((n, w) => n + w.added, 0);
    // The sandbox's SendPortal list changes order between pages, as a real one can: those the reading never listed are said.
    const listed = after.growthNote.match(/^From (?:all |the )?([\d,]+) subscribers/)![1];
    const missed = after.growthNote.match(/; ([\d,]+) more were not listed/)?.[1];
    assert.equal(counted, Number(listed.replace(/,/g, '')), 'each subscriber listed is counted, in one week');
    assert.equal(counted + Number((missed ?? '0').replace(/,/g, '')), 2500);
    assert.equal(after.walk, undefined);
  });
});
