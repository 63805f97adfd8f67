import * as assert from 'node:assert/strict';
import type { Campaign } from '../../../src/api';
import { rate } from '../../../src/api';
import { MAX_WEEKS, campaignPoints, campaignsCsv, median, weekIn, weekOf, weeklyGrowth } from '../../../src/insights/figures';
import { type InsightsModel, insightsBody, insightsHtml } from '../../../src/insights/insightsHtml';

const camp = (id: string, sentAt: string, over: Partial<Campaign> = {}): Campaign => ({ id, title: `C${id}`, status: 'sent', sent: 100, bounces: 10, opens: 45, clicks: 9, sentAt, audience: [], raw: {}, ...over });

describe('insights figures', () => {
  it('rates are out of delivered (sent − bounced), within 0..1, none without a whole', () => {
    const [p] = campaignPoints([camp('1', '2026-01-01 10:00:00')], 10, true);
    assert.equal(p.delivered, 90);
    assert.equal(p.openRate, 0.5);
    assert.equal(p.clickRate, 0.1);
    assert.equal(rate(5, 0), undefined);
    assert.equal(rate(undefined, 10), undefined);
    assert.equal(rate(12, 10), 1);
    assert.equal(rate(-1, 10), 0);
  });

  it('takes the last n sent campaigns, oldest first; drafts, nothing sent, and rates where the API has none are left out', () => {
    const all = [
      camp('a', '2026-03-01 09:00:00'), camp('b', '2026-01-01 09:00:00'), camp('c', '2026-02-01 09:00:00'),
      camp('d', '2026-04-01 09:00:00', { status: 'draft' }), camp('e', '2026-05-01 09:00:00', { sent: 0 }),
    ];
    assert.deepEqual(campaignPoints(all, 2, true).map((p) => p.id), ['c', 'a']);
    assert.deepEqual(campaignPoints(all, 10, true).map((p) => p.id), ['b', 'c', 'a']);
    assert.equal(campaignPoints(all, 10, false)[0].openRate, undefined);
  });

  it('medians: the middle one, the mean of the two middle ones, none of nothing', () => {
    assert.equal(median([0.3, 0.1, 0.2]), 0.2);
    assert.equal(median([0.4, 0.1, 0.2, 0.3]), 0.25);
    assert.equal(median([undefined, 0.5]), 0.5);
    assert.equal(median([]), undefined);
  });

  it("weeks start on Monday in the user's time zone, and the empty weeks between are there", () => {
    // Sunday 23:30 UTC is already Monday in Tokyo, and still Sunday in New York.
    const late = new Date('2026-11-29T23:30:00Z');
    assert.equal(weekOf(late, 'UTC'), '2026-11-23');
    assert.equal(weekOf(late, 'Asia/Tokyo'), '2026-11-30');
    assert.equal(weekOf(late, 'America/New_York'), '2026-11-23');
    const now = Date.parse('2026-12-06T12:00:00Z');
    const growth = weeklyGrowth([{ createdAt: '2026-11-02 10:00:00' }, { createdAt: '2026-11-03 10:00:00' }, { createdAt: '2026-11-20 10:00:00' }, { createdAt: 'garbage' }, {}], 'UTC', now);
    assert.deepEqual(growth, { weeks: [{ week: '2026-11-02', added: 2 }, { week: '2026-11-09', added: 0 }, { week: '2026-11-16', added: 1 }], outside: 0 });
    assert.deepEqual(weeklyGrowth([], 'UTC', now), { weeks: [], outside: 0 });
  });

  it('many subscribers are put in their week as one at a time would be: DST change days, half- and 45-minute zones', () => {
    // Every 7 minutes and 13 seconds across the spring and autumn changes of 2026, and a quiet week.
    const moments: number[] = [];
    for (const [from, days] of [['2026-03-27T00:00:00Z', 4], ['2026-10-23T00:00:00Z', 4], ['2026-06-01T00:00:00Z', 8]] as const) {
      for (let t = Date.parse(from); t < Date.parse(from) + days * 86_400_000; t += 433_000) moments.push(t);
    }
    const subs = moments.map((t) => ({ createdAt: new Date(t).toISOString().slice(0, 19).replace('T', ' ') }));
    const now = Date.parse('2026-12-01T00:00:00Z');
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'UTC']) {
      const one = new Map<string, number>();
      const week = weekIn(zone);
      for (const t of moments) {
        const w = week(new Date(Math.floor(t / 1000) * 1000));
        one.set(w, (one.get(w) ?? 0) + 1);
      }
      const many = weeklyGrowth(subs, zone, now).weeks.filter((w) => w.added > 0);
      assert.deepEqual(many, [...one].sort(([a], [b]) => a.localeCompare(b)).map(([week, added]) => ({ week, added })), zone);
    }
  });

  it('dates in years 0001 and 9999 are counted apart and said, never thousands of weeks (nor 0001 read as 1901)', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    assert.equal(weekOf(new Date('0001-01-03T12:00:00Z'), 'UTC'), '0001-01-01');
    const growth = weeklyGrowth([{ createdAt: '0001-01-01 00:00:00' }, { createdAt: '9999-12-31 23:59:59' }, { createdAt: '2026-12-01 10:00:00' }, { createdAt: '2026-11-20 10:00:00' }], 'UTC', now);
    assert.deepEqual(growth, { weeks: [{ week: '2026-11-16', added: 1 }, { week: '2026-11-23', added: 0 }, { week: '2026-11-30', added: 1 }], outside: 2 });
    const many = weeklyGrowth([{ createdAt: '2015-01-01 00:00:00' }, { createdAt: '2026-12-01 00:00:00' }], 'UTC', now);
    assert.ok(many.weeks.length <= MAX_WEEKS && many.outside === 1, `${many.weeks.length} weeks, ${many.outside} outside`);
  });

  it('CSV: a row per campaign, rates as percentages, a formula-like title kept as text', () => {
    const csv = campaignsCsv(campaignPoints([camp('1', '2026-01-01 10:00:00', { title: '=HYPERLINK("x"), "quoted"' })], 10, true));
    const [head, row] = csv.trimEnd().split('\r\n');
    assert.equal(head, 'campaign,id,sent at (UTC),sent,delivered,open rate %,click rate %,bounces,unsubscribes,complaints');
    assert.equal(row, `"'=HYPERLINK(""x""), ""quoted""",1,2026-01-01 10:00,100,90,50.0,10.0,10,,`);
  });

  it('the page escapes every server string, and each point opens its campaign by id', () => {
    const points = campaignPoints([camp('1', '2026-01-01 10:00:00', { title: '<img src=x onerror=alert(1)>' }), camp('2', '2026-01-08 10:00:00')], 10, true);
    const labels = Object.fromEntries(['openRate', 'clickRate', 'median', 'showTable', 'showCharts', 'copyCsv', 'campaigns', 'perCampaign', 'growth', 'sent', 'bounces', 'unsubscribes', 'complaints', 'week', 'added', 'campaign', 'date', 'loadReports', 'last'].map((k) => [k, k])) as InsightsModel['labels'];
    const m: InsightsModel = { title: '<b>t</b>', subtitle: 's', counts: [5, 10], n: 10, points, rates: true, medianOpen: 0.5, medianClick: 0.1, growth: [], growthNote: '', requests: '1', labels };
    const html = insightsBody(m);
    assert.doesNotMatch(html, /<img|<b>/);
    assert.match(html, /&#60;img src=x onerror=alert\(1\)&#62;/);
    assert.equal((html.match(/data-action="open:1"/g) ?? []).length, 3, 'its open and click points and its bars');
    assert.match(html, /data-action="n:10" aria-pressed="true"/);
    assert.match(html, /class="open median"/);
  });

  it("dates in the person's locale with their year; the table's figures never split; the median says what it counts", () => {
    const points = campaignPoints([camp('1', '2025-06-06 10:00:00'), camp('2', '2025-06-13 10:00:00')], 10, true);
    const labels = new Proxy({}, { get: (_, k) => (k === 'median' ? 'median of these 2' : String(k)) }) as InsightsModel['labels'];
    const growth = [{ week: '2025-06-02', added: 1234 }];
    const base = { title: 't', subtitle: 's', counts: [5], n: 5, points, rates: true, medianOpen: 0.5, growth, growthNote: '', requests: '1', labels };
    const de = insightsBody({ ...base, locale: 'de-DE' });
    assert.match(de, />06\.06\.25</, 'a short date with its year under the axis');
    assert.match(de, /C1 · 06\.06\.2025 · openRate/, 'a medium date in the tooltip');
    assert.match(de, /<td class="num">02\.06\.2025<\/td><td class="num">1\.234<\/td>/, 'the week and its count, in German, unsplit');
    assert.doesNotMatch(de, /25-06-06|2025-06-06/, 'an ISO date left on the page');
    assert.match(insightsBody({ ...base, locale: 'en-US' }), />6\/6\/25</);
    assert.match(insightsBody({ ...base, locale: 'no-such-locale-at-all' }), />6\/6\/25</, 'an unknown locale falls back to en-US');
    assert.match(de, /median of these 2: 50\.0%/);
  });

  it('every chart colour has its own value where a theme has none (high contrast leaves charts.orange unset)', () => {
    const labels = new Proxy({}, { get: (_, k) => String(k) }) as InsightsModel['labels'];
    const m: InsightsModel = { title: 't', subtitle: 's', counts: [5], n: 5, points: [], rates: true, growth: [], growthNote: '', requests: '1', labels };
    const page = insightsHtml(m, { nonce: 'n', cspSource: 'c' });
    const uses = [...page.matchAll(/var\(--vscode-charts-[a-z]+([^)]*)\)/g)];
    assert.ok(uses.length >= 5);
    assert.deepEqual(uses.filter((u) => !/^, #[0-9a-f]{6}$/i.test(u[1])).map((u) => u[0]), []);
  });
});
