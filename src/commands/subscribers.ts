import * as vscode from 'vscode';
import { type NewsletterProvider, type SubscriberList, NotFoundError, type Subscriber, type SubscriberChanges, type SubscriberSortField, type SubscriberStatus, ValidationError, safeText, editableListKind, isRecord } from '../api';
import type { Session } from '../connections/session';
import { SUBSCRIBER_STATUS_NAMES, subscriberName } from '../views/subscribersView';
import { errorText } from '../views/errorText';
import { command, type Services, showError, showWriteError, withProgress } from './services';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface AddSubscriberArgs {
  email: string;
  firstName?: string;
  lastName?: string;
  /** Given arguments only: update the subscriber when the address exists (the box asks instead). */
  update?: boolean;
  /** Groups or tags to add them to, by id. */
  lists?: string[];
  /** Sender: start the automations this sign-up triggers (off unless asked). */
  startAutomations?: boolean;
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
    await vscode.commands.executeCommand('newsletter.openDetails', { type: 'item', item: subscriber });
    return subscriber;
  } catch (e) {
    // Nobody by that key is an answer, not a failure: say so plainly, quoting what the user typed.
    if (e instanceof NotFoundError) {
      const search = vscode.l10n.t('Search Instead');
      void vscode.window.showInformationMessage(vscode.l10n.t('No subscriber {0} in {1}.', safeText(key.trim(), [], 120), session.profile.label), search).then((choice) => {
        // A search through names and emails for what was typed, never the exact lookup again.
        if (choice === search) void scanWithPick(s, key.trim());
      });
    } else showError(e);
    return undefined;
  }
}

/** For Add Subscriber: the lists to put a new subscriber in, and (Sender) whether to start automations. */
export async function pickListsForNew(s: Services): Promise<{ lists: string[]; startAutomations: boolean } | undefined> {
  const session = s.connections.active;
  const kind = session && editableListKind(session.descriptor);
  if (!session || !kind) return { lists: [], startAutomations: false };
  let lists: readonly SubscriberList[] = [];
  try {
    lists = await s.lists.allLists(kind.kind);
  } catch {
    // The lists could not be read: the subscriber can still be added without them.
  }
  const automation = session.descriptor.startsAutomations;
  type Item = vscode.QuickPickItem & { id?: string };
  const items: Item[] = lists.map((l) => ({ label: safeText(l.name, [], 120), id: l.id }));
  if (automation) {
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: vscode.l10n.t('Start automations for this subscriber'), description: vscode.l10n.t('welcome emails and other automations may be sent') });
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

async function askNewSubscriber(s: Services, start: Partial<AddSubscriberArgs>): Promise<AddSubscriberArgs | undefined> {
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
  const extra = await pickListsForNew(s);
  if (!extra) return undefined;
  return { email: email.trim(), firstName: firstName.trim() || undefined, lastName: lastName.trim() || undefined, ...extra };
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
  let input = given ?? (await askNewSubscriber(s, {}));
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
      const { subscriber, created } = await withProgress(vscode.l10n.t('Saving {0}…', wanted.email), (signal) => provider.addSubscriber({ ...wanted, exists: !!before }, { signal }));
      s.subscribers.prepend(subscriber);
      for (const id of wanted.lists ?? []) {
        const list = s.lists.listsOf(editableListKind(session.descriptor)?.kind ?? 'tag')?.state.items.find((l) => l.id === id);
        if (list) s.lists.membershipChanged(list, [subscriber], true);
      }
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
      input = (await vscode.window.showErrorMessage(errorText(e), edit)) === edit ? await askNewSubscriber(s, input) : undefined;
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
  return scanWithPick(s, text);
}

/** Lists the matches of a partial search as the pages arrive; picking one selects it in the tree and opens it. */
async function scanWithPick(s: Services, text: string): Promise<undefined> {
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

type SubscriberRow = { type: 'item'; item: Subscriber };

const isSubscriberRow = (r: unknown): r is SubscriberRow =>
  typeof r === 'object' && r !== null && (r as SubscriberRow).type === 'item' && typeof (r as SubscriberRow).item?.email === 'string';

/**
 * The subscribers a command acts on: the rows selected together (a tree passes the clicked row and the selection),
 * else the row given, else what is selected in the Subscribers view (from the palette).
 */
export function chosenSubscribers(s: Services, row?: unknown, rows?: unknown): Subscriber[] {
  const given = Array.isArray(rows) && rows.length ? rows : row !== undefined ? [row] : [...s.subscribers.view.selection];
  const seen = new Set<string>();
  return given.filter(isSubscriberRow).map((r) => r.item).filter((x) => !seen.has(x.id) && !!seen.add(x.id));
}

/** Subscribers changed here show so everywhere they are loaded, in place. */
export function showChanged(s: Services, changed: readonly Subscriber[]): void {
  if (!changed.length) return;
  s.subscribers.apply({ replace: changed });
  s.lists.replaceSubscribers(changed);
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
async function setSubscribed(s: Services, subscribed: boolean, row?: unknown, rows?: unknown): Promise<Subscriber[]> {
  const session = s.connections.active;
  const subs = chosenSubscribers(s, row, rows).filter((x) => (x.status === 'unsubscribed') === subscribed);
  if (!session || !subs.length) return [];
  const { done, error } = await eachSubscriber(
    subscribed ? vscode.l10n.t('Resubscribing {0}…', who(subs)) : vscode.l10n.t('Unsubscribing {0}…', who(subs)),
    subs,
    (x, signal) => session.provider().setSubscribed(x, subscribed, { signal }),
  );
  showChanged(s, done);
  const said =
    subs.length === 1
      ? subscribed ? vscode.l10n.t('{0} is subscribed again.', who(done)) : vscode.l10n.t('{0} is unsubscribed.', who(done))
      : subscribed ? vscode.l10n.t('{0} of {1} resubscribed.', done.length, subs.length) : vscode.l10n.t('{0} of {1} unsubscribed.', done.length, subs.length);
  if (error) showWriteError(error, 'newsletter.refreshSubscribers', done.length ? said : undefined);
  else vscode.window.setStatusBarMessage(said, 5000);
  return done;
}

/** Deletes the chosen subscribers after a modal that names them or their count; rows disappear without a reload. */
async function deleteSubscribers(s: Services, row?: unknown, rows?: unknown, confirmed = false): Promise<boolean> {
  const session = s.connections.active;
  const subs = chosenSubscribers(s, row, rows);
  if (!session || !subs.length) return false;
  if (!confirmed) {
    const del = vscode.l10n.t('Delete');
    const message =
      subs.length === 1
        ? vscode.l10n.t('Delete {0} from {1}? This cannot be undone.', who(subs), session.profile.label)
        : vscode.l10n.t('Delete {0} subscribers from {1}? This cannot be undone.', subs.length, session.profile.label);
    const detail = subs.length > 1 ? subs.slice(0, 10).map((x) => safeText(x.email)).join('\n') + (subs.length > 10 ? '\n…' : '') : undefined;
    if ((await vscode.window.showWarningMessage(message, { modal: true, detail }, del)) !== del) return false;
  }
  const gone: string[] = [];
  try {
    const { later } = await withProgress(vscode.l10n.t('Deleting {0}…', who(subs)), (signal, report) =>
      session.provider().deleteSubscribers(subs, {
        signal,
        onDeleted: (x) => {
          gone.push(x.id);
          if (subs.length > 1) report(vscode.l10n.t('{0} of {1}', gone.length, subs.length));
        },
      }),
    );
    void vscode.window.showInformationMessage(later ? vscode.l10n.t('{0} will be deleted shortly.', who(subs)) : vscode.l10n.t('{0} deleted.', who(subs)));
    return true;
  } catch (e) {
    showWriteError(e, 'newsletter.refreshSubscribers', gone.length ? vscode.l10n.t('{0} of {1} deleted.', gone.length, subs.length) : undefined);
    return false;
  } finally {
    s.subscribers.apply({ remove: gone });
    s.lists.removeSubscribers(gone);
  }
}

/**
 * Edit Subscriber…: names (and Sender's phone) in boxes filled with what is there; given arguments (tests) skip the
 * boxes. The row changes in place.
 */
async function editSubscriber(s: Services, row?: unknown, given?: SubscriberChanges): Promise<Subscriber | undefined> {
  const session = s.connections.active;
  const [sub] = chosenSubscribers(s, row);
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
    changes = { firstName: firstName.trim(), lastName: lastName.trim(), phone: phone?.trim(), ...(Object.keys(fields).length ? { fields } : {}) };
  }
  const wanted = changes;
  try {
    const updated = await withProgress(vscode.l10n.t('Saving {0}…', safeText(sub.email)), (signal) => session.provider().updateSubscriber(sub, wanted, { signal }));
    showChanged(s, [updated]);
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

async function copyEmails(s: Services, row?: unknown, rows?: unknown): Promise<void> {
  const subs = chosenSubscribers(s, row, rows);
  if (!subs.length) return;
  await vscode.env.clipboard.writeText(subs.map((x) => x.email).join('\n'));
  vscode.window.setStatusBarMessage(subs.length === 1 ? vscode.l10n.t('Copied {0}', safeText(subs[0].email)) : vscode.l10n.t('Copied {0} emails', subs.length), 3000);
}

/** Filter Subscribers…: a status, shown page by page (neither API filters subscribers by status). */
async function filterSubscribers(s: Services, given?: SubscriberStatus | 'all'): Promise<void> {
  const session = s.connections.active;
  if (!session) return;
  let choice = given;
  if (!choice) {
    const current = s.subscriberFilter.value.status;
    const pick = await vscode.window.showQuickPick(
      [
        { label: vscode.l10n.t('All subscribers'), status: 'all' as const, description: current ? undefined : vscode.l10n.t('current') },
        ...session.descriptor.subscriberStatuses.map((status) => ({ label: SUBSCRIBER_STATUS_NAMES[status], status, description: status === current ? vscode.l10n.t('current') : undefined })),
      ],
      { title: vscode.l10n.t('Show Subscribers by Status'), placeHolder: vscode.l10n.t("{0}'s API has no status filter: each loaded page is filtered here", session.descriptor.displayName) },
    );
    if (!pick) return;
    choice = pick.status;
  }
  await s.subscriberFilter.set({ ...s.subscriberFilter.value, status: choice === 'all' ? undefined : choice });
  s.subscribers.refresh(false);
}

/** Sort Subscribers…: the orders the API offers (Sender); SendPortal has only its own, and the command says so. */
async function sortSubscribers(s: Services, given?: { field: SubscriberSortField; direction: 'asc' | 'desc' } | 'default'): Promise<void> {
  const session = s.connections.active;
  if (!session) return;
  const fields = session.descriptor.subscriberSorts;
  if (!fields.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t("{0}'s API lists subscribers in one order only.", session.descriptor.displayName));
    return;
  }
  let choice = given;
  if (!choice) {
    const items = [
      { label: vscode.l10n.t("The API's order"), sort: 'default' as const },
      ...fields.flatMap((field) => (['asc', 'desc'] as const).map((direction) => ({ label: s.subscriberFilter.sortName(field, direction), sort: { field, direction } }))),
    ];
    const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Sort Subscribers') });
    if (!pick) return;
    choice = pick.sort;
  }
  await s.subscriberFilter.set({ ...s.subscriberFilter.value, sort: choice === 'default' ? undefined : choice });
  s.subscribers.refresh(false);
}

/** Open in Web App: the item's page in the service's own app, in the browser. */
async function openInWebApp(s: Services, row?: { type: 'item'; item: { id: string; email?: string } }): Promise<string | undefined> {
  const session = s.connections.active;
  const item = row?.type === 'item' ? row.item : undefined;
  if (!session || !item) return undefined;
  const url = session.descriptor.webUrl(session.descriptor.apiBase(session.profile.baseUrl), { kind: 'email' in item ? 'subscriber' : 'campaign', id: item.id });
  await vscode.env.openExternal(vscode.Uri.parse(url));
  return url;
}

export function registerSubscriberCommands(s: Services): vscode.Disposable[] {
  return [
    command(s, 'newsletter.refreshSubscribers', () => s.subscribers.refresh()),
    command(s, 'newsletter.unsubscribe', (row?: unknown, rows?: unknown) => setSubscribed(s, false, row, rows)),
    command(s, 'newsletter.resubscribe', (row?: unknown, rows?: unknown) => setSubscribed(s, true, row, rows)),
    // From a tree: (row, selected rows). From tests: (row, true) confirms.
    command(s, 'newsletter.deleteSubscriber', (row?: unknown, rows?: unknown) => deleteSubscribers(s, row, Array.isArray(rows) ? rows : undefined, rows === true)),
    command(s, 'newsletter.editSubscriber', (row?: unknown, changes?: unknown) => editSubscriber(s, row, typeof changes === 'object' && changes !== null && !Array.isArray(changes) ? (changes as SubscriberChanges) : undefined)),
    command(s, 'newsletter.findSubscriber', (key?: string) => findSubscriber(s, typeof key === 'string' ? key : undefined)),
    command(s, 'newsletter.searchSubscribers', (text?: string) => searchSubscribers(s, typeof text === 'string' ? text : undefined)),
    command(s, 'newsletter.addSubscriber', (args?: AddSubscriberArgs) => addSubscriber(s, args?.email !== undefined ? args : undefined)),
    command(s, 'newsletter.copyEmail', (row?: unknown, rows?: unknown) => copyEmails(s, row, rows)),
    command(s, 'newsletter.filterSubscribers', (status?: SubscriberStatus | 'all') => filterSubscribers(s, typeof status === 'string' ? status : undefined)),
    command(s, 'newsletter.filterSubscribersOn', () => filterSubscribers(s)),
    command(s, 'newsletter.sortSubscribers', (sort?: { field: SubscriberSortField; direction: 'asc' | 'desc' } | 'default') => sortSubscribers(s, sort)),
    command(s, 'newsletter.openInWebApp', (row?: { type: 'item'; item: { id: string; email?: string } }) => openInWebApp(s, row)),
  ];
}
