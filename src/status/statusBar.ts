import * as vscode from 'vscode';
import { type RateLimitSnapshot, safeText } from '../api';
import type { TokenState } from '../connections/session';

/** Everything the status bar shows; the item renders this and nothing else. */
interface StatusView {
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
    if (!v.connection) {
      item.text = `$(mail) ${vscode.l10n.t('Newsletter')}`;
      item.backgroundColor = undefined;
      item.tooltip = vscode.l10n.t('No connection. Click to add a Sender or SendPortal connection.');
      return;
    }
    const label = safeText(v.connection.label, [], 60);
    const rl = v.rateLimit;
    // Where each request counts more than once (SendPortal's doubled throttle), show requests, not units.
    const cost = rl.cost ?? 1;
    const budget =
      rl.remaining !== undefined && rl.limit !== undefined
        ? `${Math.floor(rl.remaining / cost)}/${Math.floor(rl.limit / cost)}`
        : undefined;
    const look = this.look(v, budget);
    item.text = `${look.icon} ${label}${look.detail ? ` · ${look.detail}` : ''}`;
    item.backgroundColor = look.color ? new vscode.ThemeColor(look.color) : undefined;
    item.tooltip = tooltip(v, label, look.summary, budget);
    if (look.counting) this.countdown = setTimeout(() => this.render(v), 1000);
  }

  /** The icon, the words after the name, the colour and the one-line summary for the state the view is in. */
  private look(
    v: StatusView,
    budget: string | undefined,
  ): { icon: string; detail?: string; color?: string; summary: string; counting?: boolean } {
    const warn = 'statusBarItem.warningBackground';
    const error = 'statusBarItem.errorBackground';
    if (v.tokenState === 'missing' || v.tokenState === 'moved') {
      const summary =
        v.tokenState === 'moved'
          ? vscode.l10n.t('The token was saved for another server: run Set API Token.')
          : vscode.l10n.t('No API token: run Set API Token.');
      return { icon: '$(key)', detail: vscode.l10n.t('no token'), color: warn, summary };
    }
    if (v.tokenState === 'invalid') {
      return {
        icon: '$(error)',
        detail: vscode.l10n.t('unauthorized'),
        color: error,
        summary: vscode.l10n.t('The API refused the token (401): set a new one.'),
      };
    }
    if (v.reachable === false) {
      return {
        icon: '$(debug-disconnect)',
        detail: vscode.l10n.t('unreachable'),
        color: error,
        summary: v.failure ?? vscode.l10n.t('The API could not be reached.'),
      };
    }
    if (v.resumesAt !== undefined && v.resumesAt > Date.now()) {
      const secs = Math.max(0, Math.ceil((v.resumesAt - Date.now()) / 1000));
      const detail = `${budget ?? '0'} · ${vscode.l10n.t('resets in {0}s', secs)}`;
      return {
        icon: '$(watch)',
        detail,
        color: warn,
        summary: vscode.l10n.t('Rate limit used up: requests wait for the reset.'),
        counting: true,
      };
    }
    return {
      icon: '$(pulse)',
      detail: budget,
      summary: v.tokenState === 'valid' ? vscode.l10n.t('Connected.') : vscode.l10n.t('Not checked yet.'),
    };
  }

  dispose(): void {
    clearTimeout(this.countdown);
    this.item.dispose();
  }
}

/** Plain text, never markdown: the summary may quote the server, and a markdown hover links addresses and URLs. */
function tooltip(v: StatusView, label: string, summary: string, budget: string | undefined): string {
  const rl = v.rateLimit;
  const time = (t?: number) => (t ? new Date(t).toLocaleTimeString() : '—');
  return [
    `${label} (${v.connection?.service ?? ''})`,
    '',
    safeText(summary, [], 600),
    '',
    `${vscode.l10n.t('Last answer')}: ${time(v.lastResponseAt)}`,
    `${vscode.l10n.t('Last check')}: ${time(v.checkedAt)}`,
    `${vscode.l10n.t('Latency')}: ${v.latencyMs !== undefined ? `${v.latencyMs} ms` : '—'}`,
    `${vscode.l10n.t('Rate limit')}: ${budget ? vscode.l10n.t('{0} requests left', budget) : '—'}`,
    ...(rl.cost && rl.cost > 1
      ? [
          vscode.l10n.t(
            'Each request counts {0} against the server’s limit of {1} (two throttles share one counter).',
            rl.cost,
            rl.limit ?? '?',
          ),
        ]
      : []),
    `${vscode.l10n.t('Resets')}: ${time(rl.blockedUntil ?? rl.resetAt)}`,
  ].join('\n');
}
