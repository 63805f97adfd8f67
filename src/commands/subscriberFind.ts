/** Find Subscriber and Search Subscribers: a lookup by the key the service takes, or a paced scan of the list. */
import * as vscode from 'vscode';
import { NotFoundError, type Subscriber, safeText } from '../api';
import type { Session } from '../connections/session';
import { type Services, showError, withProgress } from '../app/services';
import { scanSubscribers, scanWithPick } from '../pages/subscriberSearch';
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
    const subscriber = await withProgress(vscode.l10n.t('Looking up {0}…', key.trim()), (signal) =>
      provider.getSubscriber(key, { signal }),
    );
    await vscode.commands.executeCommand('newsletter.openDetails', { type: 'item', item: subscriber });
    return subscriber;
  } catch (e) {
    // Nobody by that key is an answer, not a failure: say so plainly, quoting what the user typed.
    if (e instanceof NotFoundError) {
      const search = vscode.l10n.t('Search Instead');
      void vscode.window
        .showInformationMessage(vscode.l10n.t('No subscriber {0} in {1}.', safeText(key.trim(), [], 120), session.profile.label), search)
        .then((choice) => {
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
