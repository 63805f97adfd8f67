/**
 * What every page of the extension runs (in the webview, not the extension host): VS Code's messaging API, and the
 * one click listener that posts the action id of whatever was clicked. The pages' scripts are TypeScript here,
 * bundled by scripts/build.mjs into one script per page, which the page carries inline with its nonce.
 */

interface WebviewApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): WebviewApi;

/** The page's state as VS Code keeps it across a hide and a reload (the scroll, a toggle). */
type PageState = Record<string, unknown>;

export const stateOf = (api: WebviewApi): PageState => {
  const s = api.getState();
  return typeof s === 'object' && s !== null ? (s as PageState) : {};
};

/** Merges into the kept state. */
export const keep = (api: WebviewApi, part: PageState): void => api.setState({ ...stateOf(api), ...part });

/** The element by id (the pages draw their own ids: absent is a page that is not this one). */
export const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T | null;

/**
 * The API (once per page), a click on anything with `data-action` posted as its id (one listener for whatever the
 * page shows now), and the scroll kept across a reload.
 */
export function startPage(): WebviewApi {
  const api = acquireVsCodeApi();
  document.addEventListener('click', (e) => {
    const b = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-action]') : null;
    if (!b) return;
    e.preventDefault();
    api.postMessage({ action: b.dataset.action });
  });
  const y = stateOf(api).y;
  if (typeof y === 'number') window.scrollTo(0, y);
  window.addEventListener('scroll', () => keep(api, { y: window.scrollY }), { passive: true });
  return api;
}
