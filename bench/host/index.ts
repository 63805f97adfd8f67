/**
 * Runs inside a real VS Code (through scripts/vscode-launcher) for the benchmarks that need one:
 * the cost of activation, and the requests the status bar spends idle and while browsing.
 * Writes its figures to NEWSLETTER_BENCH_OUT.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { NewsletterApi } from '../../src/extension';

const sandbox = JSON.parse(process.env.NEWSLETTER_SANDBOX!);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function healthChecks(): Promise<number> {
  const stats = (await (await fetch(`${sandbox.origin}/__sandbox/stats`)).json()) as { byPath: Record<string, number> };
  return stats.byPath['GET sendportal/tags'] ?? 0;
}

/**
 * Loads every subscriber of the sandbox into the open Subscribers view (NEWSLETTER_BENCH_PAGE per page, default 100,
 * 400 ms apart) and weighs the host's heap before and after, and in all.
 */
async function heap(api: NewsletterApi): Promise<Record<string, number>> {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const pageSize = Number(process.env.NEWSLETTER_BENCH_PAGE ?? 100);
  await vscode.workspace.getConfiguration('newsletter').update('pageSize', pageSize, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('newsletter.addConnection', { provider: 'sender', label: 'Heap', baseUrl: sandbox.sender.baseUrl });
  await vscode.commands.executeCommand('newsletter.setToken', sandbox.sender.token);
  await vscode.commands.executeCommand('newsletter.subscribers.focus');
  await api.subscribers.getChildren();
  await sleep(1000);
  gc();
  const before = process.memoryUsage().heapUsed;
  while (api.subscribers.list.state.hasMore) {
    await api.subscribers.loadMore();
    // A person's pace: each refresh reaches VS Code on its own (its tree debounces refreshes by 200 ms; 20 ms apart,
    // they merged and hid what each one costs).
    await sleep(400);
  }
  await sleep(2000);
  gc();
  const after = process.memoryUsage().heapUsed;
  const rows = api.subscribers.list.state.items.length;
  return { heapDeltaMB: ((after - before) / 1024 / 1024) * (10_000 / rows), heapAfterMB: after / 1024 / 1024, heapBeforeMB: before / 1024 / 1024, rows };
}

async function requestsSoFar(): Promise<number> {
  const stats = (await (await fetch(`${sandbox.origin}/__sandbox/stats`)).json()) as { requests: Record<string, number> };
  return Object.values(stats.requests).reduce((a, b) => a + b, 0);
}

/**
 * A person who opens a plain README: the extension host's CPU from opening it until a second and a half after
 * (with the extension: its activation by `onLanguage:markdown` included; without: the same window with none of it).
 * With the extension, then a connection saved with its token (as from an earlier day: not through a command, which
 * would count as using the extension) and 15 s more: the requests made, and whether the status item polls.
 */
async function readme(out: Record<string, number | boolean>): Promise<void> {
  const ext = vscode.extensions.getExtension<NewsletterApi>('newsletter-explorer.newsletter-explorer');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? fs.mkdtempSync(path.join(os.tmpdir(), 'readme-'));
  const file = path.join(folder, 'README.md');
  fs.writeFileSync(file, '# A project\n\nNothing to do with newsletters: a README, a list, `code`.\n\n- one\n- two\n');
  await sleep(2000); // the window settled
  out.activeBefore = !!ext?.isActive;
  const cpu = process.cpuUsage();
  await vscode.window.showTextDocument(vscode.Uri.file(file));
  for (let i = 0; ext && i < 500 && !ext.isActive; i++) await sleep(10);
  await sleep(1500);
  const used = process.cpuUsage(cpu);
  out.readmeCpuMs = (used.user + used.system) / 1000;
  out.activated = !!ext?.isActive;
  if (!ext?.isActive) return;
  const api = ext.exports;
  const saved = await api.connections.add({ provider: 'sendportal', label: 'Saved before', baseUrl: sandbox.sendportal.baseUrl });
  await api.connections.setToken(saved.id, sandbox.sendportal.token, true);
  const before = await requestsSoFar();
  await sleep(15_000);
  out.readmeRequests = (await requestsSoFar()) - before;
  out.readmePolling = api.health.polling;
}

/** Waits until `check` holds, polling every 20 ms, at most `ms`. */
async function until(check: () => boolean, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; !check(); await sleep(20)) if (Date.now() > end) throw new Error('timed out');
}

/**
 * The live preview of a 2,000-line newsletter: the bytes sent to the page when it is drawn, and after one keystroke
 * (a patch of what changed, where it used to be the whole email again).
 */
async function previewBytes(out: Record<string, number | boolean>): Promise<void> {
  const api = (await vscode.extensions.getExtension<NewsletterApi>('newsletter-explorer.newsletter-explorer')!.activate());
  const saved = await api.connections.add({ provider: 'sendportal', label: 'Bench', baseUrl: sandbox.sendportal.baseUrl });
  await api.connections.setToken(saved.id, sandbox.sendportal.token, true);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? fs.mkdtempSync(path.join(os.tmpdir(), 'preview-'));
  const body = Array.from({ length: 2000 }, (_, i) => `Line ${i} of a long issue, with **bold** and [a link](https://example.com/${i}).`);
  const file = path.join(folder, 'long.md');
  const head = ['---', 'connection: Bench', 'subject: A long issue', 'from_name: Bench', 'from_email: bench@sendportal.test', 'audience: everyone', '---'];
  fs.writeFileSync(file, [...head, ...body].join('\n\n'));
  const doc = await vscode.workspace.openTextDocument(file);
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('newsletter.previewNewsletterFile', doc.uri);
  const key = doc.uri.toString();
  await until(() => (api.cards.livePostBytes(key) ?? 0) > 0 && /Line 1999 of/.test(api.cards.liveContent(key) ?? ''));
  out.previewWholeBytes = api.cards.livePostBytes(key)!;
  out.previewHtmlBytes = api.cards.liveContent(key)!.length;
  const line = doc.getText().split('\n').findIndex((l) => l.startsWith('Line 1000 '));
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(line, 0), 'Z');
  await vscode.workspace.applyEdit(edit);
  await until(() => /ZLine 1000 of/.test(api.cards.liveContent(key) ?? '') && api.cards.livePostBytes(key)! !== out.previewWholeBytes);
  out.previewEditBytes = api.cards.livePostBytes(key)!;
}

export async function run(): Promise<void> {
  const out: Record<string, number | boolean> = {};
  if (process.env.NEWSLETTER_BENCH_MODE === 'readme' || process.env.NEWSLETTER_BENCH_MODE === 'preview') {
    await (process.env.NEWSLETTER_BENCH_MODE === 'readme' ? readme(out) : previewBytes(out));
    fs.writeFileSync(process.env.NEWSLETTER_BENCH_OUT!, JSON.stringify(out));
    return;
  }
  const ext = vscode.extensions.getExtension<NewsletterApi>('newsletter-explorer.newsletter-explorer')!;
  // Evaluating the bundle and running activate() are timed apart: the second finds the module cached.
  let started = performance.now();
  // The loader, then the modules activation imports (the rest load when used).
  await (require(path.join(ext.extensionPath, ext.packageJSON.main)) as { loaded: Promise<unknown> }).loaded;
  out.loadMs = performance.now() - started;
  started = performance.now();
  const api = await ext.activate();
  out.hostActivateMs = performance.now() - started;
  out.activateMs = api.activationMs;

  if (process.env.NEWSLETTER_BENCH_MODE === 'heap') Object.assign(out, await heap(api));
  const idleSeconds = Number(process.env.NEWSLETTER_BENCH_IDLE_S ?? 0);
  if (idleSeconds > 0) {
    const pollSeconds = 10;
    await vscode.workspace.getConfiguration('newsletter').update('statusPollInterval', pollSeconds, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('newsletter.addConnection', { provider: 'sendportal', label: 'Bench', baseUrl: sandbox.sendportal.baseUrl });
    const viewsStarted = performance.now();
    await vscode.commands.executeCommand('newsletter.setToken', sandbox.sendportal.token);
    await api.subscribers.getChildren();
    out.tokenToFirstPageMs = performance.now() - viewsStarted;
    out.windowFocused = vscode.window.state.focused;

    // Idle: nothing but the status bar talks to the API.
    await sleep(2000);
    const idleBefore = await healthChecks();
    await sleep(idleSeconds * 1000);
    out.idleSeconds = idleSeconds;
    out.idleChecks = (await healthChecks()) - idleBefore;
    out.pollSeconds = pollSeconds;

    // Browsing: a page every 3 s, as a person scrolling through subscribers.
    const browseBefore = await healthChecks();
    const browseStart = Date.now();
    let pages = 0;
    while (Date.now() - browseStart < idleSeconds * 1000) {
      const last = (await api.subscribers.getChildren()).at(-1);
      if (last?.type === 'loadMore') await vscode.commands.executeCommand('newsletter.loadMore', last);
      else await vscode.commands.executeCommand('newsletter.refreshSubscribers');
      pages++;
      await sleep(3000);
    }
    out.browsePages = pages;
    out.browseChecks = (await healthChecks()) - browseBefore;
  }
  fs.writeFileSync(process.env.NEWSLETTER_BENCH_OUT!, JSON.stringify(out));
}
