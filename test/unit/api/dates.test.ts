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
  it('reads a time without seconds, spaces around it, and up to 40 characters as sent', () => {
    assert.deepEqual(parseApiDate('2026-03-18 13:02')?.date, new Date('2026-03-18T13:02:00Z'));
    assert.deepEqual(parseApiDate('  2026-03-18 13:02:07\n')?.date, new Date('2026-03-18T13:02:07Z'));
    assert.deepEqual(parseApiDate(' '.repeat(21) + '2026-03-18 13:02:07')?.date, new Date('2026-03-18T13:02:07Z'));
    assert.equal(parseApiDate(' '.repeat(22) + '2026-03-18 13:02:07'), undefined, 'longer than 40 characters');
    assert.deepEqual(parseApiDate('0001-01-01 00:00:00')?.date.getUTCFullYear(), 1);
  });
  it('refuses a date or time that rolls over into another, and what is not text (a hostile body)', () => {
    for (const bad of ['2026-02-29 10:00:00', '2026-02-30 10:00', '2026-13-01 10:00', '2026-00-10 10:00', '2026-01-32 10:00', '2026-03-18 24:00', '2026-03-18 13:60', '2026-03-18 13:02:60']) {
      assert.equal(parseApiDate(bad), undefined, bad);
    }
    for (const bad of [5, {}, ['2026-03-18 13:02:00'], true]) assert.equal(parseApiDate(bad as unknown as string), undefined, JSON.stringify(bad));
  });
  it('ISO 8601 only with its time: a date alone or a date in words is not guessed at', () => {
    for (const bad of ['2026-03-18', 'March 18, 2026 13:02', '2026-03-18T25:00:00Z']) assert.equal(parseApiDate(bad), undefined, bad);
  });
  it('writes the schedule time Sender takes', () => {
    assert.equal(toApiDateTime(new Date('2026-12-01T09:30:00Z')), '2026-12-01 09:30:00');
  });
});
