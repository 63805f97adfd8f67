import type * as vscode from 'vscode';
import { safeText } from '../api';
import type { Connections } from './connections';

/** Writes one line per response of every connection to the Newsletter log channel; paths arrive redacted. */
export function logRequests(connections: Connections, log: vscode.LogOutputChannel): vscode.Disposable {
  return connections.onDidRespond(({ profile, event: e }) => {
    const rl = e.rateLimit;
    const limit = rl.remaining !== undefined ? ` · ${rl.remaining}/${rl.limit ?? '?'} left` : '';
    const line =
      `${safeText(profile.label, [], 80)}: ${e.method} ${e.path} → ${e.status ?? 'no answer'} in ${e.durationMs} ms${limit}` +
      `${e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}${e.error ? ` · ${e.error.message}` : ''}`;
    // One line per response whatever the server put in a name or message: no line breaks, bidi controls or megabytes.
    const safe = safeText(line, [], 1000, 'escaped');
    if (e.status && e.status < 400) log.info(safe);
    else if (e.status && e.status < 500) log.warn(safe);
    else log.error(safe);
  });
}
