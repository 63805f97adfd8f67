/**
 * HTML laid out for reading: a break before a block's tag and after its end where the source runs on one long line (as email builders
 * and APIs often send it). Only what lies between two tags and is blank changes; the text and the tags stay as they are.
 */
const BLOCK = [
  'p|div|table|thead|tbody|tfoot|tr|td|th|h[1-6]|ul|ol|li|section|article|header|footer|main|nav',
  'body|head|html|style|meta|title|link|center|hr|br|img|blockquote|pre|!--',
].join('|');
/** Before a block's opening tag, and after a block's closing tag. */
const BEFORE = new RegExp(`>[ \\t]*<(?=(?:${BLOCK})[\\s/>-])`, 'gi');
const AFTER = new RegExp(`(</(?:${BLOCK})>)[ \\t]*<`, 'gi');

/** Lines longer than this are broken at their block tags. */
export const LONG_LINE = 200;

export function readableHtml(html: string): string {
  if (!html.split('\n').some((l) => l.length > LONG_LINE)) return html;
  return html.replace(BEFORE, '>\n<').replace(AFTER, '$1\n<');
}
