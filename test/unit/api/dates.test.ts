import * as assert from 'node:assert/strict';
import { parseApiDate, toApiDateTime } from '../../../src/api/dates';

describe('API dates', () => {
  it('reads Sender\'s and SendPortal\'s "YYYY-MM-DD HH:MM:SS" as UTC, saying so, and ISO with its zone', () => {
    assert.deepEqual(parseApiDate('2026-03-18 13:02:00'), { date: new Date('2026-03-18T13:02:00Z'), assumedUtc: true });
    assert.deepEqual(parseApiDate('2026-03-18T13:02:00+02:00'), { date: new Date('2026-03-18T11:02:00Z'), assumedUtc: false });
    assert.deepEqual(parseApiDate('2026-03-18T13:02:00.000000Z')?.date, new Date('2026-03-18T13:02:00Z'));
  });
  it('refuses what is not a date rather than guessing', () => {
    for (const bad of [undefined, null, '', 'yesterday', '18/03/2026', '2026-13-45 99:99:99', 'x'.repeat(100)]) assert.equal(parseApiDate(bad), undefined, String(bad));
  });
  it('writes the schedule time Sender takes', () => {
    assert.equal(toApiDateTime(new Date('2026-12-01T09:30:00Z')), '2026-12-01 09:30:00');
  });
});
