import { redact } from './token';

/** The longest server string any UI shows. */
export const MAX_SERVER_TEXT = 300;

// C0/C1 controls (tab and line breaks become spaces), bidi embeddings/overrides/isolates and marks, zero-width joiners.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * The one gate every string from a server passes before any UI (notifications, input validation, tree rows,
 * tooltips, the status bar, the log): secrets are redacted first (so a cut cannot leave a token's tail), control
 * and bidi characters go, markdown link and image syntax is broken so a notification cannot render a
 * `command:` link (not for a webview, which escapes everything), and the result is capped.
 */
export function safeText(
  value: unknown,
  secrets: readonly (string | undefined)[] = [],
  max = MAX_SERVER_TEXT,
  where: 'markdown' | 'escaped' = 'markdown',
): string {
  let s =
    typeof value === 'string'
      ? value
      : value === undefined || value === null
        ? ''
        : typeof value === 'object'
          ? jsonOf(value)
          : String(value);
  s = redact(s, ...secrets);
  s = s.replace(CONTROL, ' ').replace(INVISIBLE, '');
  // `[text](target)` and `![alt](src)` render in notifications; `] (` and `! [` do not. A webview escapes all markup
  // itself ('escaped'): there the text stays as it is.
  // `$(zap)` renders as an icon in quick picks and notifications: a zero-width space keeps it text.
  if (where === 'markdown')
    s = s
      .replace(/\]\s*\(/g, '] (')
      .replace(/!\[/g, '! [')
      .replace(/<(?=[a-z!/])/gi, '‹')
      .replace(/\$\(/g, '$\u200b(');
  s = s.replace(/\s{2,}/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** An object from a server (a custom field's value may be one) as JSON, never "[object Object]". */
function jsonOf(value: object): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}
