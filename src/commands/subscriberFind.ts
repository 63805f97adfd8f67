/** Find Subscriber and Search Subscribers: a lookup by the key the service takes, or a paced scan of the list. */
import * as vscode from 'vscode';
import { NotFoundError, type Subscriber, safeText } from '../api';
import type { Session } from '../connections/session';
import { subscriberName } from '../views/subscribersView';
import { type Services, rateLimitWait, showError, withProgress } from './services';
import { fmt } from '../views/format';
import { EMAIL } from './subscriberAdd';

/** Sender looks up by email, phone or id; SendPortal only by id, and the box says why before any request. */
export async function findSubscriber(app: Services, given?: string): Promise<Subscriber | undefined> {
  const session = app.connections.active;
  if (!session) return undefined;
  let provider;
  try {
    provider = session.provider();
  } catch (e) {
    showError(e);
    return undefined;
  }
  const key =
    given ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Find Subscriber'),
      prompt: vscode.l10n.t('Enter {0}', session.descriptor.subscriberLookupHint),
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? session.descriptor.subscriberKeyProblem(v) : undefined),
    }));
  if (!key?.trim()) return undefined;
  try {
    const subscriber = await withProgress(vscode.l10n.t('Looking up {0}…', key.trim()), (signal) => provider.getSubscriber(key, { signal }));
    await vscode.commands.executeCommand('newsletter.openDetails', { type: 'item', item: subscriber });
    return subscriber;
  } catch (e) {
    // Nobody by that key is an answer, not a failure: say so plainly, quoting what the user typed.
    if (e instanceof NotFoundError) {
      const search = vscode.l10n.t('Search Instead');
      void vscode.window.showInformationMessage(vscode.l10n.t('No subscriber {0} in {1}.', safeText(key.trim(), [], 120), session.profile.label), search).then((choice) => {
        // A search through names and emails for what was typed, never the exact lookup again.
        if (choice === search) void scanWithPick(app, key.trim());
      });
    } else showError(e);
    return undefined;
  }
}

/** Whether a search text is a key the service looks up directly (an email or phone on Sender, an id on SendPortal). */
function isExactKey(session: Session, text: string): boolean {
  if (session.descriptor.subscriberKeyProblem(text)) return false;
  return EMAIL.test(text) || /^\+?\d{6,}$/.test(text) || (session.profile.provider === 'sendportal' && /^\d+$/.test(text));
}

/** Whether the Subscribers view holds the whole list, unfiltered: then nothing needs to be read for a search or check. */
export function viewHoldsAll(app: Services): boolean {
  const state = app.subscribers.list.state;
  return !state.hasMore && !state.filteredClientSide && state.pagesLoaded > 0 && !app.subscriberFilter.value.status && state.error === undefined;
}

/**
 * Reads on through the connection's walk (largest page, background priority, kept for the session) unless the view
 * already holds everyone; stops with `signal`, keeping what it read. Neither API has a partial search [doc; src].
 */
async function scanSubscribers(app: Services, session: Session, text: string, signal: AbortSignal, onPage: () => void): Promise<Subscriber[]> {
  if (!viewHoldsAll(app)) await session.walk.walk(signal, onPage);
  return matching(app, session, text);
}

/** Those whose name or email contains `text`: among the rows the walk read (recovered ones too) and those the view holds. */
function matching(app: Services, session: Session, text: string): Subscriber[] {
  const q = text.toLowerCase();
  const seen = new Set<string>();
  const found: Subscriber[] = [];
  for (const x of [...app.subscribers.list.state.items, ...session.walk.items]) {
    if (seen.has(x.id)) continue;
    seen.add(x.id);
    if ([x.email, x.firstName, x.lastName, [x.firstName, x.lastName].filter(Boolean).join(' ')].some((f) => f?.toLowerCase().includes(q))) found.push(x);
  }
  return found;
}

/**
 * Search Subscribers…: an exact email, phone or id is looked up directly; anything else is searched for in names and
 * emails, with the matches listed as the pages arrive. Picking one selects it in the tree and opens it.
 */
export async function searchSubscribers(app: Services, given?: string): Promise<Subscriber | Subscriber[] | undefined> {
  const session = app.connections.active;
  if (!session) return undefined;
  const text = (
    given ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Search Subscribers'),
      prompt: vscode.l10n.t('Part of a name or an email address; {0} is looked up directly', session.descriptor.subscriberLookupHint),
      ignoreFocusOut: true,
    })) ??
    ''
  ).trim();
  if (!text) return undefined;
  if (isExactKey(session, text)) return findSubscriber(app, text);
  if (given !== undefined) return scanSubscribers(app, session, text, new AbortController().signal, () => undefined);
  return scanWithPick(app, text);
}

/** "read 3 min ago": how fresh the rows searched are. */
function freshness(session: Session): string | undefined {
  const at = session.walk.readAt;
  if (at === undefined) return undefined;
  const mins = Math.floor((Date.now() - at) / 60_000);
  return mins < 1 ? vscode.l10n.t('read just now') : vscode.l10n.t('read {0} min ago', mins);
}

/**
 * Lists the matches of a partial search as the walk reads on (nothing loads into the tree); closing the list or
 * picking a match stops it, keeping what it read. Picking one opens its card, and selects its row where it is loaded.
 * The Refresh button reads the list afresh.
 */
async function scanWithPick(app: Services, text: string): Promise<undefined> {
  const session = app.connections.active;
  if (!session) return undefined;
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { subscriber: Subscriber }>();
  pick.title = vscode.l10n.t('Subscribers matching "{0}"', text);
  pick.matchOnDescription = true;
  const refresh = { iconPath: new vscode.ThemeIcon('refresh'), tooltip: vscode.l10n.t('Read the list again from {0}', session.profile.label) };
  pick.buttons = [refresh];
  const show = () => {
    const walk = session.walk;
    pick.items = matching(app, session, text).map((x) => ({ label: subscriberName(x) ?? safeText(x.email), description: safeText(x.email), subscriber: x }));
    const read = viewHoldsAll(app) ? app.subscribers.list.state.items.length : walk.items.length;
    const total = viewHoldsAll(app) ? app.subscribers.list.state.total : walk.serverTotal;
    const parts = [vscode.l10n.t('{0} found · {1} of {2} searched', fmt(pick.items.length), fmt(read), total === undefined ? '?' : fmt(total))];
    if (pick.busy) parts.push(rateLimitWait(session.rateLimit, 'background') ?? vscode.l10n.t('searching… close to stop'));
    else if (!viewHoldsAll(app)) parts.push(freshness(session) ?? '');
    pick.placeholder = parts.filter(Boolean).join(' · ');
  };
  let abort = new AbortController();
  const scan = async () => {
    pick.busy = true;
    show();
    const ticker = setInterval(show, 1000); // the rate limit's countdown
    try {
      await scanSubscribers(app, session, text, abort.signal, show);
    } catch (e) {
      showError(e);
    } finally {
      clearInterval(ticker);
      pick.busy = false;
      show();
    }
  };
  pick.onDidTriggerButton(() => {
    abort.abort();
    abort = new AbortController();
    session.walk.reset();
    void scan();
  });
  pick.onDidHide(() => {
    abort.abort();
    pick.dispose();
  });
  pick.onDidAccept(() => {
    const chosen = pick.selectedItems[0]?.subscriber;
    pick.hide();
    if (!chosen) return;
    void app.subscribers.reveal(chosen, true);
    void vscode.commands.executeCommand('newsletter.openDetails', { type: 'item', item: chosen });
  });
  pick.show();
  await scan();
  return undefined;
}
