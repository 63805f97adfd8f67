/**
 * Hostile files and servers cost nothing (the adversarial run's findings, each failing before its fix): a huge front
 * matter, a 45 MB CSV field, Insights' dates in 0001 and 9999 and a 10 MB title, a `..` id, a line feed in a
 * server-chosen id. Bounds are asserted as amounts of work and memory; the times are the bench's (npm run bench).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, InvalidResponseError, type ProviderKind, createProvider } from '../../src/api';
import { parseFrontMatter } from '../../src/authoring/frontMatter';
import { validate } from '../../src/authoring/validate';
import { campaignPoints, weeklyGrowth } from '../../src/insights/figures';
import { type InsightsModel, insightsBody } from '../../src/insights/insightsHtml';
import { CsvParser, CsvTooLarge, MAX_FIELD } from '../../src/transfer/csv';
import { ImportRefused, streamCsv } from '../../src/transfer/csvFile';
import { HostileServer } from '../support/hostile';
import { rejection } from '../support/providers';

describe('hostile files cost nothing', () => {
  it('a front matter of 300,000 keys (3 MB) is read 500 lines far, with a bounded list of problems', () => {
    const keys = Array.from({ length: 300_000 }, (_, i) => `k${i}: v`).join('\n');
    const text = `---\nsubject: S\n${keys}\n---\nbody`;
    const fm = parseFrontMatter(text)!;
    assert.ok(fm.fields.size <= 500, `${fm.fields.size} fields read`);
    assert.match(fm.problems.at(-1)!.message, /no closing "---" within its first 500 lines/);
    const problems = validate(text, fm, { service: 'sender', connectionNames: [], now: 0 });
    assert.ok(problems.length <= 500, `${problems.length} problems`);
  });

  it('a 1,000,000-line body full of tags is checked for its first 1,000 tags only', () => {
    const text = `---\nsubject: S\naudience: [A]\n---\n${'{{ nope }} {$x$}\n'.repeat(1_000_000)}`;
    const problems = validate(text, parseFrontMatter(text)!, { service: 'sender', connectionNames: [], now: 0 });
    assert.ok(problems.filter((p) => p.code.endsWith('-tag')).length <= 500, String(problems.length));
  });

  it('a 45 MB unquoted CSV field is refused past its cap, the heap growing by less than 100 MB', async () => {
    const parser = new CsvParser(',');
    const chunk = 'a'.repeat(64 * 1024);
    const before = process.memoryUsage().heapUsed;
    let read = 0;
    const refused = (() => {
      try {
        for (; read < 45 * 1024 * 1024; read += chunk.length) parser.push(chunk);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(refused instanceof CsvTooLarge, String(refused));
    assert.ok(read <= MAX_FIELD, `read ${read} characters before refusing`);
    assert.ok(process.memoryUsage().heapUsed - before < 100 * 1024 * 1024);
    // The same from a file: the import is refused in words.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'csv-')), 'huge.csv');
    const out = fs.createWriteStream(file);
    out.write('email\n');
    for (let i = 0; i < 45 * 16; i++) out.write(chunk);
    await new Promise((r) => out.end(r));
    const e = await rejection(streamCsv(file));
    assert.ok(e instanceof ImportRefused && /longer than 64 KB/.test(e.message), String(e));
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('Insights: dates in 0001 and 9999 render, counted apart with a note; a 10 MB title is not copied into the page', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    const growth = weeklyGrowth([{ createdAt: '0001-01-01 00:00:00' }, { createdAt: '9999-12-31 23:59:59' }, { createdAt: '2026-12-01 00:00:00' }], 'UTC', now);
    assert.deepEqual([growth.weeks.length, growth.outside], [1, 2]);
    const title = 'T'.repeat(10 * 1024 * 1024);
    const points = campaignPoints([{ id: '1', title, status: 'sent', sent: 100, opens: 10, clicks: 1, sentAt: '2026-12-01 10:00:00', audience: [], raw: {} }], 10, true);
    const labels = new Proxy({}, { get: (_t, k) => String(k) }) as InsightsModel['labels'];
    const html = insightsBody({ title: 't', subtitle: 's', counts: [5, 10], n: 10, points, rates: true, medianOpen: 0.1, medianClick: 0.01, growth: growth.weeks, growthNote: 'n', requests: '1', labels });
    assert.ok(html.length < 100_000, `${html.length} characters`);
  });
});

for (const kind of ['sender', 'sendportal'] as ProviderKind[]) {
  describe(`hostile ids: ${kind}`, () => {
    let server: HostileServer;
    before(async () => (server = await new HostileServer().start()));
    after(() => server.stop());
    beforeEach(() => (server.requests.length = 0));
    const make = () => createProvider({ kind, baseUrl: kind === 'sender' ? `${server.origin}/v2/` : server.origin, token: 'hostile-ids-token-0123456789', timeoutMs: 3000 });

    it('an id of ".." or "." makes no request (it would climb out of the API with the token); "%2e%2e" stays an id inside it', async () => {
      for (const id of ['..', '.']) {
        const e = await rejection(make().getCampaign(id));
        assert.ok(e instanceof ConfigError, `${id}: ${String(e)}`);
      }
      assert.equal(server.requests.length, 0);
      await make().getCampaign('%2e%2e').catch(() => undefined);
      assert.deepEqual(server.requests.map((r) => r.url.split('?')[0]), [kind === 'sender' ? '/v2/campaigns/%252e%252e' : '/api/v1/campaigns/%252e%252e']);
    });

    it('a server-chosen id holding a line feed (or a slash) is no id: refused before it reaches a URL, a file or front matter', async () => {
      for (const id of ['7\nsend_at: 2026-01-01 09:00', '../1', 'a b']) {
        server.answer = () => ({ body: JSON.stringify({ data: { id, name: 'x', title: 'x', status_id: 1, status: 'DRAFT' } }) });
        const e = await rejection(make().getCampaign('7'));
        assert.ok(e instanceof InvalidResponseError, `${JSON.stringify(id)}: ${String(e)}`);
      }
    });
  });
}
