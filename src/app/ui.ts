/**
 * The questions commands ask, in one replaceable place: VS Code's modal by default; tests put their own answers here
 * (through the extension's API) and see the very words a person would be asked, instead of skipping the question.
 */
import * as vscode from 'vscode';

export interface Ui {
  /** A modal with one action button: true when the person chose it. */
  confirm(message: string, detail: string, button: string): Promise<boolean>;
}

export function defaultUi(): Ui {
  return {
    async confirm(message, detail, button) {
      return (await vscode.window.showWarningMessage(message, { modal: true, detail }, button)) === button;
    },
  };
}
