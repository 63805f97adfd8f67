import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { TokenStore } from '../../../src/connections/tokenStore';

/**
 * SecretStorage as VS Code's behaves for these tests: a read answers the value stored when it was asked (VS Code
 * answers reads and writes in the order they were sent), held back while `hold` is set; every write fires a change.
 */
class Secrets {
  readonly values = new Map<string, string>();
  hold = false;
  private readonly held: (() => void)[] = [];
  private readonly listeners: ((e: { key: string }) => void)[] = [];
  get(key: string): Promise<string | undefined> {
    const value = this.values.get(key);
    return new Promise((r) => (this.hold ? this.held.push(() => r(value)) : r(value)));
  }
  store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.changed(key);
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    this.values.delete(key);
    this.changed(key);
    return Promise.resolve();
  }
  onDidChange(listener: (e: { key: string }) => void) {
    this.listeners.push(listener);
    return { dispose: () => undefined };
  }
  changed(key: string): void {
    for (const l of this.listeners) l({ key });
  }
  /** Answers the reads held back, oldest first, and lets their continuations run. */
  async release(): Promise<void> {
    this.hold = false;
    for (const answer of this.held.splice(0)) answer();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  }
}

const bound = (token: string) => ({ token, origin: 'https://api.sender.net', tokenInQuery: false });

describe('tokens in SecretStorage', () => {
  const make = () => {
    const secrets = new Secrets();
    const store = new TokenStore(secrets as unknown as vscode.SecretStorage);
    const fired: string[] = [];
    store.onDidChange((id) => fired.push(id));
    return { secrets, store, fired };
  };

  it('a token cleared while the read of its save was under way stays cleared', async () => {
    const { secrets, store, fired } = make();
    secrets.hold = true;
    await store.set('c1', bound('secret-1')); // its change event reads SecretStorage: held back
    await store.delete('c1');
    await secrets.release(); // the read answers the token saved, after the delete
    assert.equal(await store.load('c1'), undefined);
    assert.equal(secrets.values.size, 0);
    assert.deepEqual(fired, ['c1', 'c1'], 'the save and the clear, and no token brought back');
  });

  it('a first read that a save overtook answers the token saved', async () => {
    const { secrets, store } = make();
    secrets.hold = true;
    const loading = store.load('c1'); // reads SecretStorage: nothing there yet
    await store.set('c1', bound('secret-1'));
    await secrets.release();
    assert.deepEqual(await loading, bound('secret-1'));
    assert.deepEqual(await store.load('c1'), bound('secret-1'));
  });

  it('follows a token changed in another window, and says so once', async () => {
    const { secrets, store, fired } = make();
    await store.set('c1', bound('secret-1'));
    secrets.values.set('newsletter.token.c1', JSON.stringify(bound('secret-2')));
    secrets.changed('newsletter.token.c1');
    await secrets.release();
    assert.deepEqual(await store.load('c1'), bound('secret-2'));
    assert.deepEqual(fired, ['c1', 'c1']);
    secrets.changed('newsletter.token.other-extension-key');
    secrets.changed('newsletter.token.c1'); // the same value again: nothing to say
    await secrets.release();
    assert.deepEqual(fired, ['c1', 'c1']);
  });

  it("binds a token an earlier version saved bare to the profile's destination, and stores it so", async () => {
    const { secrets, store } = make();
    secrets.values.set('newsletter.token.c1', 'bare-secret');
    assert.deepEqual(await store.load('c1', { origin: 'https://api.sender.net', tokenInQuery: false }), bound('bare-secret'));
    assert.deepEqual(JSON.parse(secrets.values.get('newsletter.token.c1')!), bound('bare-secret'));
    assert.equal(await new TokenStore(new Secrets() as unknown as vscode.SecretStorage).load('c2'), undefined);
  });
});

describe('tokens in SecretStorage: what is read, and what is not', () => {
  const stored = (raw: string) => {
    const secrets = new Secrets();
    secrets.values.set('newsletter.token.c1', raw);
    let gets = 0;
    let stores = 0;
    const get = secrets.get.bind(secrets);
    const store = secrets.store.bind(secrets);
    secrets.get = (k) => (gets++, get(k));
    secrets.store = (k, v) => (stores++, store(k, v));
    return { secrets, tokens: new TokenStore(secrets as unknown as vscode.SecretStorage), counts: () => ({ gets, stores }) };
  };
  const legacy = { origin: 'https://api.sender.net', tokenInQuery: false };

  it('reads a token once, then from memory; a token saved as JSON is read as it is, with or without a legacy binding', async () => {
    const { tokens, counts } = stored(JSON.stringify(bound('secret-1')));
    assert.deepEqual(await tokens.load('c1', { origin: 'https://elsewhere.example', tokenInQuery: true }), bound('secret-1'));
    assert.deepEqual(await tokens.load('c1'), bound('secret-1'));
    assert.deepEqual(counts(), { gets: 1, stores: 0 });
    const plain = stored(JSON.stringify(bound('secret-2')));
    assert.deepEqual(await plain.tokens.load('c1'), bound('secret-2'));
  });

  it('is bound to nowhere, and so not used, when what is stored is not a whole binding', async () => {
    for (const raw of ['{broken', '{"token":"x"}', '{"origin":"https://api.sender.net"}', '{"token":1,"origin":"https://api.sender.net"}']) {
      const { tokens, secrets } = stored(raw);
      assert.equal(await tokens.load('c1', legacy), undefined, raw);
      assert.equal(secrets.values.get('newsletter.token.c1'), raw, `${raw}: rewritten`);
    }
  });

  it("hears no other key's change, and nothing once disposed or unsubscribed", async () => {
    const secrets = new Secrets();
    const tokens = new TokenStore(secrets as unknown as vscode.SecretStorage);
    const heard: string[] = [];
    const listening = tokens.onDidChange((id) => heard.push(id));
    secrets.values.set('another.extension.secret.key', JSON.stringify(bound('theirs')));
    secrets.changed('another.extension.secret.key');
    await secrets.release();
    assert.deepEqual(heard, []);
    listening.dispose();
    await tokens.set('c1', bound('secret-1'));
    assert.deepEqual(heard, [], 'an unsubscribed listener was told');
    const again: string[] = [];
    tokens.onDidChange((id) => again.push(id));
    tokens.dispose();
    await tokens.set('c2', bound('secret-2'));
    secrets.values.set('newsletter.token.c1', JSON.stringify(bound('secret-3')));
    secrets.changed('newsletter.token.c1');
    await secrets.release();
    assert.deepEqual(again, [], 'a disposed store still told');
  });
});
