import * as vscode from 'vscode';
import { InvalidResponseError } from '../api';

const DETAILS_SCHEME = 'newsletter';

/** Read-only JSON documents with an item's full record; a virtual scheme, so nothing can be saved by mistake. */
export class DetailsDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '{}';
  }

  /** Opens the record; from the tree it opens as a preview and keeps the keyboard in the tree (`preserveFocus`). */
  async open(
    connectionLabel: string,
    kind: 'subscriber' | 'campaign',
    id: string,
    record: unknown,
    preserveFocus = false,
  ): Promise<vscode.TextEditor> {
    const safe = (s: string) => s.replace(/[^\w.@+-]+/g, '-');
    const uri = vscode.Uri.from({ scheme: DETAILS_SCHEME, path: `/${safe(connectionLabel)}/${kind}-${safe(id)}.json` });
    let text: string;
    try {
      text = JSON.stringify(record, null, 2) + '\n';
    } catch {
      // Nesting deeper than the engine's stack (a hostile body) cannot be shown; say so instead of throwing.
      throw new InvalidResponseError(`the ${kind} record is nested too deeply to show`);
    }
    this.contents.set(uri.toString(), text);
    this.emitter.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(doc, { preview: true, preserveFocus });
  }

  dispose(): void {
    this.registration.dispose();
    this.emitter.dispose();
  }
}
