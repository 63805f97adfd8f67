/** Writes on the rows a person chose: unsubscribe, resubscribe, delete, edit, copy. */
import * as vscode from 'vscode';
import { type Subscriber, type SubscriberChanges, safeText, isRecord } from '../api';
import type { Session } from '../connections/session';
import { type Services, showError, showWriteError, withProgress } from '../app/services';

type SubscriberRow = { type: 'item'; item: Subscriber };

const isSubscriberRow = (r: unknown): r is SubscriberRow =>
  typeof r === 'object' && r !== null && (r as SubscriberRow).type === 'item' && typeof (r as SubscriberRow).item?.email === 'string';

/**
 * The subscribers a command acts on: the rows selected together (a tree passes the clicked row and the selection),
 * else the row given, else what is selected in the Subscribers view (from the palette).
 */
export function chosenSubscribers(app: Services, row?: unknown, rows?: unknown): Subscriber[] {
  const given = Array.isArray(rows) && rows.length ? rows : row !== undefined ? [row] : [...app.subscribers.view.selection];
  const seen = new Set<string>();
  return given
    .filter(isSubscriberRow)
    .map((r) => r.item)
    .filter((x) => !seen.has(x.id) && !!seen.add(x.id));
}

/** Subscribers changed here show so everywhere they are loaded (rows, members, cards), in place. */
function showChanged(app: Services, session: Session, changed: readonly Subscriber[]): void {
  if (changed.length) app.changes.fire({ session, subscribers: { replace: changed } });
}

const who = (subs: readonly Subscriber[]) => (subs.length === 1 ? safeText(subs[0].email) : vscode.l10n.t('{0} subscribers', subs.length));

/**
 * Runs one write per subscriber in order with "2 of 5" progress and Cancel, never retrying; stops at the first
 * failure. Answers those done and the failure, if any.
 */
async function eachSubscriber(
  title: string,
  subs: readonly Subscriber[],
  write: (x: Subscriber, signal: AbortSignal) => Promise<Subscriber>,
): Promise<{ done: Subscriber[]; error?: unknown }> {
  const done: Subscriber[] = [];
  try {
    await withProgress(title, async (signal, report) => {
      for (const x of subs) {
        if (signal.aborted) break;
        if (subs.length > 1) report(vscode.l10n.t('{0} of {1}', done.length + 1, subs.length));
        done.push(await write(x, signal));
      }
    });
    return { done };
  } catch (error) {
    return { done, error };
  }
}

/** Unsubscribes or resubscribes the chosen subscribers, one request each; rows change in place. */
export async function setSubscribed(app: Services, subscribed: boolean, row?: unknown, rows?: unknown): Promise<Subscriber[]> {
  const session = app.connections.active;
  const subs = chosenSubscribers(app, row, rows).filter((x) => (x.status === 'unsubscribed') === subscribed);
  if (!session || !subs.length) return [];
  const label = subscribed ? vscode.l10n.t('Resubscribing…') : vscode.l10n.t('Unsubscribing…');
  const { done, error } = await app.changes.during({ kind: 'subscriber', ids: subs.map((x) => x.id), label }, () =>
    eachSubscriber(
      subscribed ? vscode.l10n.t('Resubscribing {0}…', who(subs)) : vscode.l10n.t('Unsubscribing {0}…', who(subs)),
      subs,
      (x, signal) => session.provider().setSubscribed(x, subscribed, { signal }),
    ),
  );
  showChanged(app, session, done);
  const said =
    subs.length === 1
      ? subscribed
        ? vscode.l10n.t('{0} is subscribed again.', who(done))
        : vscode.l10n.t('{0} is unsubscribed.', who(done))
      : subscribed
        ? vscode.l10n.t('{0} of {1} resubscribed.', done.length, subs.length)
        : vscode.l10n.t('{0} of {1} unsubscribed.', done.length, subs.length);
  if (error) showWriteError(error, 'newsletter.refreshSubscribers', done.length ? said : undefined);
  // Many: a notification (a screen reader reads it out); one: the status bar, beside the row that now says it.
  else if (subs.length > 1) void vscode.window.showInformationMessage(said);
  else vscode.window.setStatusBarMessage(said, 5000);
  return done;
}

/** Deletes the chosen subscribers after a modal that names them or their count; rows disappear without a reload. */
export async function deleteSubscribers(app: Services, row?: unknown, rows?: unknown): Promise<boolean> {
  const session = app.connections.active;
  const subs = chosenSubscribers(app, row, rows);
  if (!session || !subs.length) return false;
  const message =
    subs.length === 1
      ? vscode.l10n.t('Delete {0} from {1}? This cannot be undone.', who(subs), session.profile.label)
      : vscode.l10n.t('Delete {0} subscribers from {1}? This cannot be undone.', subs.length, session.profile.label);
  const detail =
    subs.length > 1
      ? subs
          .slice(0, 10)
          .map((x) => safeText(x.email))
          .join('\n') + (subs.length > 10 ? '\n…' : '')
      : undefined;
  if (!(await app.ui.confirm(message, detail, vscode.l10n.t('Delete')))) return false;
  const gone: string[] = [];
  try {
    const writing = { kind: 'subscriber' as const, ids: subs.map((x) => x.id), label: vscode.l10n.t('Deleting…') };
    const { later } = await app.changes.during(writing, () =>
      withProgress(vscode.l10n.t('Deleting {0}…', who(subs)), (signal, report) =>
        session.provider().deleteSubscribers(subs, {
          signal,
          onDeleted: (x) => {
            gone.push(x.id);
            if (subs.length > 1) report(vscode.l10n.t('{0} of {1}', gone.length, subs.length));
          },
        }),
      ),
    );
    void vscode.window.showInformationMessage(
      later ? vscode.l10n.t('{0} will be deleted shortly.', who(subs)) : vscode.l10n.t('{0} deleted.', who(subs)),
    );
    return true;
  } catch (e) {
    showWriteError(
      e,
      'newsletter.refreshSubscribers',
      gone.length ? vscode.l10n.t('{0} of {1} deleted.', gone.length, subs.length) : undefined,
    );
    return false;
  } finally {
    if (gone.length) app.changes.fire({ session, subscribers: { remove: gone } });
  }
}

/**
 * Edit Subscriber…: names (and Sender's phone) in boxes filled with what is there; given arguments (tests) skip the
 * boxes. The row changes in place.
 */
export async function editSubscriber(app: Services, row?: unknown, given?: SubscriberChanges): Promise<Subscriber | undefined> {
  const session = app.connections.active;
  const [sub] = chosenSubscribers(app, row);
  if (!session || !sub) return undefined;
  let changes = given;
  if (!changes) {
    const title = vscode.l10n.t('Edit {0}', safeText(sub.email));
    const ask = (prompt: string, value?: string) => vscode.window.showInputBox({ title, prompt, value: value ?? '', ignoreFocusOut: true });
    const firstName = await ask(vscode.l10n.t('First name'), sub.firstName);
    if (firstName === undefined) return undefined;
    const lastName = await ask(vscode.l10n.t('Last name'), sub.lastName);
    if (lastName === undefined) return undefined;
    const phone = session.descriptor.editsPhone ? await ask(vscode.l10n.t('Phone, with the country code (+370…)'), sub.phone) : undefined;
    if (session.descriptor.editsPhone && phone === undefined) return undefined;
    const fields = await askCustomFields(session, sub, ask);
    if (!fields) return undefined;
    changes = {
      firstName: firstName.trim(),
      lastName: lastName.trim(),
      phone: phone?.trim(),
      ...(Object.keys(fields).length ? { fields } : {}),
    };
  }
  const wanted = changes;
  try {
    const updated = await app.changes.during({ kind: 'subscriber', ids: [sub.id], label: vscode.l10n.t('Saving…') }, () =>
      withProgress(vscode.l10n.t('Saving {0}…', safeText(sub.email)), (signal) =>
        session.provider().updateSubscriber(sub, wanted, { signal }),
      ),
    );
    showChanged(app, session, [updated]);
    vscode.window.setStatusBarMessage(vscode.l10n.t('{0} was updated.', safeText(sub.email)), 5000);
    return updated;
  } catch (e) {
    showWriteError(e, 'newsletter.refreshSubscribers');
    return undefined;
  }
}

/**
 * Sender's custom fields, one box each, filled with the subscriber's value (`columns`); only the changed ones are
 * sent. Undefined when a box was dismissed; none where the API has no fields.
 */
async function askCustomFields(
  session: Session,
  sub: Subscriber,
  ask: (prompt: string, value?: string) => Thenable<string | undefined>,
): Promise<SubscriberChanges['fields'] | undefined> {
  const provider = session.provider();
  const listFields = provider.listFields?.bind(provider);
  if (!listFields) return {};
  let all;
  try {
    all = await withProgress(vscode.l10n.t('Loading custom fields…'), (signal) => listFields({ signal }));
  } catch (e) {
    showError(e);
    return undefined;
  }
  const columns = Array.isArray(sub.raw.columns) ? sub.raw.columns.filter(isRecord) : [];
  const out: NonNullable<SubscriberChanges['fields']> = {};
  for (const f of all) {
    const now = columns.find((c) => String(c.id) === f.id)?.value;
    const text = now === undefined || now === null ? '' : safeText(now, [], 2000, 'escaped');
    const value = await ask(vscode.l10n.t('{0} ({1}, a custom field)', safeText(f.title, [], 80), f.type), text);
    if (value === undefined) return undefined;
    if (value.trim() !== text) out[f.id] = { tag: f.tag, value: value.trim() };
  }
  return out;
}

export async function copyEmails(app: Services, row?: unknown, rows?: unknown): Promise<void> {
  const subs = chosenSubscribers(app, row, rows);
  if (!subs.length) return;
  await vscode.env.clipboard.writeText(subs.map((x) => x.email).join('\n'));
  vscode.window.setStatusBarMessage(
    subs.length === 1 ? vscode.l10n.t('Copied {0}', safeText(subs[0].email)) : vscode.l10n.t('Copied {0} emails', subs.length),
    3000,
  );
}
