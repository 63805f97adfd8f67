import * as assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import type { Campaign } from '../../../src/api';
import { absoluteTime, campaignDate, campaignFigures, relativeTime } from '../../../src/views/format';

const campaign = (c: Partial<Campaign>): Campaign => ({ id: '1', title: 't', status: 'sent', audience: [], raw: {}, ...c });

describe('formatting', () => {
  it('rates are out of delivered and never above 100 %', () => {
    assert.deepEqual(campaignFigures(campaign({ sent: 1000, bounces: 200, opens: 400, clicks: 80 })), {
      delivered: 800,
      openRate: '50%',
      clickRate: '10%',
      bounceRate: '20%',
    });
    assert.equal(campaignFigures(campaign({ sent: 10, opens: 30 })).openRate, '100%');
    assert.deepEqual(campaignFigures(campaign({ sent: 0, opens: 0 })), {}, 'no rate of nothing');
    assert.equal(campaignFigures(campaign({ sent: 100, bounces: 100, opens: 5 })).openRate, undefined, 'nothing delivered: no open rate');
  });
  it('dates: relative in the description, absolute in the user\'s locale (UTC when the API gave no zone)', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    assert.equal(relativeTime(new Date('2026-11-20T12:00:00Z'), now, 'en', 'UTC'), '3 days ago');
    assert.equal(relativeTime(new Date('2026-11-23T14:00:00Z'), now, 'en', 'UTC'), 'in 2 hours');
    assert.equal(relativeTime(new Date(now), now, 'en', 'UTC'), 'this minute');
    assert.equal(absoluteTime('2026-03-18 13:02:00', 'en-GB'), '18 Mar 2026, 13:02 UTC');
    assert.equal(absoluteTime('not a date', 'en'), undefined);
  });
  it('counts calendar days in the user\'s zone at any hour, across a DST change', () => {
    const berlin = (iso: string, at: number) => relativeTime(new Date(iso), at, 'en', 'Europe/Berlin');
    // Saturday 24 Oct 2026, 23:30 in Berlin (summer time ends that night at 03:00).
    const lateSaturday = Date.parse('2026-10-24T21:30:00Z');
    assert.equal(berlin('2026-10-26T08:30:00Z', lateSaturday), 'in 2 days', 'Monday 09:30 is two days on, not "tomorrow"');
    assert.equal(berlin('2026-10-25T13:00:00Z', lateSaturday), 'tomorrow');
    assert.equal(berlin('2026-10-25T08:30:00Z', lateSaturday), 'in 11 hours');
    assert.equal(berlin('2026-10-27T08:30:00Z', lateSaturday), 'in 3 days');
    // Sunday 00:30, just past midnight: Friday evening is two days ago, Saturday evening hours ago.
    const pastMidnight = Date.parse('2026-10-24T22:30:00Z');
    assert.equal(berlin('2026-10-23T18:00:00Z', pastMidnight), '2 days ago');
    assert.equal(berlin('2026-10-24T18:00:00Z', pastMidnight), '4 hours ago');
    // A week on, across the change (168 h + 1 h).
    assert.equal(berlin('2026-10-31T11:00:00Z', Date.parse('2026-10-24T10:00:00Z')), 'next week');
    // The same instants read in another zone give other calendar days.
    assert.equal(relativeTime(new Date('2026-10-26T08:30:00Z'), lateSaturday, 'en', 'America/New_York'), 'in 2 days');
    assert.equal(relativeTime(new Date('2026-10-25T13:00:00Z'), Date.parse('2026-10-25T03:30:00Z'), 'en', 'Asia/Tokyo'), 'in 9 hours');
  });
  it('the date that matters follows the status', () => {
    const c = { createdAt: '2026-01-01 00:00:00', scheduledAt: '2026-02-01 00:00:00', sentAt: '2026-03-01 00:00:00' };
    assert.equal(campaignDate(campaign({ ...c, status: 'draft' }))?.kind, 'created');
    assert.equal(campaignDate(campaign({ ...c, status: 'scheduled' }))?.kind, 'scheduled');
    assert.equal(campaignDate(campaign({ ...c, status: 'sent' }))?.kind, 'sent');
    assert.equal(campaignDate(campaign({ status: 'sent' })), undefined);
  });
  it('relative time steps from minutes to hours at one hour, to days past 12 hours, then weeks, months and years', () => {
    const now = Date.parse('2026-06-15T10:00:00Z');
    const at = (ms: number) => relativeTime(new Date(now + ms), now, 'en', 'UTC');
    const [min, hour, day] = [60_000, 3_600_000, 86_400_000];
    assert.deepEqual([at(59_999), at(min), at(-min), at(90 * min)], ['this minute', 'in 1 minute', '1 minute ago', 'in 1 hour']);
    assert.deepEqual([at(hour - 1), at(hour), at(-11 * hour - 59 * min)], ['in 59 minutes', 'in 1 hour', '11 hours ago']);
    assert.deepEqual([at(11 * hour + 59 * min), at(-12 * hour)], ['in 11 hours', 'yesterday'], 'past 12 hours, the calendar day counts');
    assert.deepEqual([at(6 * day), at(7 * day), at(-29 * day), at(30 * day)], ['in 6 days', 'next week', '4 weeks ago', 'next month']);
    assert.deepEqual([at(364 * day), at(-365 * day), at(800 * day)], ['in 12 months', 'last year', 'in 2 years']);
  });
  it('the date of a queued or sending campaign, and none for a status without one', () => {
    const c = { createdAt: '2026-01-01 00:00:00', scheduledAt: '2026-02-01 00:00:00', sentAt: '2026-03-01 00:00:00' };
    assert.deepEqual(campaignDate(campaign({ ...c, status: 'queued' })), { kind: 'scheduled', raw: c.scheduledAt });
    assert.deepEqual(campaignDate(campaign({ ...c, status: 'sending' })), { kind: 'sent', raw: c.sentAt });
    assert.equal(campaignDate(campaign({ ...c, status: 'cancelled' })), undefined);
    assert.equal(campaignDate(campaign({ status: 'draft' })), undefined);
    assert.equal(campaignDate(campaign({ status: 'queued' })), undefined);
  });
  it('a time zone asked for the first time counts its own calendar days (zones are read in any letter case)', () => {
    // A spelling of Europe/Berlin this process has not seen: formatters are kept per zone as it was written.
    const zone = [...'Europe/Berlin'].map((c, i) => (randomInt(2) || i === 0 ? c.toLowerCase() : c.toUpperCase())).join('');
    const lateSaturday = Date.parse('2026-10-24T21:30:00Z');
    assert.equal(relativeTime(new Date('2026-10-26T08:30:00Z'), lateSaturday, 'en', zone), 'in 2 days', zone);
    assert.equal(relativeTime(new Date('2026-10-25T13:00:00Z'), lateSaturday, 'en', zone), 'tomorrow', zone);
  });
});
