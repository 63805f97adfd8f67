/** What a card shows and does: its model, and what each button, tab, row and "more" runs (the page sends only ids). */
import type { CardIcon, CardModel, CardTable } from './cardHtml';

/** An action on a card: its button, and what it does (the page only ever sends the action's id). */
interface CardAction {
  label: string;
  danger?: boolean;
  icon?: CardIcon;
  run: Run;
}

export type Run = () => Thenable<unknown> | unknown;

/** A paged table on a card, with what each tab, row and the next-page button does. */
export type CardTableContent = CardTable<Run>;

export interface CardContent {
  model: Omit<CardModel, 'actions' | 'table'>;
  actions: CardAction[];
  table?: CardTableContent;
}

/**
 * The card's model with an id for everything clickable, and what each id runs. An id names what it is (a button's
 * label, a tab's, a row's person): the same action keeps its id from one render to the next, so a click on the page
 * drawn a moment before still does what it showed.
 */
export function withActionIds(content: CardContent): { model: CardModel; actions: Map<string, Run> } {
  const actions = new Map<string, Run>();
  const id = (key: string, run: Run) => (actions.set(key, run), key);
  const t = content.table;
  const table: CardTable | undefined = t && {
    ...t,
    tabs: t.tabs.map((b) => ({ ...b, action: id(`tab:${b.label}`, b.action) })),
    rows: t.rows.map((r) => ({ ...r, action: r.action && id(`row:${r.cells[0]}`, r.action) })),
    more: t.more && { ...t.more, action: id('more', t.more.action) },
  };
  const buttons = content.actions.map(({ label, danger, icon, run }) => ({ id: id(`button:${label}`, run), label, danger, icon }));
  return { model: { ...content.model, actions: buttons, table }, actions };
}
