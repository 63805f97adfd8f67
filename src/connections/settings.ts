import * as vscode from 'vscode';
import { type Connection, isConnection } from './connection';

const SECTION = 'newsletter';

/** Typed access to the `newsletter.*` settings. */
export const settings = {
  connections(): Connection[] {
    const raw = vscode.workspace.getConfiguration(SECTION).get<unknown[]>('connections', []);
    return Array.isArray(raw) ? raw.filter(isConnection) : [];
  },
  async saveConnections(list: Connection[]): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update('connections', list, vscode.ConfigurationTarget.Global);
  },
  pageSize(): number {
    return clamp(vscode.workspace.getConfiguration(SECTION).get<number>('pageSize', 25), 1, 100);
  },
  requestTimeoutMs(): number {
    return clamp(vscode.workspace.getConfiguration(SECTION).get<number>('requestTimeout', 15), 1, 120) * 1000;
  },
  pollIntervalMs(): number {
    return clamp(vscode.workspace.getConfiguration(SECTION).get<number>('statusPollInterval', 60), 10, 3600) * 1000;
  },
  affectsRequests(e: vscode.ConfigurationChangeEvent): boolean {
    return e.affectsConfiguration(`${SECTION}.connections`) || e.affectsConfiguration(`${SECTION}.requestTimeout`);
  },
};

function clamp(n: number, min: number, max: number): number {
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : min;
}
