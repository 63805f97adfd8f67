/**
 * The Insights page: a point's tooltip follows the pointer and the keyboard focus (Enter on a point opens its
 * campaign), and one toggle swaps every chart for its table, kept across a reload.
 */
import { byId, keep, startPage, stateOf } from './page';

/** Where the tooltip goes for a point: above it, never past the window's right edge (the tooltip is 260 px at most). */
type At = { left: number; top: number };
export function tipAt(point: At, scroll: { x: number; y: number }, windowWidth: number): At {
  return { left: Math.min(windowWidth - 260, point.left + scroll.x), top: point.top + scroll.y - 34 };
}

function main(): void {
  const api = startPage();
  const tip = byId('tip');
  const toggle = byId('view-toggle');
  if (!tip || !toggle) return;
  const showTip = (el: HTMLElement | SVGElement) => {
    const at = tipAt(el.getBoundingClientRect(), { x: window.scrollX, y: window.scrollY }, window.innerWidth);
    tip.textContent = el.dataset.tip ?? '';
    tip.hidden = false;
    tip.style.left = `${at.left}px`;
    tip.style.top = `${at.top}px`;
  };
  for (const el of document.querySelectorAll<HTMLElement | SVGElement>('[data-tip]')) {
    el.addEventListener('mouseenter', () => showTip(el));
    el.addEventListener('focus', () => showTip(el));
    el.addEventListener('mouseleave', () => (tip.hidden = true));
    el.addEventListener('blur', () => (tip.hidden = true));
    el.addEventListener('keydown', (e: Event) => {
      if ((e as KeyboardEvent).key === 'Enter' && el.dataset.action) api.postMessage({ action: el.dataset.action });
    });
  }
  const setView = (tables: boolean) => {
    for (const c of document.querySelectorAll<HTMLElement>('.chart')) c.hidden = tables;
    for (const d of document.querySelectorAll<HTMLElement>('.data')) d.hidden = !tables;
    toggle.textContent = (tables ? toggle.dataset.hide : toggle.dataset.show) ?? '';
    toggle.setAttribute('aria-pressed', String(tables));
    keep(api, { tables });
  };
  setView(stateOf(api).tables === true);
  toggle.addEventListener('click', () => setView(toggle.getAttribute('aria-pressed') !== 'true'));
}

if (typeof document !== 'undefined') main();
