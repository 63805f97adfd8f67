import * as vscode from 'vscode';
import { NetworkError, type Priority, type RateLimitState, backgroundReserve, isApiError, withPriority } from '../api';
import type { LivePreviews } from '../authoring/livePreview';
import type { NewsletterFiles } from '../authoring/newsletterFiles';
import type { Connections } from '../connections/connections';
import type { Session } from '../connections/session';
import type { HealthMonitor } from '../status/healthMonitor';
import type { CampaignFilter, CampaignsTree } from '../views/campaignsView';
import type { Changes } from '../views/changes';
import type { Cards } from '../views/cards';
import type { DetailsDocuments } from '../views/details';
import { errorText, fixFor } from '../views/errorText';
import { fmt } from '../views/format';
import type { ListsTree } from '../views/listsView';
import type { SubscriberFilter, SubscribersTree } from '../views/subscribersView';
import type { Ui } from './ui';

/** The running extension's pieces that commands act on (`app` wherever it is passed); built once in activate(). */
export interface Services {
  connections: Connections;
  subscribers: SubscribersTree;
  campaigns: CampaignsTree;
  campaignFilter: CampaignFilter;
  subscriberFilter: SubscriberFilter;
  lists: ListsTree;
  health: HealthMonitor;
  details: DetailsDocuments;
  cards: Cards;
  /** The one path a write's effect takes to every view, count and card. */
  changes: Changes;
  /** Where long jobs keep their place (an export or import to continue). */
  state: vscode.Memento;
  log: vscode.LogOutputChannel;
  /** Newsletter files open in the editor: their connection, problems and help while writing. */
  newsletters: NewsletterFiles;
  previews: LivePreviews;
  /**
   * Files the extension itself saved (a campaign id written back), by the version it saved: that save's event, whenever
   * it arrives, is left alone by Update on Save; the person's next edit and save is theirs.
   */
  savingOwn: Map<string, number>;
  /** The questions commands ask (tests answer them: ui.ts). */
  ui: Ui;
}

/**
 * Shows an error with the button that fixes it, when there is one; does not wait for the person to answer. `done`
 * says first what was done before it failed ("2 of 5 unsubscribed.").
 */
export function showError(e: unknown, done?: string): void {
  const fix = fixFor(e);
  const text = done ? `${done} ${errorText(e)}` : errorText(e);
  void vscode.window.showErrorMessage(text, ...(fix ? [fix.title] : [])).then((choice) => {
    if (fix && choice === fix.title) void vscode.commands.executeCommand(fix.command);
  });
}

/**
 * A failed write. Writes are never retried: after a timeout, a network error or a 5xx nobody knows whether the
 * server applied it, so the message says so and offers to load the list again.
 */
export function showWriteError(e: unknown, refreshCommand: string, done?: string): void {
  // Refused at connect, no such host: nothing left, so nothing was changed.
  if (e instanceof NetworkError && e.neverSent) return showError(e, [done, vscode.l10n.t('Not sent:')].filter(Boolean).join(' '));
  if (!isApiError(e) || !['timeout', 'network', 'server'].includes(e.kind)) return showError(e, done);
  const refresh = vscode.l10n.t('Refresh');
  const message = vscode.l10n.t('{0} The change may or may not have been made.', errorText(e));
  void vscode.window.showErrorMessage(done ? `${done} ${message}` : message, refresh).then((choice) => {
    if (choice === refresh) void vscode.commands.executeCommand(refreshCommand);
  });
}

/** The rate limit of the connection that work runs against now (set once by activate). */
let rateLimitNow: () => RateLimitState | undefined = () => undefined;

export function progressFollows(connections: Connections): void {
  rateLimitNow = () => connections.active?.rateLimit;
}

/** "Looking up the 33 never listed: 12 found · 140 of at most 1,160 look-ups · about 18 min" (54 a minute at 60). */
export function lookupsSaid(session: Session, missing: number, checked: number, found: number, bound: number): string {
  const limit = session.rateLimit.snapshot.limit ?? 60;
  const perMinute = Math.max(1, limit - backgroundReserve(limit));
  const mins = Math.ceil((bound - checked) / perMinute);
  return vscode.l10n.t(
    'Looking up the {0} never listed: {1} found · {2} of at most {3} look-ups · about {4} min',
    fmt(missing),
    fmt(found),
    fmt(checked),
    fmt(bound),
    fmt(mins),
  );
}

/** "waiting for the API's rate limit — resumes in 34 s", while requests of this priority would wait more than a second. */
export function rateLimitWait(rateLimit: RateLimitState | undefined, priority: Priority): string | undefined {
  const at = rateLimit?.resumesAt(priority);
  const secs = at === undefined ? 0 : Math.ceil((at - Date.now()) / 1000);
  return secs > 1 ? vscode.l10n.t("waiting for the API's rate limit — resumes in {0} s", secs) : undefined;
}

/**
 * Runs API work with a progress notification that can cancel it; `report` sets its message. While the work's
 * requests wait for the rate limit, the message says so, counting down. `background` work (export, import, Load
 * All, scans, recovery) sends its requests at background priority: after the person's, leaving the reserve free.
 */
export function withProgress<T>(
  title: string,
  work: (signal: AbortSignal, report: (message: string) => void) => Promise<T>,
  how: { background?: boolean } = {},
): Thenable<T> {
  const priority: Priority = how.background ? 'background' : 'person';
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    const rateLimit = rateLimitNow();
    let said: string | undefined;
    let waiting: string | undefined;
    const show = () => progress.report({ message: [said, waiting].filter(Boolean).join(' · ') });
    const ticker = setInterval(() => {
      const now = rateLimitWait(rateLimit, priority);
      if (now === waiting) return;
      waiting = now;
      show();
    }, 1000);
    const report = (message: string) => {
      said = message;
      show();
    };
    return Promise.resolve(withPriority(priority, () => work(abort.signal, report))).finally(() => clearInterval(ticker));
  });
}

/** Registers a command that runs once the connections are read, so that a command run at startup finds them. */
export function command<A extends unknown[]>(app: Services, id: string, run: (...args: A) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: A) => {
    app.health.wake(); // the extension is in use: the status item and its checks start
    await app.connections.ready;
    return run(...args);
  });
}
