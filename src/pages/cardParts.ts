/** What every card shares: its key, its fields, acting from it on the active connection, what it remembers. */
import * as vscode from 'vscode';
import { type Campaign, type Subscriber, safeText } from '../api';
import type { Session } from '../connections/session';
import { type Services, rateLimitWait } from '../app/services';

export type ItemRow = { type: 'item'; item: Subscriber | Campaign };

export const isSubscriber = (item: Subscriber | Campaign): item is Subscriber => 'email' in item;
export const locale = () => vscode.env.language;
// Cards escape every character of markup themselves: the text is shown as the server wrote it (less controls).
export const field = (label: string, value: unknown) => ({ label, value: safeText(value, [], undefined, 'escaped') });
export const cardKey = (session: Session, kind: string, id: string) => `${session.profile.id}:${kind}:${id}`;

/**
 * Runs a command on the item. Commands act on the active connection: a card from another one asks to switch first
 * rather than act there. What a write changes comes back to the card through its view (see registerCardCommands).
 */
export function act(app: Services, session: Session, item: Subscriber | Campaign, id: string, ...args: unknown[]) {
  return onCard(app, session, () => vscode.commands.executeCommand(id, { type: 'item', item }, ...args));
}

/** What a click on a card does, only while the card's connection is the active one (else it offers to switch). */
export function onCard(app: Services, session: Session, run: () => Thenable<unknown>) {
  return async () => {
    if (app.connections.active?.profile.id === session.profile.id) return void (await run());
    const label = safeText(session.profile.label, [], 80);
    const switchTo = vscode.l10n.t('Switch to {0}', label);
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('This card is from {0}, which is not the active connection.', label),
      switchTo,
    );
    if (answer === switchTo) await vscode.commands.executeCommand('newsletter.switchConnection', session.profile.id);
  };
}

/** The item as the views hold it now (a write here replaced it), or as it was. */
export function current<T extends Subscriber | Campaign>(app: Services, item: T): T {
  const tree = isSubscriber(item) ? app.subscribers : app.campaigns;
  return ((tree.list.state.items as readonly (Subscriber | Campaign)[]).find((x) => x.id === item.id) as T | undefined) ?? item;
}

/** Keeps what a card loaded, newest last, forgetting the oldest past a few dozen cards. */
export function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  const oldest = map.keys().next().value;
  if (map.size > 30 && oldest !== undefined) map.delete(oldest);
}

/** What a card says while it loads: "Loading…", or the rate limit's wait, counting down. */
export function loadingText(session: Session): string {
  const wait = rateLimitWait(session.rateLimit, 'person');
  return wait ? wait.charAt(0).toUpperCase() + wait.slice(1) : vscode.l10n.t('Loading…');
}

/** While a card's load runs: redraws it each second that its text changes (a rate-limit wait counting down). */
export async function countingDown<T>(session: Session, redraw: () => unknown, load: Promise<T>): Promise<T> {
  let shown = loadingText(session);
  const ticker = setInterval(() => {
    const now = loadingText(session);
    if (now !== shown) void redraw();
    shown = now;
  }, 1000);
  try {
    return await load;
  } finally {
    clearInterval(ticker);
  }
}
