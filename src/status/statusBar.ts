import * as vscode from 'vscode';
import { type RateLimitSnapshot, safeText } from '../api';
import type { TokenState } from '../connections/session';

/** Everything the status bar shows; the item renders this and nothing else. */
export interface StatusView {
  connection?: { label: string; service: string };
  tokenState: TokenState;
  reachable?: boolean;
  failure?: string;
  rateLimit: RateLimitSnapshot;
  /** Epoch ms when requests may go again, while the rate limit is used up. */
  resumesAt?: number;
  lastResponseAt?: number;
  checkedAt?: number;
  latencyMs?: number;
}

/** The one status bar item: renders a StatusView, with a countdown while the rate limit is used up. */
export class StatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('newsletter.status', vscode.StatusBarAlignment.Left, 50);
  private countdown?: ReturnType<typeof setTimeout>;

  constructor() {
    this.item.name = vscode.l10n.t('Newsletter API status');
    this.item.command = 'newsletter.statusMenu';
  }

  show(): void {
    this.item.show();
  }

  render(v: StatusView): void {
    clearTimeout(this.countdown);
    const item = this.item;
    item.backgroundColor = undefined;
    const conn = v.connection;
    if (!conn) {
      item.text = `$(mail) ${vscode.l10n.t('Newsletter')}`;
      item.tooltip = vscode.l10n.t('No connection. Click to add a Sender or SendPortal connection.');
      return;
    }
    const label = safeText(conn.label, [], 60);
    const rl = v.rateLimit;
    const budget = rl.remaining !== undefined && rl.limit !== undefined ? `${rl.remaining}/${rl.limit}` : undefined;
    const warn = new vscode.ThemeColor('statusBarItem.warningBackground');
    const error = new vscode.ThemeColor('statusBarItem.errorBackground');
    let summary: string;
    if (v.tokenState === 'missing' || v.tokenState === 'moved') {
      item.text = `$(key) ${label} · ${vscode.l10n.t('no token')}`;
      item.backgroundColor = warn;
      summary =
        v.tokenState === 'moved'
          ? vscode.l10n.t('The token was saved for another server: run Set API Token.')
          : vscode.l10n.t('No API token: run Set API Token.');
    } else if (v.tokenState === 'invalid') {
      item.text = `$(error) ${label} · ${vscode.l10n.t('unauthorized')}`;
      item.backgroundColor = error;
      summary = vscode.l10n.t('The API refused the token (401): set a new one.');
    } else if (v.reachable === false) {
      item.text = `$(debug-disconnect) ${label} · ${vscode.l10n.t('unreachable')}`;
      item.backgroundColor = error;
      summary = v.failure ?? vscode.l10n.t('The API could not be reached.');
    } else if (v.resumesAt !== undefined && v.resumesAt > Date.now()) {
      const secs = Math.max(0, Math.ceil((v.resumesAt - Date.now()) / 1000));
      item.text = `$(watch) ${label} · ${budget ?? '0'} · ${vscode.l10n.t('resets in {0}s', secs)}`;
      item.backgroundColor = warn;
      summary = vscode.l10n.t('Rate limit used up: requests wait for the reset.');
      this.countdown = setTimeout(() => this.render(v), 1000);
    } else {
      item.text = `$(pulse) ${label}${budget ? ` · ${budget}` : ''}`;
      summary = v.tokenState === 'valid' ? vscode.l10n.t('Connected.') : vscode.l10n.t('Not checked yet.');
    }
    const time = (t?: number) => (t ? new Date(t).toLocaleTimeString() : '—');
    const md = new vscode.MarkdownString();
    md.appendText(`${label} (${conn.service})\n\n${safeText(summary, [], 600)}\n\n`);
    md.appendText(`${vscode.l10n.t('Last answer')}: ${time(v.lastResponseAt)}\n`);
    md.appendText(`${vscode.l10n.t('Last check')}: ${time(v.checkedAt)}\n`);
    md.appendText(`${vscode.l10n.t('Latency')}: ${v.latencyMs !== undefined ? `${v.latencyMs} ms` : '—'}\n`);
    md.appendText(`${vscode.l10n.t('Rate limit')}: ${budget ? vscode.l10n.t('{0} left', budget) : '—'}\n`);
    md.appendText(`${vscode.l10n.t('Resets')}: ${time(rl.blockedUntil ?? rl.resetAt)}`);
    item.tooltip = md;
  }

  dispose(): void {
    clearTimeout(this.countdown);
    this.item.dispose();
  }
}
