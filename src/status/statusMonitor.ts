import * as vscode from 'vscode';
import { type NewsletterProvider, type RateLimitSnapshot, isApiError } from '../api';
import { PROVIDER_NAMES } from '../connections/connection';
import type { ConnectionManager, RequestEvent } from '../connections/connectionManager';
import { settings } from '../connections/settings';

/** What the status bar knows of the active connection, all of it learned from responses. */
interface Observed {
  reachable?: boolean;
  latencyMs?: number;
  lastResponseAt?: number;
  checkedAt?: number;
  failure?: string;
}

const MAX_BACKOFF = 8;
/** Without a reset time, a low budget seen this long ago is assumed to have been renewed. */
const STALE_AFTER_MS = 5 * 60_000;

/**
 * One status bar item for the active connection: health and rate limit, updated from every API response.
 * It checks on its own only every poll interval, and only when nothing answered lately, the window has focus,
 * and the check would not spend the last request of the window. Failing checks back off.
 */
export class StatusMonitor implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('newsletter.status', vscode.StatusBarAlignment.Left, 50);
  /** Checks this monitor sent itself (for the benchmarks). */
  checksSent = 0;
  private observed: Observed = {};
  private rateLimit: RateLimitSnapshot = {};
  private backoff = 1;
  private pollTimer?: ReturnType<typeof setTimeout>;
  private countdown?: ReturnType<typeof setTimeout>;
  private rateSub?: vscode.Disposable;
  private watched?: NewsletterProvider;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly manager: ConnectionManager) {
    this.item.name = vscode.l10n.t('Newsletter API status');
    this.item.command = 'newsletter.statusMenu';
    this.disposables.push(
      this.item,
      manager.onDidRequest((e) => this.onRequest(e)),
      manager.onDidChange(() => this.onConnectionChange()),
      manager.onDidChangeTokenState(() => this.render()),
      vscode.window.onDidChangeWindowState((s) => s.focused && this.schedule(1000)),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('newsletter.statusPollInterval') && this.schedule()),
    );
    // Shown once the token has been read, so that it never flashes "no token".
    void manager.ready.then(() => {
      this.onConnectionChange();
      this.item.show();
    });
  }

  private onConnectionChange(): void {
    this.observed = {};
    this.backoff = 1;
    this.watchRateLimit();
    this.render();
    this.schedule(3000);
  }

  private provider(): NewsletterProvider | undefined {
    try {
      return this.manager.provider();
    } catch {
      return undefined;
    }
  }

  private watchRateLimit(): void {
    const provider = this.provider();
    if (provider === this.watched) return;
    this.rateSub?.dispose();
    this.watched = provider;
    this.rateLimit = provider?.rateLimit.snapshot ?? {};
    this.rateSub = provider?.rateLimit.onDidChange((s) => {
      this.rateLimit = s;
      this.render();
    });
  }

  private onRequest(e: RequestEvent): void {
    if (e.connectionId !== this.manager.active?.id) return;
    this.watchRateLimit();
    const now = Date.now();
    if (e.status !== undefined) {
      this.observed = { ...this.observed, reachable: true, lastResponseAt: now, latencyMs: e.durationMs, failure: undefined };
      if (e.status >= 500) this.observed.failure = e.error;
    } else if (e.error) {
      this.observed = { ...this.observed, reachable: false, failure: e.error };
    }
    this.render();
  }

  /** Runs a health check now, whatever the schedule says (the "Check Now" command). */
  async checkNow(): Promise<void> {
    const provider = this.provider();
    if (!provider) return this.render();
    this.checksSent++;
    const health = await provider.checkHealth();
    this.observed.checkedAt = health.checkedAt;
    if (!health.reachable) {
      this.observed.reachable = false;
      this.observed.failure = health.error?.message;
    }
    this.backoff = health.reachable && health.authenticated !== false ? 1 : Math.min(MAX_BACKOFF, this.backoff * 2);
    this.render();
  }

  private schedule(delayMs?: number): void {
    clearTimeout(this.pollTimer);
    const interval = settings.pollIntervalMs() * this.backoff;
    this.pollTimer = setTimeout(() => void this.tick(), delayMs ?? interval);
  }

  private async tick(): Promise<void> {
    try {
      if (this.shouldCheck()) await this.checkNow();
    } catch (e) {
      if (!isApiError(e)) throw e;
    } finally {
      this.schedule();
    }
  }

  private shouldCheck(): boolean {
    const conn = this.manager.active;
    if (!conn || !vscode.window.state.focused) return false;
    if (this.manager.tokenState === 'missing' || this.manager.tokenState === 'invalid') return false;
    const interval = settings.pollIntervalMs() * this.backoff;
    if (this.observed.lastResponseAt && Date.now() - this.observed.lastResponseAt < interval) return false;
    return !this.wouldSpendLast();
  }

  /** True when a check could take the window's last request (or one it does not have). */
  private wouldSpendLast(): boolean {
    const { remaining, resetAt, updatedAt } = this.rateLimit;
    if (remaining === undefined || remaining > 1) return false;
    const now = Date.now();
    if (resetAt !== undefined) return resetAt > now;
    return updatedAt !== undefined && now - updatedAt < STALE_AFTER_MS;
  }

  private isLimited(): boolean {
    return this.watched?.rateLimit.isExhausted() ?? false;
  }

  private render(): void {
    const conn = this.manager.active;
    clearTimeout(this.countdown);
    const item = this.item;
    item.backgroundColor = undefined;
    if (!conn) {
      item.text = `$(mail) ${vscode.l10n.t('Newsletter')}`;
      item.tooltip = vscode.l10n.t('No connection. Click to add a Sender or SendPortal connection.');
      return;
    }
    const rl = this.rateLimit;
    const budget = rl.remaining !== undefined && rl.limit !== undefined ? `${rl.remaining}/${rl.limit}` : undefined;
    const state = this.manager.tokenState;
    const warn = new vscode.ThemeColor('statusBarItem.warningBackground');
    const error = new vscode.ThemeColor('statusBarItem.errorBackground');
    let summary: string;
    if (state === 'missing') {
      item.text = `$(key) ${conn.label} · ${vscode.l10n.t('no token')}`;
      item.backgroundColor = warn;
      summary = vscode.l10n.t('No API token: run Set API Token.');
    } else if (state === 'invalid') {
      item.text = `$(error) ${conn.label} · ${vscode.l10n.t('unauthorized')}`;
      item.backgroundColor = error;
      summary = vscode.l10n.t('The API refused the token (401): set a new one.');
    } else if (this.observed.reachable === false) {
      item.text = `$(debug-disconnect) ${conn.label} · ${vscode.l10n.t('unreachable')}`;
      item.backgroundColor = error;
      summary = this.observed.failure ?? vscode.l10n.t('The API could not be reached.');
    } else if (this.isLimited()) {
      const until = Math.max(rl.blockedUntil ?? 0, rl.resetAt ?? 0);
      const secs = () => Math.max(0, Math.ceil((until - Date.now()) / 1000));
      item.text = `$(watch) ${conn.label} · ${budget ?? '0'} · ${vscode.l10n.t('resets in {0}s', secs())}`;
      item.backgroundColor = warn;
      summary = vscode.l10n.t('Rate limit used up: requests wait for the reset.');
      this.countdown = setTimeout(() => this.render(), 1000);
    } else {
      item.text = `$(pulse) ${conn.label}${budget ? ` · ${budget}` : ''}`;
      summary = state === 'valid' ? vscode.l10n.t('Connected.') : vscode.l10n.t('Not checked yet.');
    }
    item.tooltip = this.tooltip(summary, budget);
  }

  private tooltip(summary: string, budget?: string): vscode.MarkdownString {
    const conn = this.manager.active!;
    const rl = this.rateLimit;
    const time = (t?: number) => (t ? new Date(t).toLocaleTimeString() : '—');
    const md = new vscode.MarkdownString();
    md.appendText(`${conn.label} (${PROVIDER_NAMES[conn.provider]})\n\n${summary}\n\n`);
    md.appendText(`${vscode.l10n.t('Last answer')}: ${time(this.observed.lastResponseAt)}\n`);
    md.appendText(`${vscode.l10n.t('Last check')}: ${time(this.observed.checkedAt)}\n`);
    md.appendText(`${vscode.l10n.t('Latency')}: ${this.observed.latencyMs !== undefined ? `${this.observed.latencyMs} ms` : '—'}\n`);
    md.appendText(`${vscode.l10n.t('Rate limit')}: ${budget ? vscode.l10n.t('{0} left', budget) : '—'}\n`);
    md.appendText(`${vscode.l10n.t('Resets')}: ${time(rl.blockedUntil ?? rl.resetAt)}`);
    return md;
  }

  dispose(): void {
    clearTimeout(this.pollTimer);
    clearTimeout(this.countdown);
    this.rateSub?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
