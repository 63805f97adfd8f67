/**
 * Help while writing, the way VS Code helps with code: completions for the front matter's fields and for the names
 * the connection has (connections, groups, segments, tags, templates), the service's merge tags in the body, and a
 * hover on each field and tag saying what it does.
 */
import * as vscode from 'vscode';
import { FIELDS, FIELD_BY_KEY, type Service, mergeTags } from './fields';
import { type NewsletterFiles, NEWSLETTER_LANGUAGES } from './newsletterFiles';
import { yamlValue } from './frontMatter';

const SELECTOR = NEWSLETTER_LANGUAGES.map((language) => ({ language }));

function item(label: string, kind: vscode.CompletionItemKind, detail?: string, doc?: string, insert?: string): vscode.CompletionItem {
  const c = new vscode.CompletionItem(label, kind);
  c.detail = detail;
  if (doc) c.documentation = new vscode.MarkdownString(doc);
  if (insert !== undefined) c.insertText = insert;
  return c;
}

/** Fields whose values are offered too: accepting the field opens them at once. */
const WITH_VALUES = new Set(['connection', 'audience', 'template']);

/** A field's completion: `key: `, then (where the field has values) the values' list opened at once. */
function fieldItem(f: (typeof FIELDS)[number], service: Service | undefined): vscode.CompletionItem {
  const required = f.required && service && f.required.includes(service);
  const c = item(f.key, vscode.CompletionItemKind.Property, required ? 'required' : undefined, f.description, `${f.key}: `);
  if (WITH_VALUES.has(f.key)) c.command = { title: '', command: 'editor.action.triggerSuggest' };
  return c;
}

/**
 * A front matter being started (`---` on the first line, the cursor above its end) in a file that does not name a
 * subject or an audience yet: the fields, for the active connection's service, those written left out.
 */
function startingFields(files: NewsletterFiles, doc: vscode.TextDocument, pos: vscode.Position): vscode.CompletionItem[] | undefined {
  if (doc.lineCount < 2 || doc.lineAt(0).text.trim() !== '---' || pos.line === 0) return undefined;
  const written = new Set<string>();
  for (let n = 1; n < Math.min(doc.lineCount, 500); n++) {
    const text = doc.lineAt(n).text;
    if (text.trim() === '---') {
      if (pos.line > n) return undefined;
      break;
    }
    const key = text.match(/^([A-Za-z_][\w-]*)\s*:/)?.[1];
    if (key && n !== pos.line) written.add(key);
  }
  if (!/^[A-Za-z_]*$/.test(doc.lineAt(pos.line).text.slice(0, pos.character))) return undefined;
  const service = files.activeService();
  return FIELDS.filter((f) => !written.has(f.key) && (!service || f.services.includes(service))).map((f) => fieldItem(f, service));
}

async function completions(
  files: NewsletterFiles,
  doc: vscode.TextDocument,
  pos: vscode.Position,
): Promise<vscode.CompletionItem[] | undefined> {
  const r = files.resolve(doc);
  if (!r) return startingFields(files, doc, pos);
  const before = doc.lineAt(pos.line).text.slice(0, pos.character);
  if (pos.line >= r.fm.bodyLine) {
    const m = before.match(/(\{\{?\s*[\w.]*|\{\$[\w.]*)$/);
    if (!m || !r.service) return undefined;
    const facts = r.session && files.facts.known(r.session);
    // What VS Code closed on its own after the cursor (`}}`, `}`) is part of what the tag replaces.
    const closing =
      doc
        .lineAt(pos.line)
        .text.slice(pos.character)
        .match(/^\s*\}{1,2}/)?.[0].length ?? 0;
    const range = new vscode.Range(pos.line, pos.character - m[1].length, pos.line, pos.character + closing);
    return mergeTags(r.service, facts?.customTags).map((t) => {
      const c = item(t.tag, vscode.CompletionItemKind.Variable, 'merge tag', t.description, t.tag);
      c.range = range;
      c.filterText = t.tag;
      return c;
    });
  }
  if (pos.line === 0 || pos.line >= r.fm.endLine) return undefined;
  const keyOnly = before.match(/^([A-Za-z_]*)$/);
  if (keyOnly) {
    return FIELDS.filter((f) => !r.fm.fields.has(f.key) && (!r.service || f.services.includes(r.service))).map((f) =>
      fieldItem(f, r.service),
    );
  }
  // Which field the value belongs to: this line's key, or the block list above it for a "- item" line.
  let key = before.match(/^([A-Za-z_][\w-]*)\s*:/)?.[1];
  if (!key && /^\s*-\s*/.test(before)) {
    for (let n = pos.line - 1; n > 0 && !key; n--) key = doc.lineAt(n).text.match(/^([A-Za-z_][\w-]*)\s*:\s*$/)?.[1];
  }
  if (!key) return undefined;
  const value = (label: string, detail?: string) => item(label, vscode.CompletionItemKind.Value, detail, undefined, yamlValue(label));
  if (key === 'connection') return files.connectionLabels().map((c) => value(c.label, c.service));
  if (key !== 'audience' && key !== 'template') return undefined;
  const facts = await files.factsFor(r).catch(() => undefined);
  if (key === 'template') return facts?.templates?.map((t) => value(t.name, 'template'));
  const lists = (facts?.lists ?? []).map((l) => value(l.name, l.kind));
  return r.service === 'sendportal' ? [value('everyone', 'all subscribers'), ...lists] : lists;
}

function hover(files: NewsletterFiles, doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
  const r = files.resolve(doc);
  if (!r) return undefined;
  if (pos.line < r.fm.endLine) {
    for (const f of r.fm.fields.values()) {
      if (f.keySpan.line !== pos.line || pos.character > f.keySpan.end) continue;
      const info = FIELD_BY_KEY.get(f.key);
      if (!info) return undefined;
      const md = new vscode.MarkdownString(`**${info.key}** — ${info.description}\n\nExample: \`${info.key}: ${info.example}\``);
      return new vscode.Hover(md, new vscode.Range(pos.line, f.keySpan.start, pos.line, f.keySpan.end));
    }
    return undefined;
  }
  const range = doc.getWordRangeAtPosition(pos, /\{\{\s*[\w.]+\s*\}\}|\{\$[\w.]+\}/);
  if (!range || !r.service) return undefined;
  const bare = (t: string) => t.replace(/\s/g, '').toLowerCase();
  const text = bare(doc.getText(range));
  const tag = mergeTags(r.service, (r.session && files.facts.known(r.session)?.customTags) || []).find((t) => bare(t.tag) === text);
  return tag && new vscode.Hover(new vscode.MarkdownString(`\`${tag.tag}\` — ${tag.description}`), range);
}

/** The fix each problem in the range names (a merge tag in the service's own form, …), as a quick fix. */
function quickFixes(files: NewsletterFiles, doc: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
  return files.fixesIn(doc, range).map(({ problem, fix, range: at, shown }) => {
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(doc.uri, at, fix.text);
    action.isPreferred = true;
    const d = vscode.languages
      .getDiagnostics(doc.uri)
      .find((x) => x.source === 'Newsletter' && x.code === problem.code && x.range.isEqual(shown));
    if (d) action.diagnostics = [d];
    return action;
  });
}

export function registerAssist(files: NewsletterFiles): vscode.Disposable[] {
  return [
    vscode.languages.registerCompletionItemProvider(
      SELECTOR,
      { provideCompletionItems: (d, p) => completions(files, d, p) },
      ':',
      ' ',
      '{',
      '$',
      '[',
      ',',
      '-',
    ),
    vscode.languages.registerHoverProvider(SELECTOR, { provideHover: (d, p) => hover(files, d, p) }),
    vscode.languages.registerCodeActionsProvider(
      SELECTOR,
      { provideCodeActions: (d, range) => quickFixes(files, d, range) },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  ];
}
