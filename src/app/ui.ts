/**
 * The questions commands ask, in one replaceable place: VS Code's modal by default; tests put their own answers here
 * (through the extension's API) and see the very words a person would be asked, instead of skipping the question.
 * No argument of a command skips one: VS Code lets any extension run our commands, with any arguments. Where the
 * person confirmed elsewhere in this extension (a chat tool's confirmation), the command is handed a token only this
 * extension's code can make (`confirmedElsewhere`).
 */
import * as vscode from 'vscode';

export interface Ui {
  /** A modal with one action button: true when the person chose it. `info` for a question that destroys nothing. */
  confirm(message: string, detail: string | undefined, button: string, info?: boolean): Promise<boolean>;
  /** A modal with several action buttons: the one chosen, or undefined (Cancel, Escape). */
  choose(message: string, detail: string | undefined, buttons: readonly string[]): Promise<string | undefined>;
}

export function defaultUi(): Ui {
  return {
    async confirm(message, detail, button, info = false) {
      const show = info ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
      return (await show(message, { modal: true, detail }, button)) === button;
    },
    choose(message, detail, buttons) {
      return Promise.resolve(vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons));
    },
  };
}

const given = new WeakSet<object>();

/** Marks what the person confirmed in this extension's own words elsewhere (an object of ours), for the command. */
export function confirmedElsewhere<T extends object>(what: T): T {
  given.add(what);
  return what;
}

/** Whether a command's argument is such a confirmation: never `true`, nor anything another extension can pass. */
export const wasConfirmed = (arg: unknown): boolean => typeof arg === 'object' && arg !== null && given.has(arg);
