import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { NewsletterApi } from '../../src/extension';
import { parseCsv } from '../../src/transfer/csv';
import { api, connectFresh, control, sandbox, stats, answered } from './helpers';

/** Export and import in a real VS Code against the sandbox's Sender (2,500 subscribers, 60 requests a minute). */
describe('export and import', function () {
  this.timeout(120_000);
  let a: NewsletterApi;
  const dir = mkdtempSync(join(tmpdir(), 'newsletter-transfer-'));
  const gets = async () => (await stats()).byPath['GET sender/subscribers'] ?? 0;

  beforeEach(async () => {
    ({ a } = await connectFresh('sender', 'Transfer'));
  });
  after(() => control('reset'));

  it('exports every subscriber to CSV in pages of 1,000: three requests for 2,500', async () => {
    const file = join(dir, 'all.csv');
    const before = await gets();
    const result = (await vscode.commands.executeCommand('newsletter.exportSubscribers', undefined, { file })) as { rows: number; done: boolean; nextPage: number };
    assert.deepEqual([result.rows, result.done, result.nextPage - 1], [2500, true, 3], 'more than three pages read');
    // The status bar may check the API once meanwhile (its check is GET /subscribers?limit=1).
    assert.ok((await gets()) - before <= 4, 'more requests than pages');
    const rows = parseCsv(readFileSync(file, 'utf8'));
    assert.deepEqual(rows[0], ['id', 'email', 'first_name', 'last_name', 'phone', 'status', 'lists', 'custom_fields', 'created']);
    assert.equal(rows.length, 2501);
    assert.equal(new Set(rows.slice(1).map((r) => r[0])).size, 2500);
  });

  it('a token refused half-way stops cleanly with a valid file; running it again continues where it stopped', async () => {
    const file = join(dir, 'all.json');
    // The export's pages only (1,000 a page): neither a status-bar check (`?limit=1`) nor a page of the view (25).
    await control('faults', { faults: [{ kind: 'status', status: 401, provider: 'sender', method: 'GET', pattern: '^/subscribers$', query: 'limit=1000', after: 1 }] });
    const first = (await vscode.commands.executeCommand('newsletter.exportSubscribers', undefined, { file })) as { rows: number; done: boolean; nextPage: number };
    assert.deepEqual([first.rows, first.done, first.nextPage], [1000, false, 2]);
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).length, 1000, 'the file so far is not valid JSON');
    assert.equal(await vscode.commands.executeCommand('newsletter.setToken', sandbox.sender.token), 'saved');
    const rest = (await vscode.commands.executeCommand('newsletter.exportSubscribers', undefined, { file, resume: true })) as { rows: number; done: boolean };
    assert.deepEqual([rest.rows, rest.done], [2500, true]);
    const all = JSON.parse(readFileSync(file, 'utf8')) as { id: string }[];
    assert.equal(all.length, 2500);
    assert.equal(new Set(all.map((r) => r.id)).size, 2500, 'rows repeated after the resume');
  });

  it('exports one group from the Lists view', async () => {
    const groups = (await a.lists.getChildren()).find((r) => r.type === 'kind')!;
    const beta = (await a.lists.getChildren(groups)).find((r) => r.type === 'list' && r.list.name === 'Beta testers')!;
    const file = join(dir, 'beta.csv');
    const result = (await vscode.commands.executeCommand('newsletter.exportSubscribers', beta, { file })) as { rows: number };
    assert.equal(result.rows, 250);
    assert.ok(parseCsv(readFileSync(file, 'utf8')).slice(1).every((r) => r[6].includes('Beta testers')));
  });

  it('imports a 50-row CSV with 3 bad rows: the bad ones never sent, the rest added or updated, a report of the rest', async () => {
    const existing = 'ada.lovelace.1@example.com';
    const lines = ['Email;First name;Last name;Groups'];
    for (let i = 0; i < 47; i++) lines.push(`new.${i}@import.test;New;Person ${i};${i % 2 ? 'Customers' : ''}`);
    lines.push('not-an-address;Bad;Row;', `new.3@import.test;Repeat;Row;`, `${existing};Ada;Updated;`);
    const file = join(dir, 'people.csv');
    writeFileSync(file, `\ufeff${lines.join('\r\n')}\r\n`);
    const posts = async () => (await stats()).byPath['POST sender/subscribers'] ?? 0;
    await a.subscribers.getChildren();
    await vscode.commands.executeCommand('newsletter.loadMore', (await a.subscribers.getChildren()).at(-1));
    const loaded = a.subscribers.list.state.items.length;
    const before = await posts();
    const out = (await answered(() => vscode.commands.executeCommand('newsletter.importSubscribers', { file, guessedColumns: true }))) as {
      added: number; updated: number; failed: unknown[]; invalid: number; duplicates: number; report: string;
    };
    assert.deepEqual([out.added, out.updated, out.failed.length, out.invalid, out.duplicates], [47, 1, 0, 1, 1]);
    assert.equal((await posts()) - before, 47, 'a bad row was sent, a good one twice, or an existing address created with POST');
    // An address Sender has already is updated with the documented PATCH (what POST does to it has no source).
    assert.equal((await stats()).byPath['PATCH sender/subscribers/ada.lovelace.1%40example.com'], 1);
    const state = a.subscribers.list.state;
    assert.equal(state.items.length, loaded + 47, 'the view reloaded instead of adding the new rows in place');
    assert.equal(state.items[0].email, 'new.0@import.test');
    const report = parseCsv(readFileSync(out.report, 'utf8'));
    assert.deepEqual(report.slice(1).map((r) => r[0]), ['49', '50']);
    // Each update is a PATCH, a group join where asked, and a read: more than this window's 60 requests.
    await control('ratelimit', { provider: 'sender', limit: 600, windowMs: 60_000 });
    const again = (await answered(() => vscode.commands.executeCommand('newsletter.importSubscribers', { file, guessedColumns: true }))) as { added: number; updated: number };
    assert.deepEqual([again.added, again.updated], [0, 48], 'a second run updates what the first added');
  });
});

/** Files the extension writes are its own: never through a link, never continued once changed, never replaced unasked. */
describe('files an export or import writes', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'newsletter-files-'));
  const stopHalfWay = () => control('faults', { faults: [{ kind: 'status', status: 401, provider: 'sender', method: 'GET', pattern: '^/subscribers$', query: 'limit=1000', after: 1 }] });
  const exportTo = (file: string, resume = false) =>
    vscode.commands.executeCommand('newsletter.exportSubscribers', undefined, { file, resume }) as Thenable<{ rows: number; done: boolean; file: string } | undefined>;

  beforeEach(async () => {
    await connectFresh('sender', 'Files');
  });
  after(() => control('reset'));

  it('a stopped export whose file was replaced meanwhile is not continued into it: a new export starts', async () => {
    const file = join(dir, 'replaced.json');
    await stopHalfWay();
    assert.equal((await exportTo(file))?.done, false);
    assert.equal(await vscode.commands.executeCommand('newsletter.setToken', sandbox.sender.token), 'saved');
    writeFileSync(file, '{"someone":"else"}\n');
    const fresh = join(dir, 'fresh.json');
    const result = await exportTo(fresh, true);
    assert.deepEqual([result?.rows, result?.done, result?.file], [2500, true, fresh]);
    assert.equal(readFileSync(file, 'utf8'), '{"someone":"else"}\n', 'rows were appended to a file that is no longer ours');
  });

  it('a link planted where a stopped export was is not followed: its target is left as it was', async () => {
    const file = join(dir, 'planted.csv');
    await stopHalfWay();
    assert.equal((await exportTo(file))?.done, false);
    assert.equal(await vscode.commands.executeCommand('newsletter.setToken', sandbox.sender.token), 'saved');
    const target = join(dir, 'target.txt');
    writeFileSync(target, 'precious\n');
    rmSync(file);
    symlinkSync(target, file);
    const result = await exportTo(join(dir, 'planted-2.csv'), true);
    assert.equal(result?.done, true);
    assert.equal(readFileSync(target, 'utf8'), 'precious\n');
  });

  it('an export path that is a link is refused, and nothing is written through it', async () => {
    const target = join(dir, 'target2.txt');
    writeFileSync(target, 'precious\n');
    const link = join(dir, 'link.csv');
    symlinkSync(target, link);
    assert.equal(await exportTo(link), undefined);
    assert.equal(readFileSync(target, 'utf8'), 'precious\n');
  });

  it('never writes the saved token into an exported value, even when the server echoes it into a field', async () => {
    const a = await api();
    const first = ((await a.subscribers.getChildren()).find((r) => r.type === 'item') as { item: unknown }).item;
    await vscode.commands.executeCommand('newsletter.editSubscriber', { type: 'item', item: first }, { firstName: `x ${sandbox.sender.token} y` });
    const file = join(dir, 'token.csv');
    assert.equal((await exportTo(file))?.done, true);
    const text = readFileSync(file, 'utf8');
    assert.ok(!text.includes(sandbox.sender.token), 'the token was exported');
    assert.ok(text.includes('x ••• y'));
  });

  it("an import's report never replaces a file already there: it takes a free name beside it", async () => {
    const file = join(dir, 'people.csv');
    writeFileSync(file, 'email\nnot-an-address\nok.person@import.test\n');
    writeFileSync(join(dir, 'people.report.csv'), 'mine\n');
    const out = (await answered(() => vscode.commands.executeCommand('newsletter.importSubscribers', { file, guessedColumns: true }))) as { report: string };
    assert.equal(out.report, join(dir, 'people.report-2.csv'));
    assert.equal(readFileSync(join(dir, 'people.report.csv'), 'utf8'), 'mine\n');
    assert.match(readFileSync(out.report, 'utf8'), /not-an-address/);
  });
});
