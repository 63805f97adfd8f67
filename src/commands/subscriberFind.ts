/** Find Subscriber and Search Subscribers: a lookup by the key the service takes, or a paced scan of the list. */
import * as vscode from 'vscode';
import { NotFoundError, type Subscriber, safeText } from '../api';
import type { Session } from '../connections/session';
import { subscriberName } from '../views/subscribersView';
import { type Services, showError, withProgress } from './services';
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

/**
 * Finds subscribers whose name or email contains `text`: first among the rows loaded, then through the remaining
 * pages, which load into the view as they come (paced by the rate limit, stopped by `signal`). Neither API offers a
 * partial search, so this is a scan; `onProgress` hears of every page.
 */
async function scanSubscribers(app: Services, text: string, signal: AbortSignal, onProgress: () => void): Promise<Subscriber[]> {
  await app.subscribers.loadAll(signal, onProgress);
  return matching(app, text);
}

function matching(app: Services, text: string): Subscriber[] {
  const q = text.toLowerCase();
  return app.subscribers.list.state.items.filter((x) =>
    [x.email, x.firstName, x.lastName, [x.firstName, x.lastName].filter(Boolean).join(' ')].some((f) => f?.toLowerCase().includes(q)),
  );
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
  if (given !== undefined) return scanSubscribers(app, text, new AbortController().signal, () => undefined);
  return scanWithPick(app, text);
}

/** Lists the matches of a partial search as the pages arrive; picking one selects it in the tree and opens it. */
async function scanWithPick(app: Services, text: string): Promise<undefined> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { subscriber: Subscriber }>();
  pick.title = vscode.l10n.t('Subscribers matching "{0}"', text);
  pick.placeholder = vscode.l10n.t('Searching every page… close to stop');
  pick.matchOnDescription = true;
  pick.busy = true;
  const show = () => {
    const state = app.subscribers.list.state;
    pick.items = matching(app, text).map((x) => ({ label: subscriberName(x) ?? safeText(x.email), description: safeText(x.email), subscriber: x }));
    pick.placeholder = vscode.l10n.t('{0} found · {1} of {2} searched', pick.items.length, state.items.length, state.total ?? '?');
  };
  const abort = new AbortController();
  pick.onDidHide(() => {
    abort.abort();
    pick.dispose();
  });
  pick.onDidAccept(() => {
    const chosen = pick.selectedItems[0]?.subscriber;
    pick.hide();
    if (!chosen) return;
    void app.subscribers.reveal(chosen);
    void vscode.commands.executeCommand('newsletter.openDetails', { type: 'item', item: chosen });
  });
  show();
  pick.show();
  await app.subscribers.loadAll(abort.signal, show).catch(showError);
  pick.busy = false;
  if (!abort.signal.aborted) show();
  return undefined;
}
