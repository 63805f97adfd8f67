import * as assert from 'node:assert/strict';
import type { Campaign } from '../../../src/api';
import { absoluteTime, campaignDate, campaignFigures, pct, relativeTime } from '../../../src/views/format';

const campaign = (c: Partial<Campaign>): Campaign => ({ id: '1', title: 't', status: 'sent', audience: [], raw: {}, ...c });

describe('formatting', () => {
  it('rates are out of delivered and never above 100 %', () => {
    assert.equal(pct(150, 100), '100%');
    assert.deepEqual(campaignFigures(campaign({ sent: 1000, bounces: 200, opens: 400, clicks: 80 })), {
      delivered: 800,
      openRate: '50%',
      clickRate: '10%',
      bounceRate: '20%',
    });
    assert.equal(campaignFigures(campaign({ sent: 10, opens: 30 })).openRate, '100%');
    assert.deepEqual(campaignFigures(campaign({ sent: 0, opens: 0 })), {}, 'no rate of nothing');
  });
  it('dates: relative in the description, absolute in the user\'s locale (UTC when the API gave no zone)', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    assert.equal(relativeTime(new Date('2026-11-20T12:00:00Z'), now, 'en'), '3 days ago');
    assert.equal(relativeTime(new Date('2026-11-23T14:00:00Z'), now, 'en'), 'in 2 hours');
    assert.equal(relativeTime(new Date(now), now, 'en'), 'this minute');
    assert.equal(absoluteTime('2026-03-18 13:02:00', 'en-GB'), '18 Mar 2026, 13:02 UTC');
    assert.equal(absoluteTime('not a date', 'en'), undefined);
  });
  it('the date that matters follows the status', () => {
    const c = { createdAt: '2026-01-01 00:00:00', scheduledAt: '2026-02-01 00:00:00', sentAt: '2026-03-01 00:00:00' };
    assert.equal(campaignDate(campaign({ ...c, status: 'draft' }))?.kind, 'created');
    assert.equal(campaignDate(campaign({ ...c, status: 'scheduled' }))?.kind, 'scheduled');
    assert.equal(campaignDate(campaign({ ...c, status: 'sent' }))?.kind, 'sent');
    assert.equal(campaignDate(campaign({ status: 'sent' })), undefined);
  });
});
