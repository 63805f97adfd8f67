import * as vscode from 'vscode';
import { type ConnectionProfile, isProfile } from './profile';

const SECTION = 'newsletter';

/** Typed access to the `newsletter.*` settings. */
export const settings = {
  /**
   * The user's own connections: only the user-level value counts (the setting is application-scoped), so a
   * workspace's `.vscode/settings.json` can neither add a connection nor redirect one.
   */
  connections(): ConnectionProfile[] {
    const raw = vscode.workspace.getConfiguration(SECTION).inspect<unknown[]>('connections')?.globalValue;
    return Array.isArray(raw) ? raw.filter(isProfile) : [];
  },
  async saveConnections(list: ConnectionProfile[]): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update('connections', list, vscode.ConfigurationTarget.Global);
  },
  pageSize(max: number): number {
    return clamp(vscode.workspace.getConfiguration(SECTION).get<number>('pageSize', 25), 1, max);
  },
  requestTimeoutMs(): number {
    return clamp(vscode.workspace.getConfiguration(SECTION).get<number>('requestTimeout', 15), 1, 120) * 1000;
  },
  pollIntervalMs(): number {
    return clamp(vscode.workspace.getConfiguration(SECTION).get<number>('statusPollInterval', 60), 10, 3600) * 1000;
  },
  affectsConnections(e: vscode.ConfigurationChangeEvent): boolean {
    return e.affectsConfiguration(`${SECTION}.connections`) || e.affectsConfiguration(`${SECTION}.requestTimeout`);
  },
};

function clamp(n: number, min: number, max: number): number {
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : min;
}
