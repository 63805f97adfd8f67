import * as vscode from 'vscode';
import { exportSubscribers } from './exportCommand';
import { type ImportArgs, importSubscribers } from './importCommand';
import { command, type Services } from '../app/services';

export function registerTransferCommands(app: Services): vscode.Disposable[] {
  return [
    command(app, 'newsletter.exportSubscribers', (row?: unknown, given?: { file: string; resume?: boolean }) => exportSubscribers(app, row, given)),
    command(app, 'newsletter.importSubscribers', (given?: ImportArgs) => importSubscribers(app, typeof given?.file === 'string' ? given : undefined)),
  ];
}
