import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { NewsletterApi } from '../../src/extension';
import { connectFresh, control, flat, mark, requestsSince, sandbox, waitFor } from './helpers';

type Row = { type: string; item?: { id: string; email?: string } };
const emails = async (a: NewsletterApi) => (await flat<Row>(a.subscribers as never)).map((r) => r.item?.email).filter(Boolean);

/** A change knows its connection: a write that ends after the person switched lands in its own connection's views. */
describe('a write that ends after a switch of connection', function () {
  this.timeout(60_000);
  let a: NewsletterApi;
  let sp: string;
  let sender: string;

  beforeEach(async () => {
    ({ a, id: sp } = await connectFresh('sendportal', 'Switch SP'));
    ({ id: sender } = (await vscode.commands.executeCommand('newsletter.addConnection', { provider: 'sender', label: 'Switch Sender', baseUrl: sandbox.sender.baseUrl })) as { id: string });
    assert.equal(await vscode.commands.executeCommand('newsletter.setToken', sandbox.sender.token), 'saved');
  });
  after(() => control('reset'));

  it('a SendPortal Add Subscriber answered after the switch to Sender shows in SendPortal, never in the Sender view', async () => {
    await a.connections.setActive(sp);
    await waitFor('the SendPortal rows', async () => (await emails(a)).length > 0);
    await a.connections.setActive(sender);
    await waitFor('the Sender rows', async () => (await emails(a)).length > 0);
    await a.connections.setActive(sp);
    await control('faults', { faults: [{ kind: 'latency', ms: 3000, provider: 'sendportal', method: 'POST', pattern: '^/subscribers$' }] });
    const since = await mark();
    const email = `switch.${since}@example.com`;
    try {
      const adding = vscode.commands.executeCommand('newsletter.addSubscriber', { email, firstName: 'Switch' });
      // The barrier: the write reached the server; the person switches while it is on its way.
      await waitFor('the add to reach SendPortal', async () => (await requestsSince('sendportal', since, /^POST \/api\/v1\/subscribers$/)) === 1);
      await a.connections.setActive(sender);
      await adding;
    } finally {
      await control('faults', undefined, 'DELETE');
    }
    assert.equal(a.connections.active?.profile.id, sender);
    assert.ok(!(await emails(a)).includes(email), 'the SendPortal subscriber appeared in the Sender view');
    await a.connections.setActive(sp);
    assert.ok((await emails(a)).includes(email), 'the SendPortal view did not get its own subscriber');
  });
});
