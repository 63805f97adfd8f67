/** The list a partial search shows: its matches as the walk reads on, its countdown, Refresh and SendPortal's look-ups. */
import * as vscode from 'vscode';
import { type Subscriber, safeText, withPriority } from '../api';
import type { Session } from '../connections/session';
import { fmt } from '../views/format';
import { subscriberName } from '../views/subscribersView';
import { type Services, rateLimitWait, showError } from '../app/services';

/** Whether the Subscribers view holds the whole list, unfiltered: then nothing needs to be read for a search or check. */
export function viewHoldsAll(app: Services): boolean {
  const state = app.subscribers.list.state;
  return (
    !state.hasMore && !state.filteredClientSide && state.pagesLoaded > 0 && !app.subscriberFilter.value.status && state.error === undefined
  );
}

/**
 * Reads on through the connection's walk (largest page, background priority, kept for the session) unless the view
 * already holds everyone; stops with `signal`, keeping what it read. Neither API has a partial search [doc; src].
 */
export async function scanSubscribers(
  app: Services,
  session: Session,
  text: string,
  signal: AbortSignal,
  onPage: () => void,
): Promise<Subscriber[]> {
  if (!viewHoldsAll(app)) await session.walk.walk(signal, onPage);
  return matching(app, session, text);
}

/** Those whose name or email contains `text`: among the rows the walk read (recovered ones too) and those the view holds. */
function matching(app: Services, session: Session, text: string): Subscriber[] {
  const q = text.toLowerCase();
  const seen = new Set<string>();
  const found: Subscriber[] = [];
  for (const x of [...app.subscribers.list.state.items, ...session.walk.items]) {
    if (seen.has(x.id)) continue;
    seen.add(x.id);
    if ([x.email, x.firstName, x.lastName, [x.firstName, x.lastName].filter(Boolean).join(' ')].some((f) => f?.toLowerCase().includes(q)))
      found.push(x);
  }
  return found;
}

/** How many pages the view loads on its own to reveal a picked match (a person would press Load more that often). */
const REVEAL_PAGES = 3;

/**
 * Selects a picked match in the tree with the keyboard on it: loaded already, or within the next few pages the view
 * would load (where the walk read it, it knows how far); further down, the card alone shows it.
 */
async function revealPicked(app: Services, session: Session, chosen: Subscriber): Promise<void> {
  const at = session.walk.items.indexOf(chosen);
  const perPage = app.subscribers.list.state.perPage ?? 25;
  const ordered = !app.subscriberFilter.value.status && !app.subscriberFilter.value.sort;
  const pagesAway = at < 0 || !ordered ? 0 : Math.ceil((at + 1 - app.subscribers.list.state.items.length) / perPage);
  if (pagesAway > 0 && pagesAway <= REVEAL_PAGES) await app.subscribers.loadUntil(chosen.id, pagesAway + 1);
  await app.subscribers.reveal(chosen, true);
}

/** "read 3 min ago": how fresh the rows searched are. */
function freshness(session: Session): string | undefined {
  const at = session.walk.readAt;
  if (at === undefined) return undefined;
  const mins = Math.floor((Date.now() - at) / 60_000);
  return mins < 1 ? vscode.l10n.t('read just now') : vscode.l10n.t('read {0} min ago', mins);
}

type Item = vscode.QuickPickItem & { subscriber: Subscriber };

/**
 * Lists the matches of a partial search as the walk reads on (nothing loads into the tree); closing the list or
 * picking a match stops it, keeping what it read. Picking one opens its card and selects its row. Refresh reads the
 * list afresh; on SendPortal, once a walk has ended short, a button looks up those it never showed.
 */
class SearchList {
  private readonly pick = vscode.window.createQuickPick<Item>();
  private readonly refresh: vscode.QuickInputButton;
  private abort = new AbortController();

  constructor(
    private readonly app: Services,
    private readonly session: Session,
    private readonly text: string,
  ) {
    this.pick.title = vscode.l10n.t('Subscribers matching "{0}"', text);
    this.pick.matchOnDescription = true;
    this.refresh = {
      iconPath: new vscode.ThemeIcon('refresh'),
      tooltip: vscode.l10n.t('Read the list again from {0}', session.profile.label),
    };
    this.pick.buttons = [this.refresh];
    this.pick.onDidTriggerButton((button) => {
      this.restart();
      if (button !== this.refresh) return void this.recover();
      session.walk.reset();
      void this.scan();
    });
    this.pick.onDidHide(() => {
      this.abort.abort();
      this.pick.dispose();
    });
    this.pick.onDidAccept(() => {
      const chosen = this.pick.selectedItems[0]?.subscriber;
      this.pick.hide();
      if (!chosen) return;
      void vscode.commands.executeCommand('newsletter.openDetails', { type: 'item', item: chosen });
      void revealPicked(app, session, chosen);
    });
  }

  private restart(): void {
    this.abort.abort();
    this.abort = new AbortController();
  }

  private readonly show = () => {
    const { app, session, pick } = this;
    pick.items = matching(app, session, this.text).map((x) => ({
      label: subscriberName(x) ?? safeText(x.email),
      description: safeText(x.email),
      subscriber: x,
    }));
    const whole = viewHoldsAll(app);
    const read = whole ? app.subscribers.list.state.items.length : session.walk.items.length;
    const total = whole ? app.subscribers.list.state.total : session.walk.serverTotal;
    const parts = [
      vscode.l10n.t('{0} found · {1} of {2} searched', fmt(pick.items.length), fmt(read), total === undefined ? '?' : fmt(total)),
    ];
    if (pick.busy) parts.push(rateLimitWait(session.rateLimit, 'background') ?? vscode.l10n.t('searching… close to stop'));
    else if (!whole) parts.push(freshness(session) ?? '');
    pick.placeholder = parts.filter(Boolean).join(' · ');
  };

  /** SendPortal's shifting order hides some from any walk: offered, with its cost, once the walk has ended. */
  private lookUpButton(): vscode.QuickInputButton | undefined {
    const provider = this.session.provider();
    const missing = this.session.walk.missing;
    if (!missing || !provider.missingLookupCost || !provider.findMissingSubscribers) return undefined;
    const held = new Set(this.session.walk.items.map((x) => x.id));
    const cost = provider.missingLookupCost(held, this.app.lists.listsOf('tag')?.state.total ?? 0, missing, this.session.ids);
    const tooltip = vscode.l10n.t(
      'Look up the {0} the list never showed: about {1} look-ups, at most {2}, in the background',
      fmt(missing),
      fmt(cost.expected),
      fmt(cost.worst),
    );
    return { iconPath: new vscode.ThemeIcon('search-fuzzy'), tooltip };
  }

  /** Runs work with the list busy and counting down any wait, then offers what comes next. */
  private async busyWith(work: () => Promise<unknown>): Promise<void> {
    this.pick.busy = true;
    this.pick.buttons = [this.refresh];
    this.show();
    const ticker = setInterval(this.show, 1000); // the rate limit's countdown
    try {
      await work();
    } catch (e) {
      showError(e);
    } finally {
      clearInterval(ticker);
      this.pick.busy = false;
      const offer = this.lookUpButton();
      this.pick.buttons = offer ? [offer, this.refresh] : [this.refresh];
      this.show();
    }
  }

  scan(): Promise<void> {
    return this.busyWith(() => scanSubscribers(this.app, this.session, this.text, this.abort.signal, this.show));
  }

  /** The look-ups by SendPortal's recovery (tags first, then ids), each find kept in the walk and listed at once. */
  private recover(): Promise<void> {
    const walk = this.session.walk;
    const held = new Set(walk.items.map((x) => x.id));
    const signal = this.abort.signal;
    return this.busyWith(() =>
      withPriority('background', async () =>
        this.session.provider().findMissingSubscribers?.(held, walk.missing, {
          signal,
          onFound: (x) => (walk.addFound([x]), this.show()),
          memory: this.session.ids,
        }),
      ),
    );
  }

  open(): Promise<void> {
    this.pick.show();
    return this.scan();
  }
}

/** Lists the matches of a partial search as the walk reads on; see SearchList. */
export async function scanWithPick(app: Services, text: string): Promise<undefined> {
  const session = app.connections.active;
  if (session) await new SearchList(app, session, text).open();
  return undefined;
}
