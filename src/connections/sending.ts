/**
 * What every sending write (Send Now, Schedule, a newsletter file's `send_at`) confirms: the campaign as the server
 * holds it now — its audience by name, how many that reaches, its subject and sender — read immediately before the
 * confirmation, written exactly so, and read back after. A send that reaches no one is refused with the reason.
 */
import * as vscode from 'vscode';
import { type Campaign, type NewsletterProvider, type SubscriberList, editableListKind, safeText, sendingChanges } from '../api';
import type { Session } from './session';

const fmt = (n: number) => n.toLocaleString('en-US');

/** How many a campaign reaches: exact, or at most (people in several lists, or unsubscribed ones counted). */
interface Reach {
  count?: number;
  upTo?: boolean;
}

/** Every list of a kind, read now (the counts must be today's, not the Lists view's). */
async function listsNow(p: NewsletterProvider, kind: SubscriberList['kind'], signal?: AbortSignal): Promise<SubscriberList[]> {
  const all: SubscriberList[] = [];
  for (let page = 1; page <= 50; page++) {
    const r = await p.listLists(kind, page, { signal });
    all.push(...r.items);
    if (!r.hasMore) break;
  }
  return all;
}

/**
 * Whom the campaign's audience reaches, read now. SendPortal: each tag's members (one request a tag), the active
 * ones counted once; everyone: every subscriber (unsubscribed ones included: its API does not count them apart).
 * Sender: the groups' active subscribers (summed: a person in two groups is counted twice, so "at most").
 */
async function reachOf(session: Session, c: Campaign, all: Promise<SubscriberList[]>, signal?: AbortSignal): Promise<Reach> {
  const p = session.provider();
  try {
    if (c.toAll) return { count: (await p.listSubscribers(1, { signal })).total, upTo: true };
    const kind = editableListKind(session.descriptor)?.kind;
    if (!kind || !c.audience.length) return { count: c.audience.length ? undefined : 0 };
    if (session.profile.provider === 'sender') {
      const lists = (await all).filter((l) => c.audience.includes(l.id) || c.audience.includes(l.name));
      const counts = lists.map((l) => l.active ?? l.count);
      if (lists.length < c.audience.length || counts.some((n) => n === undefined)) return {};
      return { count: counts.reduce<number>((a, n) => a + (n ?? 0), 0), upTo: lists.length > 1 };
    }
    const ids = new Set<string>();
    for (const id of c.audience) {
      const list: SubscriberList = { id, kind, name: id, raw: {} };
      for (let page = 1; ; page++) {
        const members = await p.listMembers(list, page, { signal });
        for (const m of members.items) if (m.status === 'active') ids.add(m.id);
        if (!members.hasMore) break;
      }
    }
    return { count: ids.size };
  } catch {
    return {}; // the confirmation then says the API does not tell
  }
}

/** The campaign's audience by name: its list ids looked up among the service's lists, read now. */
async function audienceNames(c: Campaign, all: Promise<SubscriberList[]>): Promise<string[]> {
  if (c.toAll || !c.audience.length) return [];
  try {
    const names = new Map((await all).map((l) => [l.id, l.name]));
    return c.audience.map((a) => names.get(a) ?? a);
  } catch {
    return c.audience;
  }
}

/** What the person is shown and what is then written. */
export interface SendingState {
  /** The campaign as the server holds it now (what the write is checked against). */
  fresh: Campaign;
  /** "Customers, Beta (702 recipients)". */
  to: string;
  /** Subject, sender, and what changed since the row was loaded, for the modal's detail. */
  facts: string[];
  reach: Reach;
}

/** Reads the campaign now, with its audience, names and reach, for the confirmation. */
export async function readSendingState(session: Session, row: Campaign, signal?: AbortSignal): Promise<SendingState> {
  const fresh = await session.provider().readForSending(row.id, { signal });
  // The service's lists, read once for both the names and (Sender) the counts.
  const kind = editableListKind(session.descriptor)?.kind;
  const all = kind && !fresh.toAll && fresh.audience.length ? listsNow(session.provider(), kind, signal) : Promise.resolve([]);
  all.catch(() => undefined); // each reader handles a failure in its own words
  const [names, reach] = await Promise.all([audienceNames(fresh, all), reachOf(session, fresh, all, signal)]);
  const who = fresh.toAll
    ? vscode.l10n.t('all subscribers')
    : names.length
      ? names.map((a) => safeText(a, [], 60)).join(', ')
      : vscode.l10n.t('no one');
  const service = session.descriptor.displayName;
  const to =
    reach.count === undefined
      ? vscode.l10n.t("{0} ({1}'s API does not say how many)", who, service)
      : reach.upTo
        ? vscode.l10n.t('{0} (at most {1} recipients)', who, fmt(reach.count))
        : vscode.l10n.t('{0} ({1} recipients)', who, fmt(reach.count));
  const facts = [
    fresh.subject ? vscode.l10n.t('Subject: {0}.', safeText(fresh.subject, [], 120)) : '',
    fresh.from ? vscode.l10n.t('From: {0}.', safeText(fresh.from, [], 120)) : '',
  ].filter(Boolean);
  // A row from a list has its audience only where the list carries it (SendPortal's index does, Sender's list too).
  const loaded =
    row.audience.length || row.toAll !== undefined
      ? sendingChanges(row, fresh)
      : sendingChanges({ ...row, audience: fresh.audience, toAll: fresh.toAll }, fresh);
  if (loaded.length) facts.push(vscode.l10n.t('Changed in {0} since the list was loaded: {1}.', service, loaded.join(', ')));
  return { fresh, to, facts, reach };
}

/** Why a send cannot go, in words; undefined when it can. */
export function refusal(state: SendingState): string | undefined {
  if (state.reach.count === 0) {
    return state.fresh.toAll
      ? vscode.l10n.t('Not sent: "{0}" goes to every subscriber, and there are none.', safeText(state.fresh.title, [], 80))
      : vscode.l10n.t(
          'Not sent: "{0}" reaches no one: its audience has no active subscribers. Choose its lists first.',
          safeText(state.fresh.title, [], 80),
        );
  }
  return undefined;
}
