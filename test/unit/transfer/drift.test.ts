import * as assert from 'node:assert/strict';
import { listNames, membershipDrift, readMembership } from '../../../src/transfer/drift';

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

  it('the same lists in another order are no change; a group that appears or disappears is said once, not as a count', () => {
    const b = { names: names(['1', 'A'], ['2', 'B']), members: members({ 1: ['x'], 2: ['x'] }) };
    const written = new Map<string, string[]>([['x', ['B', 'A']]]);
    assert.equal(membershipDrift(b, b, written), undefined);
    const before = { names: names(['g1', 'Leads']), counts: new Map<string, number | undefined>([['g1', 10]]) };
    const after = { names: names(['g1', 'Leads'], ['g2', 'New']), counts: new Map<string, number | undefined>([['g1', undefined], ['g2', 3]]) };
    assert.deepEqual(membershipDrift(before, after, new Map([['x', ['Leads']]])), { rows: 0, changes: ['"New" created'] });
  });

  it('where members are only counted, a row is touched by a renamed or a deleted group it carries, not by one that stayed', () => {
    const before = { names: names(['g1', 'Leads'], ['g2', 'Old'], ['g3', 'Kept']) };
    const after = { names: names(['g1', 'Hot leads'], ['g3', 'Kept']) };
    const rows = new Map<string, string[]>([['a', ['Leads']], ['b', ['Old']], ['c', ['Kept']], ['d', []]]);
    assert.deepEqual(membershipDrift(before, after, rows), { rows: 2, changes: ['"Leads" renamed "Hot leads"', '"Old" deleted'] });
  });
});

describe('reading the lists and who is in each', () => {
  const list = (id: string, name: string, count?: number) => ({ id, kind: 'tag' as const, name, count, raw: {} });
  const reader = (pages: Record<string, string[][]>) => ({
    listLists: async (_k: unknown, page: number) => ({ items: [[list('1', 'A', 3), list('2', 'B')], [list('3', 'C', 1)]][page - 1], page, hasMore: page < 2 }),
    listMembers: async (l: { id: string }, page: number) => ({ items: (pages[l.id][page - 1] ?? []).map((id) => ({ id })), page, hasMore: page < pages[l.id].length }),
  });

  it('reads every page of lists and of each list\'s members, saying which list it reads', async () => {
    const said: string[] = [];
    const m = await readMembership(reader({ 1: [['a'], ['b']], 2: [[]], 3: [['c', 'a']] }) as never, 'tag', true, new AbortController().signal, (n, of) => said.push(`${n}/${of}`));
    assert.deepEqual([...m.names], [['1', 'A'], ['2', 'B'], ['3', 'C']]);
    assert.deepEqual([...m.members!].map(([k, v]) => [k, [...v]]), [['1', ['a', 'b']], ['2', []], ['3', ['c', 'a']]]);
    assert.deepEqual(said, ['1/3', '2/3', '3/3']);
    assert.deepEqual(listNames(m), new Map([['a', ['A', 'C']], ['b', ['A']], ['c', ['C']]]));
  });

  it('without members: the lists and their counts, no member read', async () => {
    const m = await readMembership(reader({}) as never, 'tag', false, new AbortController().signal);
    assert.equal(m.members, undefined);
    assert.deepEqual([...m.counts!], [['1', 3], ['2', undefined], ['3', 1]]);
    assert.equal(listNames(m), undefined);
  });
});
