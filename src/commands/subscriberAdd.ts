/** Add Subscriber: a new address, or an existing one updated only when the person says so. */
import * as vscode from 'vscode';
import {
  type NewsletterProvider,
  type SubscriberList,
  NotFoundError,
  type Subscriber,
  ValidationError,
  safeText,
  editableListKind,
} from '../api';
import { subscriberName } from '../views/subscribersView';
import { errorText } from '../views/errorText';
import { type Services, showWriteError, withProgress } from '../app/services';

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface AddSubscriberArgs {
  email: string;
  firstName?: string;
  lastName?: string;
  /** Groups or tags to add them to, by id. */
  lists?: string[];
  /** Sender: start the automations this sign-up triggers (off unless asked). */
  startAutomations?: boolean;
}

/** For Add Subscriber: the lists to put a new subscriber in, and (Sender) whether to start automations. */
async function pickListsForNew(app: Services): Promise<{ lists: string[]; startAutomations: boolean } | undefined> {
  const session = app.connections.active;
  const kind = session && editableListKind(session.descriptor);
  if (!session || !kind) return { lists: [], startAutomations: false };
  let lists: readonly SubscriberList[] = [];
  try {
    lists = await app.lists.allLists(kind.kind);
  } catch {
    // The lists could not be read: the subscriber can still be added without them.
  }
  const automation = session.descriptor.startsAutomations;
  type Item = vscode.QuickPickItem & { id?: string };
  const items: Item[] = lists.map((l) => ({ label: safeText(l.name, [], 120), id: l.id }));
  if (automation) {
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
    items.push({
      label: vscode.l10n.t('Start automations for this subscriber'),
      description: vscode.l10n.t('welcome emails and other automations may be sent'),
    });
  }
  if (!items.length) return { lists: [], startAutomations: false };
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Add Subscriber'),
    placeHolder: vscode.l10n.t('{0} to add them to (optional); press Enter to go on', kind.label),
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  return { lists: picked.filter((p) => p.id).map((p) => p.id as string), startAutomations: picked.some((p) => !p.id) };
}

async function askNewSubscriber(app: Services, start: Partial<AddSubscriberArgs>): Promise<AddSubscriberArgs | undefined> {
  const title = vscode.l10n.t('Add Subscriber');
  const email = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Email address'),
    value: start.email,
    ignoreFocusOut: true,
    validateInput: (v) => (EMAIL.test(v.trim()) ? undefined : vscode.l10n.t('Enter an email address such as ada@example.com.')),
  });
  if (email === undefined) return undefined;
  const firstName = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('First name (optional)'),
    value: start.firstName,
    ignoreFocusOut: true,
  });
  if (firstName === undefined) return undefined;
  const lastName = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Last name (optional)'),
    value: start.lastName,
    ignoreFocusOut: true,
  });
  if (lastName === undefined) return undefined;
  const extra = await pickListsForNew(app);
  if (!extra) return undefined;
  return { email: email.trim(), firstName: firstName.trim() || undefined, lastName: lastName.trim() || undefined, ...extra };
}

/** Looks for a subscriber with this email: Sender by lookup, SendPortal (no lookup by email) among the loaded rows. */
async function existing(app: Services, provider: NewsletterProvider, email: string): Promise<Subscriber | undefined> {
  const loaded = app.subscribers.list.state.items.find((i) => i.email.toLowerCase() === email.toLowerCase());
  if (loaded || provider.descriptor.subscriberKeyProblem(email)) return loaded;
  try {
    return await provider.getSubscriber(email);
  } catch (e) {
    if (e instanceof NotFoundError) return undefined;
    throw e;
  }
}

/**
 * Adds a subscriber, never overwriting one silently: when the address exists it asks first, however it was run,
 * and the message says "added" or "updated" as it really was. The row appears at the top,
 * or changes in place, without a reload.
 */
export async function addSubscriber(app: Services, given?: AddSubscriberArgs): Promise<Subscriber | string | undefined> {
  let input = given ?? (await askNewSubscriber(app, {}));
  while (input) {
    const session = app.connections.active;
    if (!session) return undefined;
    const wanted = input;
    try {
      const provider = session.provider();
      const before = await existing(app, provider, wanted.email);
      if (before && !(await confirmUpdate(app, before))) {
        return given ? vscode.l10n.t('{0} is already a subscriber; nothing was changed.', wanted.email) : undefined;
      }
      const { subscriber, created } = await withProgress(vscode.l10n.t('Saving {0}…', wanted.email), (signal) =>
        provider.addSubscriber({ ...wanted, exists: !!before }, { signal }),
      );
      const lists =
        app.lists.listsOf(editableListKind(session.descriptor)?.kind ?? 'tag')?.state.items.filter((l) => wanted.lists?.includes(l.id)) ??
        [];
      app.changes.fire({
        session,
        subscribers: { add: [subscriber] },
        membership: lists.map((list) => ({ list, subscribers: [before ?? { ...subscriber, tags: [] }], added: true })),
      });
      void app.subscribers.reveal(subscriber);
      // Quote what the user typed, never the server's echo.
      const isNew = created ?? !before;
      void vscode.window.showInformationMessage(
        isNew ? vscode.l10n.t('{0} was added.', wanted.email) : vscode.l10n.t('{0} was updated.', wanted.email),
      );
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
      input = (await vscode.window.showErrorMessage(errorText(e), edit)) === edit ? await askNewSubscriber(app, input) : undefined;
    }
  }
  return undefined;
}

async function confirmUpdate(app: Services, before: Subscriber): Promise<boolean> {
  const name = subscriberName(before);
  const question = vscode.l10n.t('{0} is already a subscriber{1}. Update their details?', safeText(before.email), name ? ` (${name})` : '');
  return app.ui.confirm(question, undefined, vscode.l10n.t('Update Their Details'));
}
