/** What each service's answer becomes in the model, field by field, and what a draft becomes on the wire. */
import * as assert from 'node:assert/strict';
import { InvalidResponseError } from '../../../../src/api';
import * as sender from '../../../../src/api/providers/sender/mappings';
import * as sendportal from '../../../../src/api/providers/sendportal/mappings';
import { idOf, num, pageOf, single, str, toPage } from '../../../../src/api/providers/shapes';

const refused = (f: () => unknown, detail: string) =>
  assert.throws(f, (e: unknown) => e instanceof InvalidResponseError && e.detail === detail, detail);

describe('reading fields as the services send them', () => {
  it('a number from a number or a numeric string, and nothing else', () => {
    assert.deepEqual(['12', ' -3.5 ', '007', 4.25, 0].map(num), [12, -3.5, 7, 4.25, 0]);
    for (const v of [Number.NaN, Infinity, '1e3', '12px', 'x12', '1.', '1234567890123456', ' ', '', null, true, [1], { n: 1 }]) {
      assert.equal(num(v), undefined, JSON.stringify(v));
    }
  });

  it('text from a string or a finite number; an id only of letters, digits, _ and -, up to 64', () => {
    assert.deepEqual(
      [str('a'), str(''), str(7), str(Number.NaN), str(Infinity), str(null), str(true)],
      ['a', '', '7', undefined, undefined, undefined, undefined],
    );
    assert.deepEqual([idOf(42), idOf('aB_-9'), idOf('x'.repeat(64))], ['42', 'aB_-9', 'x'.repeat(64)]);
    for (const v of ['', '..', 'a/b', 'a b', 'line\n', 'x'.repeat(65), null, {}, Number.NaN])
      assert.equal(idOf(v), undefined, JSON.stringify(v));
  });

  it('a single item bare or under data; an array or a string is no item', () => {
    assert.deepEqual(single({ data: { id: 1 } }), { id: 1 });
    assert.deepEqual(single({ id: 2, data: 'x' }), { id: 2, data: 'x' });
    for (const body of [[{ id: 1 }], 'x', null]) refused(() => single(body), 'the item is not an object');
    assert.deepEqual(single({ data: [1] }), { data: [1] }, 'an array under data: the body itself');
  });

  it('a page: far more items than asked for, or a body that is no list, is refused', () => {
    const many = (n: number) => ({ data: Array.from({ length: n }, (_, i) => ({ id: i })) });
    assert.equal(toPage(many(30), 1, 25, (r) => r.id).items.length, 30, 'five over is a server rounding');
    refused(() => toPage(many(31), 1, 25, (r) => r.id), 'a page held 31 items when 25 were asked for');
    refused(() => toPage([{ id: 1 }], 1, 25, (r) => r.id), 'the list has no "data" array');
  });

  it('more pages after this one: by the last page, the flag, the total (in pages of per_page), or a full page', () => {
    const more = (meta: Record<string, unknown>, extra: Record<string, unknown> = {}, page = 2, items = 3) =>
      toPage({ data: Array.from({ length: items }, (_, i) => ({ id: i })), meta, ...extra }, page, 25, (r) => r.id).hasMore;
    assert.deepEqual(
      [more({ last_page: 3 }), more({ last_page: 2 }), more({ last_page: 2 }, { has_more_resources: true })],
      [true, false, false],
    );
    assert.deepEqual([more({}, { has_more_resources: true }), more({ total: 999 }, { has_more_resources: false })], [true, false]);
    assert.deepEqual(
      [more({ total: 51 }), more({ total: 50 }), more({ total: 7, per_page: 3 }), more({ total: 6, per_page: 3 })],
      [true, false, true, false],
    );
    assert.deepEqual(
      [more({}, {}, 1, 25), more({}, {}, 1, 24), more({ per_page: 3 }, {}, 1, 3), more({ total: -5 }, {}, 1, 24)],
      [true, false, true, false],
    );
    assert.deepEqual(
      [more({ last_page: 0 }, {}, 1, 25), more({ last_page: 1.5 }, {}, 1, 25), more({ last_page: 2e9 }, {}, 1, 24)],
      [true, true, false],
    );
    assert.equal(toPage({ data: [{ id: 1 }], meta: { total: 1e9 } }, 1, 25, (r) => r.id).total, 1e9);
    assert.equal(toPage({ data: [{ id: 1 }], meta: { total: 1e9 + 1 } }, 1, 25, (r) => r.id).total, undefined);
    assert.equal(toPage({ data: [{ id: 1 }], meta: { total: 0 } }, 1, 25, (r) => r.id).total, 0);
  });

  it('a page cut from a whole list: its items, its last page, and whether more follow', () => {
    const all = Array.from({ length: 7 }, (_, i) => i);
    assert.deepEqual(pageOf(all, 2, 3), { items: [3, 4, 5], page: 2, perPage: 3, total: 7, lastPage: 3, hasMore: true });
    assert.deepEqual(pageOf(all.slice(0, 6), 2, 3).hasMore, false);
    assert.deepEqual(pageOf([], 1, 3).lastPage, 1);
  });
});

describe('SendPortal: answers to the model, drafts to the wire', () => {
  it('a subscriber: tags by name, blank names left out, unsubscribed by its date; no id or no email is refused', () => {
    const s = sendportal.mapSubscriber({
      id: 4,
      email: 'a@x.org',
      first_name: '',
      last_name: 'Lovelace',
      unsubscribed_at: '2026-01-01 00:00:00',
      tags: [{ name: 'VIP' }, 'x', { id: 3 }, { name: '' }],
    });
    assert.deepEqual([s.id, s.firstName, s.lastName, s.status, s.tags], ['4', undefined, 'Lovelace', 'unsubscribed', ['VIP']]);
    assert.deepEqual(sendportal.mapSubscriber({ id: 5, email: 'b@x.org', tags: 'VIP' }).tags, []);
    assert.equal(sendportal.mapSubscriber({ id: 5, email: 'b@x.org' }).status, 'active');
    for (const r of [{ email: 'a@x.org' }, { id: 5 }, { id: '../5', email: 'a@x.org' }]) {
      refused(() => sendportal.mapSubscriber(r), 'a subscriber has no id (or one that is not an id) or no email');
    }
  });

  it('a tag: its name or its id, its count from its members or its count field; no id is refused', () => {
    assert.deepEqual(sendportal.mapTag({ id: 3, name: 'VIP', subscribers: [{}, {}] }), {
      id: '3',
      kind: 'tag',
      name: 'VIP',
      count: 2,
      raw: { id: 3, name: 'VIP', subscribers: [{}, {}] },
    });
    assert.deepEqual(
      [sendportal.mapTag({ id: 3, subscribers_count: '9' }).name, sendportal.mapTag({ id: 3, subscribers_count: '9' }).count],
      ['3', 9],
    );
    refused(() => sendportal.mapTag({ name: 'VIP' }), 'a tag has no id, or one that is not an id');
  });

  it('a campaign: status by its id, sender as name <address>, audience by name or id, everyone only for true or 1', () => {
    const c = sendportal.mapCampaign({
      id: 9,
      name: 'Spring',
      status_id: 4,
      sent_count: '12',
      from_name: 'Ada',
      from_email: 'ada@x.org',
      tags: [{ name: 'VIP' }, { id: 7 }, 8, {}],
      send_to_all: 1,
      content: '<p>Hi</p>',
      scheduled_at: '2026-05-01 09:00:00',
      created_at: '2026-04-01 09:00:00',
    });
    assert.deepEqual(
      [c.title, c.status, c.sent, c.from, c.audience, c.toAll, c.html, c.scheduledAt, c.createdAt],
      ['Spring', 'sent', 12, 'Ada <ada@x.org>', ['VIP', '7', '8'], true, '<p>Hi</p>', '2026-05-01 09:00:00', '2026-04-01 09:00:00'],
    );
    const bare = sendportal.mapCampaign({ id: 9, status_id: 99, segments: ['s1'], send_to_all: '1' });
    assert.deepEqual(
      [bare.title, bare.status, bare.from, bare.audience, bare.toAll, bare.scheduledAt],
      ['Campaign 9', 'unknown', undefined, ['s1'], false, undefined],
    );
    assert.equal(sendportal.mapCampaign({ id: 9, from_email: 'ada@x.org' }).from, '<ada@x.org>');
    assert.equal(sendportal.mapCampaign({ id: 9, from_name: 'Ada' }).from, 'Ada');
    assert.equal(sendportal.mapCampaign({ id: 9, send_to_all: true }).toAll, true);
    assert.deepEqual(sendportal.mapCampaign({ id: 9, tags: 'VIP' }).audience, []);
    assert.deepEqual(
      ['draft', 'queued', 'sending', 'sent', 'cancelled'],
      [1, 2, 3, 4, 5].map((s) => sendportal.mapCampaign({ id: 1, status_id: s }).status),
    );
    refused(() => sendportal.mapCampaign({ name: 'x' }), 'a campaign has no id, or one that is not an id');
  });

  it('a template: its name or one made from its id; no id is refused', () => {
    assert.deepEqual(sendportal.mapTemplate({ id: 2, content: '{{content}}', updated_at: 'u' }), {
      id: '2',
      name: 'Template 2',
      html: '{{content}}',
      updatedAt: 'u',
      raw: { id: 2, content: '{{content}}', updated_at: 'u' },
    });
    refused(() => sendportal.mapTemplate({ name: 'x' }), 'a template has no id, or one that is not an id');
  });

  it('a draft on the wire: ids as numbers, everyone as 1 with no tags, a template removed as null, nothing not given', () => {
    assert.deepEqual(
      sendportal.draftBody({
        title: 'T',
        subject: 'S',
        html: '<p>',
        fromName: 'Ada',
        fromEmail: 'a@x.org',
        templateId: '3',
        emailServiceId: '1',
        toAll: false,
        lists: ['4', '5'],
      }),
      {
        name: 'T',
        subject: 'S',
        content: '<p>',
        from_name: 'Ada',
        from_email: 'a@x.org',
        template_id: 3,
        email_service_id: 1,
        send_to_all: 0,
        tags: [4, 5],
      },
    );
    assert.deepEqual(sendportal.draftBody({ toAll: true, lists: ['4'], templateId: null }), {
      template_id: null,
      send_to_all: 1,
      tags: [],
    });
    assert.deepEqual(sendportal.draftBody({ toAll: false }), { send_to_all: 0, tags: [] });
    assert.deepEqual(sendportal.draftBody({ subject: 'Only this' }), { subject: 'Only this' }, 'an update keeps what it does not name');
  });
});

describe('Sender: answers to the model', () => {
  it('a subscriber: its status in any case and form, tags by title, phone; no id or no email is refused', () => {
    const s = sender.mapSubscriber({
      id: 'aB1',
      email: 'a@x.org',
      firstname: 'Ada',
      lastname: '',
      phone: '+1',
      status: { email: 'Unsubscribed' },
      created: 'c',
      subscriber_tags: [{ title: 'VIP' }, 'x', { id: 1 }],
    });
    assert.deepEqual(
      [s.firstName, s.lastName, s.phone, s.status, s.statusText, s.createdAt, s.tags],
      ['Ada', undefined, '+1', 'unsubscribed', undefined, 'c', ['VIP']],
    );
    assert.deepEqual(sender.mapSubscriber({ id: 1, email: 'a@x.org', subscriber_tags: 'VIP' }).tags, []);
    const odd = sender.mapSubscriber({ id: 1, email: 'a@x.org', status: 'SUSPENDED' });
    assert.deepEqual([odd.status, odd.statusText], ['unknown', 'SUSPENDED']);
    assert.deepEqual(
      [
        sender.mapSubscriber({ id: 1, email: 'a@x.org', status: 'NON-SUBSCRIBED' }).status,
        sender.mapSubscriber({ id: 1, email: 'a@x.org' }).status,
      ],
      ['nonSubscribed', 'unknown'],
    );
    for (const r of [{ email: 'a@x.org' }, { id: 1 }])
      refused(() => sender.mapSubscriber(r), 'a subscriber has no id (or one that is not an id) or no email');
  });

  it('a group or segment: title, name or id; its count; no id is refused naming the kind', () => {
    const g = sender.mapList({ id: 'g1', title: 'VIP', recipient_count: 10, active_subscribers: '8' }, 'group');
    assert.deepEqual([g.name, g.count, g.active, g.kind], ['VIP', 10, 8, 'group']);
    assert.deepEqual(
      [
        sender.mapList({ id: 's1', name: 'Openers', subscribers_count: 3 }, 'segment').name,
        sender.mapList({ id: 's1', subscribers_count: 3 }, 'segment').count,
      ],
      ['Openers', 3],
    );
    assert.equal(sender.mapList({ id: 's1' }, 'segment').name, 's1');
    refused(() => sender.mapList({ title: 'x' }, 'segment'), 'a segment has no id, or one that is not an id');
  });

  it('a campaign: status in any case, sender from name and reply-to, groups by title, name or id, the html object read', () => {
    const c = sender.mapCampaign({
      id: 'c1',
      subject: 'Hi',
      status: 'sent',
      from: 'Ada',
      reply_to: 'ada@x.org',
      campaign_groups: [{ title: 'VIP' }, { name: 'N' }, { id: 'g3' }, 'g4', {}, null],
      html: { html_content: '', html_body: '<p>b</p>' },
      schedule_time: 's',
      sent_time: 't',
      created: 'c',
      send_to_all: 1,
      recipient_count: '5',
      opens: 2,
      clicks: 1,
      bounces_count: 0,
      sent_count: 5,
    });
    assert.deepEqual(
      [
        c.title,
        c.status,
        c.from,
        c.audience,
        c.html,
        c.scheduledAt,
        c.sentAt,
        c.createdAt,
        c.toAll,
        c.recipients,
        c.opens,
        c.clicks,
        c.bounces,
        c.sent,
      ],
      ['Hi', 'sent', 'Ada <ada@x.org>', ['VIP', 'N', 'g3', 'g4'], '<p>b</p>', 's', 't', 'c', true, 5, 2, 1, 0, 5],
    );
    const bare = sender.mapCampaign({ id: 'c1', status: 'Preparing', html: '', campaign_groups: 'VIP' });
    assert.deepEqual(
      [bare.title, bare.status, bare.from, bare.audience, bare.html, bare.toAll, bare.scheduledAt, bare.sentAt],
      ['Campaign c1', 'queued', undefined, [], undefined, false, undefined, undefined],
    );
    assert.deepEqual(
      [
        sender.mapCampaign({ id: 'c', title: 'T', subject: 'S', reply_to: 'r@x.org' }).title,
        sender.mapCampaign({ id: 'c', reply_to: 'r@x.org' }).from,
      ],
      ['T', '<r@x.org>'],
    );
    assert.deepEqual(
      [
        sender.mapCampaign({ id: 'c', html: '<p>s</p>' }).html,
        sender.mapCampaign({ id: 'c', html: { html_content: '<p>c</p>' } }).html,
        sender.mapCampaign({ id: 'c', html: 5 }).html,
      ],
      ['<p>s</p>', '<p>c</p>', undefined],
    );
    assert.deepEqual(
      [true, 1, '1', 0, false].map((v) => sender.mapCampaign({ id: 'c', send_to_all: v }).toAll),
      [true, true, false, false, false],
    );
    assert.equal(sender.mapCampaign({ id: 'c', status: 5 }).status, 'unknown');
    refused(() => sender.mapCampaign({ title: 'x' }), 'a campaign has no id, or one that is not an id');
  });

  it('a report row: its email and the name it has; no email is refused', () => {
    assert.deepEqual(sender.mapReportEntry({ email: 'a@x.org', firstname: 'Ada', lastname: 'L', url: 'u' }), {
      email: 'a@x.org',
      name: 'Ada L',
      url: 'u',
      raw: { email: 'a@x.org', firstname: 'Ada', lastname: 'L', url: 'u' },
    });
    assert.deepEqual(
      [sender.mapReportEntry({ email: 'a@x.org', lastname: 'L' }).name, sender.mapReportEntry({ email: 'a@x.org' }).name],
      ['L', undefined],
    );
    refused(() => sender.mapReportEntry({ firstname: 'Ada' }), 'a report row has no email');
  });

  it("activity: each action's events newest first (undated last), titled by campaign, and the totals", () => {
    const a = sender.mapActivity({
      email: {
        opened: [{ campaign_id: 1, title: 'One', created_at: '2026-01-02 00:00:00' }, 'x'],
        clicked: [{ campaign_id: 2, created_at: '2026-01-03 00:00:00' }, {}],
        got: 'no',
      },
      email_campaign: { sent_count: 3, opened_count: '2', clicked_count: 1, unsubscribed: 0, bounced: 0, spam_reported: 0 },
    });
    assert.deepEqual(
      a.events.map((e) => [e.action, e.title, e.at]),
      [
        ['clicked', '2', '2026-01-03 00:00:00'],
        ['opened', 'One', '2026-01-02 00:00:00'],
        ['clicked', '—', undefined],
      ],
    );
    assert.deepEqual(a.totals, { got: 3, opened: 2, clicked: 1, unsubscribed: 0, bounced: 0, spamReported: 0 });
    assert.deepEqual(sender.mapActivity({}).events, []);
    refused(() => sender.mapActivity([]), 'the activity is not an object');
  });

  it('custom fields: each with an id and a tag, titled and typed; a body without data is refused', () => {
    const body = {
      data: [
        { id: 1, field_name: '{$city}', title: 'City', type: 'text' },
        { id: 2, field_name: '{$age}' },
        { id: 3 },
        { field_name: '{$x}' },
        'x',
      ],
    };
    assert.deepEqual(sender.mapFields(body), [
      { id: '1', tag: '{$city}', title: 'City', type: 'text' },
      { id: '2', tag: '{$age}', title: '{$age}', type: 'text' },
    ]);
    refused(() => sender.mapFields({ data: 'x' }), 'the fields have no "data" array');
    refused(() => sender.mapFields(null), 'the fields have no "data" array');
  });

  it('after a write: the status sent, applied beside the status fields kept; the changes applied to names, phone and fields', () => {
    const s = sender.mapSubscriber({
      id: 1,
      email: 'a@x.org',
      firstname: 'Ada',
      phone: '1',
      status: { email: 'active', sms: 'active' },
      columns: [{ id: 'f1', value: 'Paris' }, { id: 'f2', value: 'x' }, 'odd'],
    });
    const off = sender.withStatus(s, false);
    assert.deepEqual([off.status, off.raw.status], ['unsubscribed', { email: 'unsubscribed', sms: 'active' }]);
    assert.deepEqual(sender.withStatus({ ...s, raw: { ...s.raw, status: 'ACTIVE' } }, true).raw.status, { email: 'active' });
    const changed = sender.withChanges(s, { lastname: 'Lovelace' }, { fields: { f1: { value: 'Rome' } } } as never);
    assert.deepEqual(
      [changed.firstName, changed.lastName, changed.phone, changed.raw.columns],
      ['Ada', 'Lovelace', '1', [{ id: 'f1', value: 'Rome' }, { id: 'f2', value: 'x' }, 'odd']],
    );
  });
});
