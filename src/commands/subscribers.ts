import * as vscode from 'vscode';
import { type Subscriber, ValidationError } from '../api';
import { errorText } from '../views/errorText';
import { command, type Services, showError, withProgress } from './services';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface AddSubscriberArgs {
  email: string;
  firstName?: string;
  lastName?: string;
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
    showError(e);
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

/** Adds (SendPortal: upserts) a subscriber and shows it at the top of the view without reloading it. */
async function addSubscriber(s: Services, given?: AddSubscriberArgs): Promise<Subscriber | string | undefined> {
  let input = given ?? (await askNewSubscriber({}));
  while (input) {
    try {
      const session = s.connections.active;
      if (!session) return undefined;
      const provider = session.provider();
      const wanted = input;
      const subscriber = await withProgress(vscode.l10n.t('Adding {0}…', wanted.email), (signal) => provider.addSubscriber(wanted, { signal }));
      s.subscribers.prepend(subscriber);
      // Quote what the user typed, never the server's echo.
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} was added.', input.email));
      return subscriber;
    } catch (e) {
      if (!(e instanceof ValidationError)) {
        showError(e);
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

async function copyEmail(node?: { type: 'item'; item: Subscriber }): Promise<void> {
  if (node?.type !== 'item') return;
  await vscode.env.clipboard.writeText(node.item.email);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', node.item.email), 3000);
}

export function registerSubscriberCommands(s: Services): vscode.Disposable[] {
  return [
    command(s, 'newsletter.refreshSubscribers', () => s.subscribers.refresh()),
    command(s, 'newsletter.findSubscriber', (key?: string) => findSubscriber(s, typeof key === 'string' ? key : undefined)),
    command(s, 'newsletter.addSubscriber', (args?: AddSubscriberArgs) => addSubscriber(s, args?.email !== undefined ? args : undefined)),
    command(s, 'newsletter.copyEmail', copyEmail),
  ];
}
