/**
 * A newsletter file as the email it becomes: the body (Markdown through VS Code's own renderer, the one its Markdown
 * preview uses, so no Markdown engine ships here; HTML as written), cleaned and styled inline, and for SendPortal
 * written into its template where `{{content}}` stands, as SendPortal does when it sends.
 */
import * as vscode from 'vscode';
import type { Facts } from './facts';
import { textOf } from './frontMatter';
import { email, intoTemplate } from './emailHtml';
import type { Resolved } from './newsletterFiles';

interface Rendered {
  /** What is sent as the campaign's content. */
  send: string;
  /** What a reader sees (SendPortal: inside the template). */
  whole: string;
  /** SendPortal: the template's id, null for none. */
  templateId?: string | null;
  /** What the cleaner took out of the body, in words (the person is told before a draft is made). */
  removed: string[];
}

/** VS Code's Markdown renderer (its built-in Markdown extension's `markdown.api.render`). */
async function markdown(text: string): Promise<string> {
  try {
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', text);
    if (typeof html === 'string') return html;
  } catch {
    // the built-in Markdown extension is disabled: said below
  }
  throw new Error(
    vscode.l10n.t(
      "VS Code's built-in Markdown extension is not available, so Markdown cannot be turned into email here: " +
        'enable it, or write the newsletter as HTML.',
    ),
  );
}

export async function renderNewsletter(doc: vscode.TextDocument, r: Resolved, facts?: Facts): Promise<Rendered> {
  const body = doc.getText().slice(r.fm.bodyOffset);
  const html = doc.languageId === 'markdown' ? await markdown(body) : body;
  const title = textOf(r.fm, 'title') || textOf(r.fm, 'subject');
  const templateName = r.service === 'sendportal' ? textOf(r.fm, 'template') : '';
  const template = templateName ? facts?.templates?.find((t) => t.name === templateName) : undefined;
  const { html: send, removed } = email(html, {
    title,
    preheader: r.service === 'sender' ? textOf(r.fm, 'preheader') || undefined : undefined,
    bare: !!templateName,
  });
  return {
    send,
    removed,
    whole: template?.html ? intoTemplate(template.html, send) : send,
    templateId: r.service !== 'sendportal' ? undefined : template ? template.id : null,
  };
}
