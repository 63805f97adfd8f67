import * as vscode from 'vscode';
import { exportSubscribers } from './exportCommand';
import { type ImportArgs, importSubscribers } from './importCommand';
import { command, type Services } from './services';

export function registerTransferCommands(s: Services): vscode.Disposable[] {
  return [
    command(s, 'newsletter.exportSubscribers', (row?: unknown, given?: { file: string; resume?: boolean }) => exportSubscribers(s, row, given)),
    command(s, 'newsletter.importSubscribers', (given?: ImportArgs) => importSubscribers(s, typeof given?.file === 'string' ? given : undefined)),
  ];
}
