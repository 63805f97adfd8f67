/**
 * Newsletter files in the editor: which open documents are newsletters (Markdown or HTML starting with front matter
 * that names a subject or an audience), which connection each is for, and their problems in the Problems view,
 * checked as the person types and again once the connection's lists and templates are known.
 */
import * as vscode from 'vscode';
import { clock } from '../api/clock';
import { descriptorOf } from '../api';
import type { Connections } from '../connections/connections';
import type { Session } from '../connections/session';
import { type Facts, FactsCache } from './facts';
import type { Service } from './fields';
import { type FrontMatter, parseFrontMatter, textOf } from './frontMatter';
import { type Problem, validate } from './validate';

export const NEWSLETTER_LANGUAGES = ['markdown', 'html'];

/** A document's front matter when it is a newsletter file. */
function newsletterOf(doc: vscode.TextDocument): FrontMatter | undefined {
  if (!NEWSLETTER_LANGUAGES.includes(doc.languageId)) return undefined;
  const fm = parseFrontMatter(doc.getText());
  return fm && (fm.fields.has('subject') || fm.fields.has('audience')) ? fm : undefined;
}

export interface Resolved {
  fm: FrontMatter;
  /** The connection the file names, or the active one; undefined when it names none that exists. */
  session?: Session;
  service?: Service;
}

const SEVERITY: Record<Problem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export class NewsletterFiles implements vscode.Disposable {
  readonly facts = new FactsCache();
  readonly diagnostics = vscode.languages.createDiagnosticCollection('newsletter');
  private readonly subs: vscode.Disposable[] = [];
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly checked = new vscode.EventEmitter<vscode.Uri>();
  /** Until the connections are read, a file's connection cannot be told: nothing is checked. */
  private ready = false;
  /** Fires after a document's problems were set (tests wait on it). */
  readonly onDidCheck = this.checked.event;
  /** Each open file's problems as last checked, with their fixes (the quick fixes read them). */
  private readonly found = new Map<string, Problem[]>();

  constructor(private readonly connections: Connections) {
    this.subs.push(
      this.diagnostics,
      this.checked,
      vscode.workspace.onDidOpenTextDocument((d) => this.check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.later(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => (this.diagnostics.delete(d.uri), this.found.delete(d.uri.toString()))),
      vscode.window.onDidChangeActiveTextEditor(() => this.setContext()),
      connections.onDidChange((c) => c !== 'response' && this.checkAll()),
    );
    void connections.ready.then(() => {
      this.ready = true;
      this.checkAll();
    });
  }

  /** The session a file is for: the connection it names, or the active one. */
  resolve(doc: vscode.TextDocument): Resolved | undefined {
    const fm = newsletterOf(doc);
    if (!fm) return undefined;
    const name = textOf(fm, 'connection');
    const profile = name ? this.connections.profiles.find((p) => p.label === name) : this.connections.active?.profile;
    const session = profile && this.connections.session(profile.id);
    return { fm, session, service: profile?.provider };
  }

  /** The active connection's service: what a front matter being started is written for. */
  activeService(): Service | undefined {
    return this.connections.active?.profile.provider;
  }

  /** The connections a file may name. */
  connectionLabels(): { label: string; service: string }[] {
    return this.connections.profiles.map((p) => ({ label: p.label, service: descriptorOf(p.provider).displayName }));
  }

  /** The facts for a file's connection, read if need be; undefined without a connection or a token. */
  async factsFor(r: Resolved): Promise<Facts | undefined> {
    if (!r.session || r.session.tokenState === 'missing') return undefined;
    return this.facts.get(r.session);
  }

  private later(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.check(doc);
      }, 250),
    );
  }

  /** Reads a connection's lists and templates again when next needed, and checks the open files again. */
  forget(connectionId?: string): void {
    this.facts.forget(connectionId);
    this.checkAll();
  }

  checkAll(): void {
    for (const d of vscode.workspace.textDocuments) this.check(d);
    this.setContext();
  }

  /** Sets a document's problems from what is known now, and again once the connection's facts arrive. */
  check(doc: vscode.TextDocument, facts?: Facts): void {
    if (!this.ready) return;
    if (doc === vscode.window.activeTextEditor?.document) this.setContext();
    const r = this.resolve(doc);
    if (!r) {
      this.diagnostics.delete(doc.uri);
      return;
    }
    const text = doc.getText();
    facts ??= r.session && this.facts.known(r.session);
    const problems = this.problems(text, r, facts);
    this.found.set(doc.uri.toString(), problems);
    this.diagnostics.set(
      doc.uri,
      problems.map((p) => {
        const d = new vscode.Diagnostic(
          new vscode.Range(p.span.line, p.span.start, p.span.line, p.span.end),
          p.message,
          SEVERITY[p.severity],
        );
        d.source = 'Newsletter';
        d.code = p.code;
        return d;
      }),
    );
    this.checked.fire(doc.uri);
    if (!facts) {
      const version = doc.version;
      void this.factsFor(r).then(
        (f) => f && !doc.isClosed && doc.version === version && this.check(doc, f),
        () => undefined, // unreachable or refused: the checks that need the service wait for the next change
      );
    }
  }

  /** The fixes of a file's problems that lie in `range` (a quick fix each). */
  fixesIn(
    doc: vscode.TextDocument,
    range: vscode.Range,
  ): { problem: Problem; fix: NonNullable<Problem['fix']>; range: vscode.Range; shown: vscode.Range }[] {
    return (this.found.get(doc.uri.toString()) ?? [])
      .flatMap((problem) => {
        if (!problem.fix) return [];
        const shown = new vscode.Range(problem.span.line, problem.span.start, problem.span.line, problem.span.end);
        const at = problem.fix.at;
        return [{ problem, fix: problem.fix, shown, range: at ? new vscode.Range(at.line, at.start, at.endLine, at.end) : shown }];
      })
      .filter((x) => x.shown.intersection(range) !== undefined);
  }

  /** What is wrong with a file, from what is known of its connection now (`facts`: its lists, once read). */
  problems(text: string, r: Resolved, facts?: Facts): Problem[] {
    return validate(text, r.fm, {
      service: r.service,
      serviceName: r.service && descriptorOf(r.service).displayName,
      connectionNames: this.connections.profiles.map((p) => p.label),
      lists: facts?.lists,
      templates: facts?.templates,
      customTags: facts?.customTags,
      senders: facts?.senders,
      now: clock.now(),
    });
  }

  /** The active editor's file for menus: a newsletter file, its connection's service, and whether a draft is linked. */
  private setContext(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const r = doc && newsletterOf(doc) ? this.resolve(doc) : undefined;
    void vscode.commands.executeCommand('setContext', 'newsletter.newsletterFile', !!r);
    void vscode.commands.executeCommand('setContext', 'newsletter.fileService', r?.session?.profile.provider ?? '');
    void vscode.commands.executeCommand('setContext', 'newsletter.fileLinked', !!r && !!textOf(r.fm, 'campaign'));
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const s of this.subs) s.dispose();
  }
}
