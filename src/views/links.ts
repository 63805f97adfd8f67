import * as vscode from 'vscode';
import { safeText } from '../api';

/** A link clicked in a page: opened through VS Code (which asks before a site not trusted yet), only http(s) and mailto. */
export function openLink(href: string): void {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(href, true);
  } catch {
    return;
  }
  if (['http', 'https', 'mailto'].includes(uri.scheme)) void vscode.env.openExternal(uri);
  else
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Not opened: {0} links are not followed from a preview.', safeText(uri.scheme, [], 20)),
    );
}
