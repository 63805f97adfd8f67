import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { NewsletterApi } from '../../src/extension';

export interface SandboxInfo {
  origin: string;
  sender: { baseUrl: string; token: string; expiredToken: string };
  sendportal: { baseUrl: string; token: string; expiredToken: string };
}

export const sandbox: SandboxInfo = JSON.parse(process.env.NEWSLETTER_SANDBOX ?? 'null');
assert.ok(sandbox, 'NEWSLETTER_SANDBOX is not set: run through npm run test:integration');

/** Steers the sandbox server (faults, tokens, rate limits) over its control endpoints. */
export async function control<T = unknown>(path: string, body?: unknown, method = 'POST'): Promise<T> {
  const res = await fetch(`${sandbox.origin}/__sandbox/${path}`, {
    method: body === undefined && method === 'POST' ? 'POST' : method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.equal(res.status, 200, `control ${path} failed`);
  return (await res.json()) as T;
}

/** The status bar's own checks, on their own timer: Sender's `GET /subscribers?limit=1`, SendPortal's `GET /tags?per_page=1` and `/ping`. */
const STATUS_CHECK = /\/v2\/subscribers\?limit=1(&|$)|\/api\/v1\/tags\?per_page=1(&|$)|\/api\/v1\/ping(\?|$)/;

/**
 * A mark in the sandbox's own count of requests: what arrives later is after it. A number the sandbox keeps, never a
 * time, so the test's clock and the sandbox's can disagree (a shifted clock, another process) without moving it.
 */
export async function mark(): Promise<number> {
  return (await control<{ seq: number }>('mark', undefined, 'GET')).seq;
}

export interface Seen { method: string; url: string; at: number; seq: number }

/** The requests that reached the sandbox after `from` (a `mark()`), oldest first. */
export async function seenSince(from: number): Promise<Seen[]> {
  return (await control<Seen[]>('seen', undefined, 'GET')).filter((r) => r.seq > from);
}

/**
 * How many requests reached a provider after `from` (a `mark()`), the status bar's checks left out: what a command
 * sent, whenever the status bar's timer happened to fire.
 */
export async function requestsSince(provider: 'sender' | 'sendportal', from: number, match?: RegExp): Promise<number> {
  const prefix = provider === 'sender' ? '/v2/' : '/api/v1/';
  const seen = await seenSince(from);
  return seen.filter((r) => r.url.startsWith(prefix) && !STATUS_CHECK.test(r.url) && (!match || match.test(`${r.method} ${r.url}`))).length;
}

/** The requests a write sends and those that would reload a list: `PATCH …`, `POST …`, `DELETE …`, `GET …?page=`. */
export const WRITES = /^(POST|PUT|PATCH|DELETE) /;
export const PAGE_LOADS = /^GET [^?]*\?(.*&)?page=/;

export async function stats(): Promise<{ requests: Record<string, number>; tooMany: Record<string, number>; byPath: Record<string, number> }> {
  return control('stats', undefined, 'GET');
}

export async function api(): Promise<NewsletterApi> {
  const ext = vscode.extensions.getExtension<NewsletterApi>('newsletter-explorer.newsletter-explorer');
  assert.ok(ext, 'the extension is not installed');
  return ext.activate();
}

/**
 * Runs `work` with the extension's questions answered as a person would answer them: `true` presses a
 * confirmation's button and a choice's first (or the one named), `false` cancels. No command argument skips a
 * question: a test answers it, through the extension's ui.
 */
export async function answered<T>(work: () => Thenable<T>, answer: boolean | string = true): Promise<T> {
  const a = await api();
  const { confirm, choose } = a.ui;
  a.ui.confirm = () => Promise.resolve(answer !== false);
  a.ui.choose = (_message, _detail, buttons) => Promise.resolve(answer === false ? undefined : typeof answer === 'string' ? buttons.find((b) => b === answer) : buttons[0]);
  try {
    return await work();
  } finally {
    Object.assign(a.ui, { confirm, choose });
  }
}

/** Removes every connection (and its token), so that each suite starts as a new user. */
export async function removeAllConnections(a: NewsletterApi): Promise<void> {
  for (const c of a.connections.profiles) await answered(() => vscode.commands.executeCommand('newsletter.removeConnection', c.id));
}

/**
 * A new user's start for a suite or a test: no connections, the sandbox as seeded (no faults), no editors open, then
 * one connection to the sandbox's `provider`, with a working token unless `token` is false. Answers the extension's
 * API and the connection's id.
 */
export async function connectFresh(provider: 'sender' | 'sendportal', label: string, o: { token?: boolean } = {}): Promise<{ a: NewsletterApi; id: string }> {
  const a = await api();
  await removeAllConnections(a);
  await control('reset');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const { id } = (await vscode.commands.executeCommand('newsletter.addConnection', { provider, label, baseUrl: sandbox[provider].baseUrl })) as { id: string };
  if (o.token !== false) assert.equal(await vscode.commands.executeCommand('newsletter.setToken', sandbox[provider].token), 'saved');
  return { a, id };
}

/** Another connection beside those there, with its working token: it becomes the active one. Answers its id. */
export async function connectAlso(provider: 'sender' | 'sendportal', label: string): Promise<string> {
  const { id } = (await vscode.commands.executeCommand('newsletter.addConnection', { provider, label, baseUrl: sandbox[provider].baseUrl })) as { id: string };
  assert.equal(await vscode.commands.executeCommand('newsletter.setToken', sandbox[provider].token), 'saved');
  return id;
}

/**
 * A local time `days` calendar days from today, as the schedule box takes it ("2027-03-29 09:30") and as a Date:
 * calendar days, not 24-hour steps, so a DST change between (a 23- or 25-hour day) moves neither.
 */
export function daysAhead(days: number, time = '09:30'): { local: string; at: Date } {
  const at = new Date();
  at.setHours(12, 0, 0, 0);
  at.setDate(at.getDate() + days);
  const [h, m] = time.split(':').map(Number);
  at.setHours(h, m, 0, 0);
  const local = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')} ${time}`;
  return { local, at };
}

export async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

type Row = { type: string; item?: { id: string; email?: string; status?: string } };

/** Every row a view shows, the rows of its range groups ("1–1,000") in place of the groups. */
export async function flat<R>(tree: { getChildren(row?: R): Promise<R[]> }): Promise<R[]> {
  const out: R[] = [];
  for (const r of await tree.getChildren()) {
    if ((r as { type?: string }).type === 'range') out.push(...(await tree.getChildren(r)));
    else out.push(r);
  }
  return out;
}

/** The rows a view shows now, with their tree items, as VS Code would ask for them. */
export async function rows(provider: { getChildren(row?: never): Promise<Row[]>; getTreeItem(n: never): vscode.TreeItem }) {
  const nodes = await flat<Row>(provider as never);
  return nodes.map((n) => ({ node: n, item: provider.getTreeItem(n as never), label: String(provider.getTreeItem(n as never).label) }));
}

/** A server of the test's own on loopback (an attacker, a proxy): its origin, and a way to close it. */
export async function listenOnLoopback(handler: http.RequestListener): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
