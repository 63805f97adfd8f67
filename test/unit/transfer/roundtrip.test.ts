/**
 * Field by field: what an export writes is what the service holds, and an export imported again gives the service
 * the same values. Against the sandbox over loopback, through the providers, the CSV and JSON writers and the planner.
 */
import * as assert from 'node:assert/strict';
import type { Subscriber } from '../../../src/api';
import { parseCsv, unformula } from '../../../src/transfer/csv';
import { EXPORT_COLUMNS, WRITERS } from '../../../src/transfer/exporter';
import { guessMapping, planImport } from '../../../src/transfer/importer';
import { makeProvider, useSandbox } from '../../support/providers';

describe('export and import, field by field', () => {
  const sandbox = useSandbox();
  beforeEach(() => sandbox.get().reset());

  it('every exported column holds the value the service has, in CSV and in JSON', async () => {
    const { provider } = makeProvider(sandbox.get(), 'sender');
    const people = (await provider.listSubscribers(1, { limit: 20 })).items;
    const csv = parseCsv(WRITERS.csv.start() + WRITERS.csv.items(people, true) + WRITERS.csv.end());
    const json = JSON.parse(WRITERS.json.start() + WRITERS.json.items(people, true) + WRITERS.json.end()) as Record<string, string>[];
    assert.deepEqual(csv[0], [...EXPORT_COLUMNS]);
    for (const [i, p] of people.entries()) {
      const r = p.raw as { firstname: string; lastname: string; phone: string | null; created: string; subscriber_tags: { title: string }[]; columns: { title: string; value: string }[]; status: { email: string } };
      const expected = {
        id: p.id,
        email: p.email,
        first_name: r.firstname,
        last_name: r.lastname,
        phone: r.phone ?? '',
        status: { active: 'active', unsubscribed: 'unsubscribed', bounced: 'bounced', spam_reported: 'spamReported', 'non-subscribed': 'nonSubscribed' }[r.status.email] ?? '?',
        lists: r.subscriber_tags.map((t) => t.title).join('; '),
        custom_fields: JSON.stringify(Object.fromEntries(r.columns.map((c) => [c.title, c.value]))),
        created: r.created,
      };
      // A value a spreadsheet would run as a formula (a phone's leading +) carries an apostrophe in CSV, taken off on import.
      assert.deepEqual(Object.fromEntries(EXPORT_COLUMNS.map((c, k) => [c, unformula(csv[i + 1][k])])), expected, `CSV row ${i + 1}`);
      assert.deepEqual(json[i], expected, `JSON item ${i + 1}`);
      assert.ok(expected.first_name && expected.last_name && expected.created, 'the sandbox has values to compare');
    }
    assert.ok(people.some((p) => p.phone), 'no phone to compare');
  });

  it('an export imported into an empty account gives every person back: names, phone and groups', async () => {
    const sb = sandbox.get();
    const { provider } = makeProvider(sb, 'sender');
    const people = (await provider.listSubscribers(1, { limit: 30 })).items.filter((p) => p.phone || p.tags.length).slice(0, 8);
    assert.ok(people.length >= 4);
    const rows = parseCsv(WRITERS.csv.start() + WRITERS.csv.items(people, true));
    await provider.deleteSubscribers(people);
    const groups = (await provider.listLists('group', 1)).items;
    const mapping = guessMapping(rows[0]);
    assert.ok(mapping, 'the export header is not read back as a mapping');
    const plan = planImport(rows.slice(1), mapping, () => false, new Map(groups.map((g) => [g.name.toLowerCase(), g.id])));
    assert.deepEqual([plan.invalid, plan.duplicates, plan.writes.length], [[], [], people.length]);
    for (const w of plan.writes) await provider.addSubscriber(w.input);
    for (const before of people) {
      const after: Subscriber = await provider.getSubscriber(before.email);
      assert.deepEqual(
        [after.firstName, after.lastName, after.phone, [...after.tags].sort()],
        [before.firstName, before.lastName, before.phone, [...before.tags].sort()],
        before.email,
      );
    }
  });
});
