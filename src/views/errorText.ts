import * as vscode from 'vscode';
import { isApiError, safeText } from '../api';

/** The sentence a person reads for any failure: API errors carry theirs; anything else is sanitised and capped. */
export function errorText(e: unknown): string {
  if (isApiError(e)) return safeText(e.message, [], 600);
  return vscode.l10n.t('Something went wrong: {0}', safeText(e instanceof Error ? e.message : String(e)));
}

/** The command that fixes an error, when there is one. */
export function fixFor(e: unknown): { title: string; command: string } | undefined {
  if (!isApiError(e)) return undefined;
  switch (e.action) {
    case 'setToken':
      return { title: vscode.l10n.t('Set API Token'), command: 'newsletter.setToken' };
    case 'editConnection':
      return { title: vscode.l10n.t('Edit Connections'), command: 'newsletter.editConnections' };
    default:
      return undefined;
  }
}
