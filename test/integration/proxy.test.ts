import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as vscode from 'vscode';
import type { NewsletterApi } from '../../src/extension';
import { api, control, listenOnLoopback, removeAllConnections, sandbox } from './helpers';

/**
 * A minimal forward proxy for plain-HTTP targets (absolute-form request lines), counting what passes. VS Code sends
 * localhost, 127.0.0.1 and ::1 DIRECT whatever http.proxy says (@vscode/proxy-agent's resolveProxy), so the
 * connection names 127.0.0.2 — loopback, but not one of those names — and the proxy forwards it to the sandbox.
 */
async function startProxy(): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server = await listenOnLoopback((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '/');
    if (target.hostname === '127.0.0.2') target.hostname = '127.0.0.1';
    const upstream = http.request(target, { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return { url: server.origin, seen, close: server.close };
}

describe("requests follow VS Code's proxy settings", function () {
  let a: NewsletterApi;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  const http_ = () => vscode.workspace.getConfiguration('http');

  before(async () => {
    a = await api();
    await removeAllConnections(a);
    await control('reset');
    proxy = await startProxy();
    await http_().update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
    const viaProxy = sandbox.sendportal.baseUrl.replace('127.0.0.1', '127.0.0.2');
    await vscode.commands.executeCommand('newsletter.addConnection', { provider: 'sendportal', label: 'Proxied', baseUrl: viaProxy });
  });

  after(async () => {
    await http_().update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await proxy.close();
  });

  it('sends every API request through http.proxy', async () => {
    assert.equal(await vscode.commands.executeCommand('newsletter.setToken', sandbox.sendportal.token), 'saved');
    await a.subscribers.getChildren();
    const api = proxy.seen.filter((s) => s.includes('/api/v1/'));
    assert.ok(api.some((s) => s.startsWith('GET http://127.0.0.2') && s.includes('/api/v1/tags')), `through the proxy: ${proxy.seen.join(', ')}`);
    assert.ok(api.some((s) => s.includes('/api/v1/subscribers?page=1')), `through the proxy: ${proxy.seen.join(', ')}`);
  });
});
