/** Export and Import Subscribers: registered at once, their code (and the CSV and file parts) loaded when first run. */
import type * as vscode from 'vscode';
import { command, type Services } from '../app/services';
import type { ImportArgs } from './importCommand';

export function registerTransferCommands(app: Services): vscode.Disposable[] {
  return [
    command(app, 'newsletter.exportSubscribers', async (row?: unknown, given?: { file: string; resume?: boolean }) =>
      (await import('./exportCommand')).exportSubscribers(app, row, given),
    ),
    command(app, 'newsletter.importSubscribers', async (given?: ImportArgs) =>
      (await import('./importCommand')).importSubscribers(app, typeof given?.file === 'string' ? given : undefined),
    ),
  ];
}
