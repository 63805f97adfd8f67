/** What a live preview is sent after a change: the stretch of its HTML that changed, not the whole (pure). */
/** A live preview's change: the text between `start` and `end` of the HTML at version `base` becomes `text`. */
export interface Patch {
  type: 'patch';
  base: number;
  version: number;
  start: number;
  end: number;
  text: string;
  filledFor?: string;
}

/** The one stretch that differs between two versions of the HTML (what a keystroke changes), found from both ends. */
export function patchOf(from: { html: string; version: number }, to: { html: string; version: number }): Patch {
  const [a, b] = [from.html, to.html];
  const most = Math.min(a.length, b.length);
  let start = 0;
  while (start < most && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < most - start && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
  return { type: 'patch', base: from.version, version: to.version, start, end: a.length - tail, text: b.slice(start, b.length - tail) };
}
