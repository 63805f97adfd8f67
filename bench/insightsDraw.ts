/**
 * Insights' draw on the extension host (`npm run bench -- insights`): the page's model (figures, weekly growth over
 * every walked subscriber) and its HTML, at 10,000 and 50,000 subscribers, median and worst of 7 draws after a warm-up.
 */
import { descriptorOf } from '../src/api';
import { mapCampaign, mapSubscriber } from '../src/api/providers/sender/mappings';
import type { Session } from '../src/connections/session';
import { insightsHtml } from '../src/insights/insightsHtml';
import { type Read, model } from '../src/insights/model';
import { senderCampaigns, senderSubscribers } from '../test/sandbox/data';

type Record = (key: string, label: string, value: number, unit: string, goal?: string) => void;

const say = (message: string, ...args: (string | number | boolean)[]) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

export function insightsDraw(record: Record): void {
  const campaigns = senderCampaigns().map((c) => mapCampaign(c));
  for (const size of [10_000, 50_000]) {
    const items = senderSubscribers(1, size).map((s) => mapSubscriber(s));
    const session = {
      descriptor: descriptorOf('sender'),
      profile: { label: 'Bench' },
      walk: { items, serverTotal: size, complete: true, missing: 0 },
      provider: () => ({}),
    } as unknown as Session;
    const read: Read = { campaigns, complete: true, next: 2, reports: new Map(), requests: 1 };
    const times: number[] = [];
    for (let i = 0; i < 8; i++) {
      const t = performance.now();
      insightsHtml(model(session, read, 20, say), { nonce: 'n', cspSource: 'c' });
      if (i > 0) times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const label = `Insights' draw (model and page) with ${size.toLocaleString('en-US')} walked subscribers`;
    record(`insightsDraw${size / 1000}k`, `${label}: median of 7`, times[3], 'ms', '<= 50 ms');
    record(`insightsDraw${size / 1000}kWorst`, `${label}: worst of 7`, times[6], 'ms');
  }
}
