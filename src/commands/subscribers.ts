import * as vscode from 'vscode';
import { type NewsletterProvider, NotFoundError, type Subscriber, ValidationError, safeText } from '../api';
import type { Session } from '../connections/session';
import { subscriberName } from '../views/subscribersView';
import { errorText } from '../views/errorText';
import { command, type Services, showError, showWriteError, withProgress } from './services';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface AddSubscriberArgs {
  email: string;
  firstName?: string;
  lastName?: string;
  /** Given arguments only: update the subscriber when the address exists (the box asks instead). */
  update?: boolean;
}

/** Sender looks up by email, phone or id; SendPortal only by id, and the box says why before any request. */
async function findSubscriber(s: Services, given?: string): Promise<Subscriber | undefined> {
  const session = s.connections.active;
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
    await s.details.open(session.profile.label, 'subscriber', subscriber.id, subscriber.raw);
    return subscriber;
  } catch (e) {
    // Nobody by that key is an answer, not a failure: say so plainly, quoting what the user typed.
    if (e instanceof NotFoundError) void vscode.window.showInformationMessage(vscode.l10n.t('No subscriber {0} in {1}.', safeText(key.trim(), [], 120), session.profile.label));
    else showError(e);
    return undefined;
  }
}

async function askNewSubscriber(start: Partial<AddSubscriberArgs>): Promise<AddSubscriberArgs | undefined> {
  const title = vscode.l10n.t('Add Subscriber');
  const email = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Email address'),
    value: start.email,
    ignoreFocusOut: true,
    validateInput: (v) => (EMAIL.test(v.trim()) ? undefined : vscode.l10n.t('Enter an email address such as ada@example.com.')),
  });
  if (email === undefined) return undefined;
  const firstName = await vscode.window.showInputBox({ title, prompt: vscode.l10n.t('First name (optional)'), value: start.firstName, ignoreFocusOut: true });
  if (firstName === undefined) return undefined;
  const lastName = await vscode.window.showInputBox({ title, prompt: vscode.l10n.t('Last name (optional)'), value: start.lastName, ignoreFocusOut: true });
  if (lastName === undefined) return undefined;
  return { email: email.trim(), firstName: firstName.trim() || undefined, lastName: lastName.trim() || undefined };
}

/** Looks for a subscriber with this email: Sender by lookup, SendPortal (no lookup by email) among the loaded rows. */
async function existing(s: Services, provider: NewsletterProvider, email: string): Promise<Subscriber | undefined> {
  const loaded = s.subscribers.list.state.items.find((i) => i.email.toLowerCase() === email.toLowerCase());
  if (loaded || provider.descriptor.subscriberKeyProblem(email)) return loaded;
  try {
    return await provider.getSubscriber(email);
  } catch (e) {
    if (e instanceof NotFoundError) return undefined;
    throw e;
  }
}

/**
 * Adds a subscriber, never overwriting one silently: when the address exists it asks first (or, given arguments,
 * needs `update: true`), and the message says "added" or "updated" as it really was. The row appears at the top,
 * or changes in place, without a reload.
 */
async function addSubscriber(s: Services, given?: AddSubscriberArgs): Promise<Subscriber | string | undefined> {
  let input = given ?? (await askNewSubscriber({}));
  while (input) {
    const session = s.connections.active;
    if (!session) return undefined;
    const wanted = input;
    try {
      const provider = session.provider();
      const before = await existing(s, provider, wanted.email);
      if (before && !(given ? given.update : await confirmUpdate(before))) {
        return given ? vscode.l10n.t('{0} is already a subscriber; nothing was changed.', wanted.email) : undefined;
      }
      const { subscriber, created } = await withProgress(vscode.l10n.t('Saving {0}…', wanted.email), (signal) => provider.addSubscriber(wanted, { signal }));
      s.subscribers.prepend(subscriber);
      void s.subscribers.reveal(subscriber);
      // Quote what the user typed, never the server's echo.
      const isNew = created ?? !before;
      void vscode.window.showInformationMessage(isNew ? vscode.l10n.t('{0} was added.', wanted.email) : vscode.l10n.t('{0} was updated.', wanted.email));
      return subscriber;
    } catch (e) {
      if (!(e instanceof ValidationError)) {
        showWriteError(e, 'newsletter.refreshSubscribers');
        return undefined;
      }
      const edit = vscode.l10n.t('Edit and Retry');
      if (given) {
        void vscode.window.showErrorMessage(errorText(e));
        return errorText(e);
      }
      input = (await vscode.window.showErrorMessage(errorText(e), edit)) === edit ? await askNewSubscriber(input) : undefined;
    }
  }
  return undefined;
}

async function confirmUpdate(before: Subscriber): Promise<boolean> {
  const update = vscode.l10n.t('Update Their Details');
  const name = subscriberName(before);
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} is already a subscriber{1}. Update their details?', safeText(before.email), name ? ` (${name})` : ''),
    { modal: true },
    update,
  );
  return answer === update;
}

type SubscriberRow = { type: 'item'; item: Subscriber };

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
async function scanSubscribers(s: Services, text: string, signal: AbortSignal, onProgress: () => void): Promise<Subscriber[]> {
  await s.subscribers.loadAll(signal, onProgress);
  return matching(s, text);
}

function matching(s: Services, text: string): Subscriber[] {
  const q = text.toLowerCase();
  return s.subscribers.list.state.items.filter((x) =>
    [x.email, x.firstName, x.lastName, [x.firstName, x.lastName].filter(Boolean).join(' ')].some((f) => f?.toLowerCase().includes(q)),
  );
}

/**
 * Search Subscribers…: an exact email, phone or id is looked up directly; anything else is searched for in names and
 * emails, with the matches listed as the pages arrive. Picking one selects it in the tree and opens it.
 */
async function searchSubscribers(s: Services, given?: string): Promise<Subscriber | Subscriber[] | undefined> {
  const session = s.connections.active;
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
  if (isExactKey(session, text)) return findSubscriber(s, text);
  if (given !== undefined) return scanSubscribers(s, text, new AbortController().signal, () => undefined);

  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { subscriber: Subscriber }>();
  pick.title = vscode.l10n.t('Subscribers matching "{0}"', text);
  pick.placeholder = vscode.l10n.t('Searching every page… close to stop');
  pick.matchOnDescription = true;
  pick.busy = true;
  const show = () => {
    const state = s.subscribers.list.state;
    pick.items = matching(s, text).map((x) => ({ label: subscriberName(x) ?? safeText(x.email), description: safeText(x.email), subscriber: x }));
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
    void s.subscribers.reveal(chosen);
    void vscode.commands.executeCommand('newsletter.openDetails', { type: 'item', item: chosen });
  });
  show();
  pick.show();
  await s.subscribers.loadAll(abort.signal, show).catch(showError);
  pick.busy = false;
  if (!abort.signal.aborted) show();
  return undefined;
}

/** Unsubscribes or resubscribes the subscriber of a row; the row changes in place. */
async function setSubscribed(s: Services, row: SubscriberRow | undefined, subscribed: boolean): Promise<Subscriber | undefined> {
  const session = s.connections.active;
  if (row?.type !== 'item' || !session) return undefined;
  const email = safeText(row.item.email);
  try {
    const updated = await withProgress(
      subscribed ? vscode.l10n.t('Resubscribing {0}…', email) : vscode.l10n.t('Unsubscribing {0}…', email),
      (signal) => session.provider().setSubscribed(row.item, subscribed, { signal }),
    );
    s.subscribers.prepend(updated);
    vscode.window.setStatusBarMessage(subscribed ? vscode.l10n.t('{0} is subscribed again.', email) : vscode.l10n.t('{0} is unsubscribed.', email), 5000);
    return updated;
  } catch (e) {
    showWriteError(e, 'newsletter.refreshSubscribers');
    return undefined;
  }
}

/** Deletes the subscriber of a row after a modal that names them; the row disappears without a reload. */
async function deleteSubscriber(s: Services, row: SubscriberRow | undefined, confirmed = false): Promise<boolean> {
  const session = s.connections.active;
  if (row?.type !== 'item' || !session) return false;
  const email = safeText(row.item.email);
  if (!confirmed) {
    const del = vscode.l10n.t('Delete');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Delete {0} from {1}? This cannot be undone.', email, session.profile.label),
      { modal: true },
      del,
    );
    if (answer !== del) return false;
  }
  try {
    const { later } = await withProgress(vscode.l10n.t('Deleting {0}…', email), (signal) => session.provider().deleteSubscriber(row.item, { signal }));
    s.subscribers.list.remove(row.item.id);
    void vscode.window.showInformationMessage(later ? vscode.l10n.t('{0} will be deleted shortly.', email) : vscode.l10n.t('{0} was deleted.', email));
    return true;
  } catch (e) {
    showWriteError(e, 'newsletter.refreshSubscribers');
    return false;
  }
}

async function copyEmail(node?: { type: 'item'; item: Subscriber }): Promise<void> {
  if (node?.type !== 'item') return;
  await vscode.env.clipboard.writeText(node.item.email);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', node.item.email), 3000);
}

export function registerSubscriberCommands(s: Services): vscode.Disposable[] {
  return [
    command(s, 'newsletter.refreshSubscribers', () => s.subscribers.refresh()),
    command(s, 'newsletter.unsubscribe', (row?: SubscriberRow) => setSubscribed(s, row, false)),
    command(s, 'newsletter.resubscribe', (row?: SubscriberRow) => setSubscribed(s, row, true)),
    command(s, 'newsletter.deleteSubscriber', (row?: SubscriberRow, confirmed?: boolean) => deleteSubscriber(s, row, confirmed === true)),
    command(s, 'newsletter.findSubscriber', (key?: string) => findSubscriber(s, typeof key === 'string' ? key : undefined)),
    command(s, 'newsletter.searchSubscribers', (text?: string) => searchSubscribers(s, typeof text === 'string' ? text : undefined)),
    command(s, 'newsletter.addSubscriber', (args?: AddSubscriberArgs) => addSubscriber(s, args?.email !== undefined ? args : undefined)),
    command(s, 'newsletter.copyEmail', copyEmail),
  ];
}
