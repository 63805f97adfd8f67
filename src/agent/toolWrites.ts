/** The chat tools that write on people (add to or remove from a list, unsubscribe), each asked first: who, where. */
import * as vscode from 'vscode';

type PreparedToolInvocation = vscode.PreparedToolInvocation;
import type { Subscriber, SubscriberList } from '../api';
import type { Session } from '../connections/session';
import type { Services } from '../app/services';
import { type Input, ROWS, type Tool, answer, readSoFar, ready, refuse, text } from './toolParts';

/** The people named by address among those read so far (the walk and the view's rows), and the addresses not found. */
function people(app: Services, session: Session, emails: unknown): { found: Subscriber[]; unknown: string[] } {
  const wanted = (Array.isArray(emails) ? emails : [])
    .map((e) => String(e).trim().toLowerCase())
    .filter(Boolean)
    .slice(0, 1000);
  const byEmail = new Map<string, Subscriber>();
  for (const s of readSoFar(app, session)) byEmail.set(s.email.toLowerCase(), s);
  const found = [...new Set(wanted)].map((e) => byEmail.get(e)).filter((s): s is Subscriber => !!s);
  return { found, unknown: wanted.filter((e) => !byEmail.has(e)) };
}

const addresses = (xs: readonly string[]) => xs.slice(0, 10).map(text).join(', ') + (xs.length > 10 ? ` and ${xs.length - 10} more` : '');

/** What a write on people would do, or why it cannot: shared by its confirmation and its run. */
interface PeopleWrite {
  session: Session;
  found: Subscriber[];
  unknown: string[];
  list?: SubscriberList;
}

async function peopleWrite(app: Services, input: Input, withList: 'added' | 'removed' | false): Promise<string | PeopleWrite> {
  const session = ready(app);
  if (typeof session === 'string') return session;
  const { found, unknown } = people(app, session, input.emails);
  const named = unknown.length ? ` (${addresses(unknown)})` : '';
  if (!found.length) return `None of those addresses is among the subscribers read so far${named}: nothing to do.`;
  if (!withList) return { session, found, unknown };
  const kind = session.descriptor.listKinds.find((k) => k.editable);
  const list = kind && (await app.lists.allLists(kind.kind)).find((l) => l.name === String(input.list ?? ''));
  if (!list) return `${text(session.profile.label)} has no ${kind?.noun ?? 'list'} named "${text(input.list)}": nothing was ${withList}.`;
  return { session, found, unknown, list };
}

function confirmPeople(title: string, found: readonly Subscriber[], unknown: readonly string[], before = ''): PreparedToolInvocation {
  const left = unknown.length ? ` Not among the subscribers read so far, left alone: ${addresses(unknown)}.` : '';
  const message = `${before}${addresses(found.map((s) => s.email))}.${left}`;
  return { invocationMessage: title.replace(/\?$/, '…'), confirmationMessages: { title, message } };
}

/** Add to a group or tag: asked first, naming the list, its members now, and who. */
export function addToListTool(app: Services): Tool<Input> {
  return {
    prepareInvocation: async ({ input }) => {
      const w = await peopleWrite(app, input, 'added').catch(() => undefined);
      if (!w || typeof w === 'string' || !w.list) return { invocationMessage: 'Checking the list…' };
      const now = w.list.count === undefined ? '' : ` (${w.list.count.toLocaleString('en-US')} members now)`;
      return confirmPeople(`Add ${w.found.length} to ${text(w.list.name)}${now} in ${text(w.session.profile.label)}?`, w.found, w.unknown);
    },
    invoke: async ({ input }) => {
      const w = await peopleWrite(app, input, 'added');
      if (typeof w === 'string') return refuse(w);
      const rows = w.found.map((item) => ({ type: 'item', item }));
      const added = await vscode.commands.executeCommand<number>('newsletter.addToList', undefined, rows, w.list);
      const what = `Added to ${text(w.list?.name)} (the notification names any the service did not add)`;
      return answer(what, { added: added ?? 0, notFound: w.unknown.slice(0, ROWS).map(text) });
    },
  };
}

/** Remove from a group or tag: asked first, naming the list and who; they stay subscribers. */
export function removeFromListTool(app: Services): Tool<Input> {
  return {
    prepareInvocation: async ({ input }) => {
      const w = await peopleWrite(app, input, 'removed').catch(() => undefined);
      if (!w || typeof w === 'string' || !w.list) return { invocationMessage: 'Checking the list…' };
      const title = `Remove ${w.found.length} from ${text(w.list.name)} in ${text(w.session.profile.label)}?`;
      return confirmPeople(title, w.found, w.unknown, 'They stay subscribers; only their membership ends: ');
    },
    invoke: async ({ input }) => {
      const w = await peopleWrite(app, input, 'removed');
      if (typeof w === 'string' || !w.list) return refuse(typeof w === 'string' ? w : 'No list: nothing was removed.');
      const list = w.list;
      const rows = w.found.map((item) => ({ type: 'item', item, list }));
      const removed = await vscode.commands.executeCommand<number>('newsletter.removeFromList', undefined, rows);
      return answer(`Removed from ${text(list.name)}`, { removed: removed ?? 0, notFound: w.unknown.slice(0, ROWS).map(text) });
    },
  };
}

/** Unsubscribe: asked first, naming who. (Delete and Send Now stay with the person, in the views.) */
export function unsubscribeTool(app: Services): Tool<Input> {
  return {
    prepareInvocation: async ({ input }) => {
      const w = await peopleWrite(app, input, false).catch(() => undefined);
      if (!w || typeof w === 'string') return { invocationMessage: 'Checking who…' };
      const title = `Unsubscribe ${w.found.length} in ${text(w.session.profile.label)}?`;
      return confirmPeople(title, w.found, w.unknown, 'They stay in the account and their lists, unsubscribed: ');
    },
    invoke: async ({ input }) => {
      const w = await peopleWrite(app, input, false);
      if (typeof w === 'string') return refuse(w);
      const rows = w.found.map((item) => ({ type: 'item', item }));
      const done = (await vscode.commands.executeCommand<Subscriber[]>('newsletter.unsubscribe', undefined, rows)) ?? [];
      const result = { unsubscribed: done.map((s) => text(s.email)), notFound: w.unknown.slice(0, ROWS).map(text) };
      return answer('Unsubscribed (those already unsubscribed were left as they were)', result);
    },
  };
}
