import * as vscode from 'vscode';
import { type ListKindInfo, type NotAdded, type Subscriber, type SubscriberList, safeText, editableListKind } from '../api';
import type { ListsRow } from '../views/listsView';
import { type Services, showError, showWriteError, withProgress } from '../app/services';
import { chosenSubscribers } from './subscriberEdit';
import { fmt } from '../views/format';

/** The kind of list the service can create, rename and delete (Sender: groups; SendPortal: tags). */
function editableKind(app: Services): ListKindInfo | undefined {
  return app.connections.active && editableListKind(app.connections.active.descriptor);
}

const listRow = (row: unknown): SubscriberList | undefined =>
  (row as ListsRow | undefined)?.type === 'list' ? (row as { list: SubscriberList }).list : undefined;

/** Picks one list of the editable kind, loading them all first; `placeHolder` says what for. */
export async function pickList(app: Services, placeHolder: string): Promise<SubscriberList | undefined> {
  const kind = editableKind(app);
  if (!kind) return undefined;
  let lists: readonly SubscriberList[];
  try {
    lists = await withProgress(vscode.l10n.t('Loading {0}…', kind.label.toLowerCase()), () => app.lists.allLists(kind.kind));
  } catch (e) {
    showError(e);
    return undefined;
  }
  if (!lists.length) {
    const create = vscode.l10n.t('Create {0}', kind.noun);
    if ((await vscode.window.showInformationMessage(vscode.l10n.t('There are no {0} yet.', kind.label.toLowerCase()), create)) === create)
      return createList(app);
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    lists.map((list) => ({
      label: safeText(list.name, [], 120),
      description: list.count === undefined ? undefined : fmt(list.count),
      list,
    })),
    { title: placeHolder, placeHolder: vscode.l10n.t('Choose a {0}', kind.noun) },
  );
  return pick?.list;
}

async function askName(title: string, value = ''): Promise<string | undefined> {
  const name = await vscode.window.showInputBox({
    title,
    value,
    ignoreFocusOut: true,
    validateInput: (v) =>
      !v.trim() ? vscode.l10n.t('Enter a name.') : v.trim().length > 255 ? vscode.l10n.t('At most 255 characters.') : undefined,
  });
  return name?.trim() || undefined;
}

export async function createList(app: Services, given?: string): Promise<SubscriberList | undefined> {
  const session = app.connections.active;
  const kind = editableKind(app);
  if (!session || !kind) return undefined;
  const name = given ?? (await askName(vscode.l10n.t('New {0} in {1}', kind.noun, session.profile.label)));
  if (!name) return undefined;
  try {
    const list = await withProgress(vscode.l10n.t('Creating {0}…', name), (signal) =>
      session.provider().createList(kind.kind, name, { signal }),
    );
    app.changes.fire({ session, lists: { add: [list] } });
    vscode.window.setStatusBarMessage(vscode.l10n.t('The {0} "{1}" was created.', kind.noun, safeText(list.name)), 5000);
    return list;
  } catch (e) {
    showWriteError(e, 'newsletter.refreshLists');
    return undefined;
  }
}

export async function renameList(app: Services, row?: unknown, given?: string): Promise<SubscriberList | undefined> {
  const session = app.connections.active;
  const list = listRow(row);
  if (!session || !list) return undefined;
  const name = given ?? (await askName(vscode.l10n.t('Rename "{0}"', safeText(list.name)), list.name));
  if (!name || name === list.name) return undefined;
  try {
    const renamed = await withProgress(vscode.l10n.t('Renaming {0}…', safeText(list.name)), (signal) =>
      session.provider().renameList(list, name, { signal }),
    );
    app.changes.fire({
      session,
      lists: { replace: [{ ...renamed, count: renamed.count ?? list.count, active: renamed.active ?? list.active }] },
    });
    return renamed;
  } catch (e) {
    showWriteError(e, 'newsletter.refreshLists');
    return undefined;
  }
}

/** Deletes a group or tag after a modal naming it and its member count; its subscribers stay. */
export async function deleteList(app: Services, row?: unknown): Promise<boolean> {
  const session = app.connections.active;
  const list = listRow(row);
  const kind = session?.descriptor.listKinds.find((k) => k.kind === list?.kind);
  if (!session || !list || !kind?.editable) return false;
  const members =
    list.count === undefined
      ? ''
      : ` (${list.count === 1 ? vscode.l10n.t('1 subscriber') : vscode.l10n.t('{0} subscribers', fmt(list.count))})`;
  const sure = await app.ui.confirm(
    vscode.l10n.t('Delete the {0} "{1}"{2}?', kind.noun, safeText(list.name), members),
    vscode.l10n.t('Its subscribers stay in {0}; only the {1} goes. This cannot be undone.', session.profile.label, kind.noun),
    vscode.l10n.t('Delete'),
  );
  if (!sure) return false;
  try {
    await withProgress(vscode.l10n.t('Deleting {0}…', safeText(list.name)), (signal) => session.provider().deleteList(list, { signal }));
    app.changes.fire({ session, lists: { remove: [list.id] } });
    vscode.window.setStatusBarMessage(vscode.l10n.t('The {0} "{1}" was deleted.', kind.noun, safeText(list.name)), 5000);
    return true;
  } catch (e) {
    showWriteError(e, 'newsletter.refreshLists');
    return false;
  }
}

/** The subscriber as it is now in a list (names of groups/tags), for rows that show them. */
function withList(x: Subscriber, list: SubscriberList, added: boolean): Subscriber {
  const tags = x.tags.filter((t) => t !== list.name);
  return { ...x, tags: added ? [...tags, list.name] : tags };
}

/** Add to Group/Tag…: the chosen subscribers join a list in one call; its count and rows follow in place. */
export async function addToList(app: Services, row?: unknown, rows?: unknown, given?: SubscriberList): Promise<number> {
  const session = app.connections.active;
  const subs = chosenSubscribers(app, row, rows);
  if (!session || !subs.length) return 0;
  const kind = editableKind(app);
  const list =
    given ??
    (await pickList(
      app,
      vscode.l10n.t(
        'Add {0} to a {1}',
        subs.length === 1 ? safeText(subs[0].email) : vscode.l10n.t('{0} subscribers', subs.length),
        kind?.noun ?? '',
      ),
    ));
  if (!list) return 0;
  return changeMembership(app, list, subs, true);
}

/** Remove from Group/Tag: the members chosen in the Lists view leave their list; the subscribers stay. */
export async function removeFromList(app: Services, row?: unknown, rows?: unknown): Promise<number> {
  const picked = (Array.isArray(rows) && rows.length ? rows : [row]) as ListsRow[];
  const first = picked.find((r) => r?.type === 'item' && 'list' in r) as { list: SubscriberList } | undefined;
  if (!first) return 0;
  const subs = chosenSubscribers(
    app,
    row,
    picked.filter((r) => r.type === 'item' && 'list' in r && r.list.id === first.list.id),
  );
  return changeMembership(app, first.list, subs, false);
}

/** Who a join left out, in words: "Not subscribers: a@x.org. Not valid addresses: b@". */
function notAddedWords(left: NotAdded | undefined): string {
  const list = (xs: string[]) =>
    xs
      .slice(0, 5)
      .map((e) => safeText(e, [], 80))
      .join(', ') + (xs.length > 5 ? vscode.l10n.t(' and {0} more', xs.length - 5) : '');
  return [
    left?.missing.length ? vscode.l10n.t('Not subscribers of this account: {0}.', list(left.missing)) : '',
    left?.invalid.length ? vscode.l10n.t('Not valid addresses: {0}.', list(left.invalid)) : '',
  ]
    .filter(Boolean)
    .join(' ');
}

async function changeMembership(app: Services, list: SubscriberList, subs: Subscriber[], added: boolean): Promise<number> {
  const session = app.connections.active;
  if (!session || !subs.length) return 0;
  const name = safeText(list.name);
  const what = subs.length === 1 ? safeText(subs[0].email) : vscode.l10n.t('{0} subscribers', subs.length);
  try {
    const writing = {
      kind: 'subscriber' as const,
      ids: subs.map((x) => x.id),
      label: added ? vscode.l10n.t('Adding to {0}…', name) : vscode.l10n.t('Removing from {0}…', name),
    };
    const left = await app.changes.during(writing, () =>
      withProgress(
        added ? vscode.l10n.t('Adding {0} to {1}…', what, name) : vscode.l10n.t('Removing {0} from {1}…', what, name),
        async (signal) =>
          added
            ? session.provider().addToList(list, subs, { signal })
            : (await session.provider().removeFromList(list, subs, { signal }), undefined),
      ),
    );
    const out = new Set([...(left?.missing ?? []), ...(left?.invalid ?? [])].map((e) => e.toLowerCase()));
    const done = subs.filter((x) => !out.has(x.email.toLowerCase()));
    app.changes.fire({
      session,
      membership: [{ list, subscribers: done, added }],
      subscribers: { replace: done.map((x) => withList(x, list, added)) },
    });
    const words = !added
      ? vscode.l10n.t('{0} removed from {1}.', what, name)
      : done.length === subs.length
        ? vscode.l10n.t('{0} added to {1}.', what, name)
        : vscode.l10n.t('{0} of {1} added to {2}. {3}', done.length, subs.length, name, notAddedWords(left));
    if (done.length === subs.length && subs.length === 1) vscode.window.setStatusBarMessage(words, 5000);
    else void (done.length === subs.length ? vscode.window.showInformationMessage(words) : vscode.window.showWarningMessage(words));
    return done.length;
  } catch (e) {
    showWriteError(e, 'newsletter.refreshLists');
    return 0;
  }
}
