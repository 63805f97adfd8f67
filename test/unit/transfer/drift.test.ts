import * as assert from 'node:assert/strict';
import { membershipDrift } from '../../../src/transfer/drift';

const names = (...pairs: [string, string][]) => new Map(pairs);
const members = (lists: Record<string, string[]>) => new Map(Object.entries(lists).map(([k, v]) => [k, new Set(v)]));

describe('an export that stays true: what changed in the lists while it ran', () => {
  const before = { names: names(['1', 'Customers'], ['2', 'Beta']), members: members({ 1: ['a', 'b'], 2: ['b', 'c'] }) };
  const written = new Map<string, string[]>([['a', ['Customers']], ['b', ['Customers', 'Beta']], ['c', ['Beta']], ['d', []]]);

  it('nothing changed: nothing to say', () => {
    assert.equal(membershipDrift(before, before, written), undefined);
  });

  it('a tag renamed and a member added: said, with the rows that show the old lists', () => {
    const after = { names: names(['1', 'Customers'], ['2', 'Beta testers']), members: members({ 1: ['a', 'b', 'd'], 2: ['b', 'c'] }) };
    assert.deepEqual(membershipDrift(before, after, written), { rows: 3, changes: ['"Beta" renamed "Beta testers"', '+1 in "Customers"'] });
  });

  it('a member removed, a tag deleted and one created', () => {
    const after = { names: names(['1', 'Customers'], ['3', 'New']), members: members({ 1: ['a'], 3: [] }) };
    assert.deepEqual(membershipDrift(before, after, written), { rows: 2, changes: ['"Beta" deleted', '"New" created', '−1 in "Customers"'] });
  });

  it('where members are only counted (Sender groups): a new count is said; a renamed group touches the rows that carry it', () => {
    const b = { names: names(['g1', 'Leads']), counts: new Map([['g1', 10]]) };
    const after = { names: names(['g1', 'Hot leads']), counts: new Map([['g1', 11]]) };
    const rows = new Map<string, string[]>([['x', ['Leads']], ['y', []]]);
    assert.deepEqual(membershipDrift(b, after, rows), { rows: 1, changes: ['"Leads" renamed "Hot leads"', '"Hot leads" 10 → 11'] });
  });
});
