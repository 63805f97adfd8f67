/**
 * A card's page: its updates arrive as messages once it says it is ready; the body is replaced in place, so the
 * scroll, the find widget and the focused button (found again by its action id) stay; what an action did is announced.
 */
import { byId, startPage } from './page';

/**
 * Which of the new actions takes the focus: the same action if it is still there, else what took its place
 * (Unsubscribe becomes Resubscribe); -1 when nothing had it.
 */
export function refocus(before: readonly string[], was: number, now: readonly string[]): number {
  if (was < 0 || was >= before.length || !now.length) return -1;
  const same = now.indexOf(before[was]);
  return same >= 0 ? same : Math.min(was, now.length - 1);
}

const actionsIn = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('[data-action]')];

function main(): void {
  const api = startPage();
  const root = byId('root');
  const live = byId('live');
  if (!root || !live) return;
  window.addEventListener('message', (e: MessageEvent<unknown>) => {
    const m = e.data as { type?: unknown; body?: unknown; title?: unknown; announce?: unknown } | null;
    if (!m || m.type !== 'render' || typeof m.body !== 'string') return;
    const before = actionsIn(root);
    const was = before.indexOf(document.activeElement as HTMLElement);
    const y = window.scrollY;
    root.innerHTML = m.body;
    if (typeof m.title === 'string') document.title = m.title;
    const now = actionsIn(root);
    const to = refocus(
      before.map((b) => b.dataset.action ?? ''),
      was,
      now.map((b) => b.dataset.action ?? ''),
    );
    if (to >= 0) now[to].focus();
    window.scrollTo(0, y);
    if (typeof m.announce === 'string' && m.announce) live.textContent = m.announce;
  });
  api.postMessage({ ready: true });
}

if (typeof document !== 'undefined') main();
