/**
 * A newsletter file and its draft: the draft the file describes, the `campaign:` line written back, and which links
 * this extension made itself (the only ones Ctrl+S may update).
 */
import * as vscode from 'vscode';
import type { DraftInput } from '../api';
import type { Facts } from './facts';
import { itemsOf, setField, textOf } from './frontMatter';
import type { NewsletterFiles, Resolved } from './newsletterFiles';
import { renderNewsletter } from './render';

/**
 * Drafts this extension linked to a file itself (Create Draft, or Update Draft after its confirmation), per file and
 * connection: the only ones Ctrl+S may update. A `campaign:` line written by anyone else (a cloned repository) is not.
 */
const LINKED = 'newsletter.linkedDrafts';
const linkKey = (doc: vscode.TextDocument, connectionId: string) => `${connectionId} ${doc.uri.toString()}`;

export function rememberLink(state: vscode.Memento, doc: vscode.TextDocument, connectionId: string, id: string): Thenable<void> {
  const all = { ...state.get<Record<string, string>>(LINKED, {}), [linkKey(doc, connectionId)]: id };
  const keys = Object.keys(all);
  // Bounded: the 500 most recent links are kept.
  return state.update(LINKED, Object.fromEntries(keys.slice(Math.max(0, keys.length - 500)).map((k) => [k, all[k]])));
}

export const linkedHere = (state: vscode.Memento, doc: vscode.TextDocument, connectionId: string, id: string) =>
  state.get<Record<string, string>>(LINKED, {})[linkKey(doc, connectionId)] === id;

/** The draft the file describes, its names turned into the service's ids. */
export async function draftInput(doc: vscode.TextDocument, r: Resolved, facts: Facts): Promise<DraftInput & { removed: string[] }> {
  const { fm } = r;
  const rendered = await renderNewsletter(doc, r, facts);
  const names = itemsOf(fm, 'audience');
  const toAll = names.some((n) => n.toLowerCase() === 'everyone');
  const chosen = toAll ? [] : facts.lists.filter((l) => names.includes(l.name));
  return {
    title: textOf(fm, 'title') || textOf(fm, 'subject'),
    subject: textOf(fm, 'subject'),
    preheader: textOf(fm, 'preheader') || undefined,
    fromName: textOf(fm, 'from_name'),
    fromEmail: textOf(fm, 'from_email'),
    replyTo: textOf(fm, 'reply_to') || undefined,
    toAll,
    lists: chosen.filter((l) => l.kind !== 'segment').map((l) => l.id),
    segments: chosen.filter((l) => l.kind === 'segment').map((l) => l.id),
    html: rendered.send,
    removed: rendered.removed,
    templateId: rendered.templateId,
    emailServiceId: textOf(fm, 'email_service') || undefined,
  };
}

/**
 * Writes `campaign: id` into the front matter and saves the file (an untitled one is left for the person to save).
 * `savingOwn` learns the version saved, so that its save event is not taken for the person's Ctrl+S.
 */
export async function linkFile(
  files: NewsletterFiles,
  savingOwn: Map<string, number>,
  doc: vscode.TextDocument,
  id: string,
): Promise<boolean> {
  const fm = files.resolve(doc)?.fm;
  if (!fm) return false;
  const text = doc.getText();
  const e = setField(text, fm, 'campaign', id);
  const edit = new vscode.WorkspaceEdit();
  // Only onto the text it was computed from: were the file changed meanwhile, the edit is made again on the new text.
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.text);
  if (doc.getText() !== text || !(await vscode.workspace.applyEdit(edit)))
    return doc.getText() !== text && linkFile(files, savingOwn, doc, id);
  if (doc.isUntitled) return true;
  // This text, saved by us: its save event (which may come after the save's promise) is not the person's Ctrl+S.
  savingOwn.set(doc.uri.toString(), doc.version);
  // A save that overlaps another (the editor's own) may answer false: once more, then the person is told.
  return (await doc.save()) || (await doc.save());
}

/** A new newsletter file's text for a connection (by name, if any), its fields to fill and the service's merge tag. */
export function newFileText(connection: string | undefined, sendportal: boolean): string {
  const lines = [
    '---',
    connection ? `connection: ${connection}` : '# connection: the name of a Newsletter Explorer connection',
    'subject: ',
    'from_name: ',
    'from_email: ',
    sendportal ? 'audience: everyone' : 'audience: []',
    ...(sendportal ? [] : ['preheader: ']),
    '---',
    '# Hello {name}',
    '',
    'Write the newsletter here, in Markdown.',
    '',
  ];
  return lines.join('\n').replace('{name}', sendportal ? '{{first_name}}' : '{{ firstname }}');
}
