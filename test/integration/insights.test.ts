import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Campaign } from '../../src/api';
import type { InsightsModel } from '../../src/insights/insightsHtml';
import { connectFresh, control, requestsSince } from './helpers';

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
    const since = Date.now();
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
  });
});
