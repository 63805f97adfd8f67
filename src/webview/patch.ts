/**
 * A live preview's change: the stretch of its HTML that changed, not the whole (pure). The host makes patches
 * (`patchOf`), the page applies them (`applyPatch`): one module, so both sides agree on what a patch means.
 */

/** The text between `start` and `end` of the HTML at version `base` becomes `text`. */
export interface Patch {
  type: 'patch';
  base: number;
  version: number;
  start: number;
  end: number;
  text: string;
  filledFor?: string;
}

/** An HTML and its version, as the host sent it and the page holds it. */
export interface Held {
  html: string;
  version: number;
}

/** The one stretch that differs between two versions of the HTML (what a keystroke changes), found from both ends. */
export function patchOf(from: Held, to: Held): Patch {
  const [a, b] = [from.html, to.html];
  const most = Math.min(a.length, b.length);
  let start = 0;
  while (start < most && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < most - start && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
  return { type: 'patch', base: from.version, version: to.version, start, end: a.length - tail, text: b.slice(start, b.length - tail) };
}

/** What the page holds after a patch; undefined when it holds another version (it then asks for the whole). */
export function applyPatch(held: Held | undefined, p: Patch): Held | undefined {
  if (!held || held.version !== p.base || p.start > p.end || p.end > held.html.length) return undefined;
  return { html: held.html.slice(0, p.start) + p.text + held.html.slice(p.end), version: p.version };
}
