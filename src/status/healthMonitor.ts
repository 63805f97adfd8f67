import * as vscode from 'vscode';
import { type Health, isApiError, withPriority } from '../api';
import type { Connections } from '../connections/connections';
import { settings } from '../connections/settings';
import { nextBackoff, nextDelayMs, shouldCheck } from './schedule';
import { StatusBar } from './statusBar';

/** What the monitor learned of the active connection from its responses and checks. */
interface Observed {
  reachable?: boolean;
  latencyMs?: number;
  lastResponseAt?: number;
  checkedAt?: number;
  failure?: string;
}

/**
 * Keeps the status bar true for the active connection: learns from every response, and checks on its own only
 * when the schedule says so. Renders once per change. Asleep until the extension is used (`wake`: a view shown, a
 * newsletter file found, a command run): someone who only opens a README gets no status item and no request.
 */
export class HealthMonitor implements vscode.Disposable {
  readonly bar = new StatusBar();
  private observed: Observed = {};
  private backoff = 1;
  private timer?: ReturnType<typeof setTimeout>;
  private awake = false;
  private readonly disposables: vscode.Disposable[];
  private readonly cameBack = new vscode.EventEmitter<string>();
  /** The active connection answered again after it could not be reached (its label): views may reload. */
  readonly onDidComeBack = this.cameBack.event;

  constructor(private readonly connections: Connections) {
    this.disposables = [
      this.bar,
      this.cameBack,
      connections.onDidChange((change) => (change === 'active' || change === 'client' ? this.restart() : this.render())),
      connections.onDidRespond(({ profile, event }) => {
        if (profile.id !== this.connections.active?.profile.id) return;
        if (event.status !== undefined) {
          if (this.observed.reachable === false) {
            this.backoff = 1;
            this.cameBack.fire(profile.label);
          }
          this.observed = {
            ...this.observed,
            reachable: true,
            lastResponseAt: Date.now(),
            latencyMs: event.durationMs,
            failure: undefined,
          };
          if (event.status >= 500) this.observed.failure = event.error?.message;
        } else if (event.error && event.error.kind !== 'cancelled') {
          this.observed = { ...this.observed, reachable: false, failure: event.error.message };
        }
      }),
      vscode.window.onDidChangeWindowState((s) => s.focused && this.schedule(1000)),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('newsletter.statusPollInterval') && this.schedule()),
    ];
  }

  /** Whether it shows and checks: after `wake`. */
  get polling(): boolean {
    return this.awake && this.timer !== undefined;
  }

  /** The extension is in use: the status item shows (once the token was read, so it never flashes "no token") and checks. */
  wake(): void {
    if (this.awake) return;
    this.awake = true;
    void this.connections.ready.then(() => {
      this.restart();
      this.bar.show();
    });
  }

  private restart(): void {
    this.observed = {};
    this.backoff = 1;
    this.render();
    this.schedule(3000);
  }

  /** Runs a health check now, whatever the schedule says ("Check Now"), starting the rate-limit state afresh. */
  async checkNow(): Promise<Health | undefined> {
    this.connections.active?.rateLimit.clear();
    return this.check();
  }

  private async check(): Promise<Health | undefined> {
    const session = this.connections.active;
    if (!session) {
      this.render();
      return undefined;
    }
    const health = await session.provider().checkHealth();
    this.observed.checkedAt = health.checkedAt;
    if (!health.reachable) {
      this.observed.reachable = false;
      this.observed.failure = health.error?.message;
    }
    this.backoff = nextBackoff(this.backoff, health.reachable && health.authenticated !== false);
    this.render();
    return health;
  }

  private schedule(delayMs?: number): void {
    if (!this.awake) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () => void this.tick(),
      delayMs ?? nextDelayMs(settings.pollIntervalMs(), this.backoff, this.observed.reachable === false),
    );
  }

  private async tick(): Promise<void> {
    const session = this.connections.active;
    try {
      const due =
        !!session &&
        shouldCheck({
          now: Date.now(),
          focused: vscode.window.state.focused,
          canCheck: session.tokenState === 'unchecked' || session.tokenState === 'valid',
          pollIntervalMs: settings.pollIntervalMs(),
          backoff: this.backoff,
          lastResponseAt: this.observed.lastResponseAt,
          wouldSpendLast: session.rateLimit.wouldSpendLast(),
        });
      if (due) await withPriority('background', () => this.check()); // the status bar's own schedule: background work
    } catch (e) {
      if (!isApiError(e)) throw e;
    } finally {
      this.schedule();
    }
  }

  private render(): void {
    const session = this.connections.active;
    this.bar.render({
      connection: session && { label: session.profile.label, service: session.descriptor.displayName },
      tokenState: session?.tokenState ?? 'missing',
      rateLimit: session?.rateLimit.snapshot ?? {},
      resumesAt: session?.rateLimit.resumesAt(),
      ...this.observed,
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
