/**
 * The live preview beside a newsletter file: the email as a reader would get it, re-drawn as the file changes
 * (after a pause in typing), with the service's merge tags filled for a sample person or a subscriber picked. As
 * Markdown's preview does, the one last opened follows the active editor to another newsletter file.
 */
import * as vscode from 'vscode';
import { type Subscriber, safeText } from '../api';
import type { Cards } from '../views/cards';
import type { Person } from './emailHtml';
import type { NewsletterFiles } from './newsletterFiles';

const DEBOUNCE_MS = 300;

/** The email's renderer (Markdown, the cleaner, the template), loaded with the first preview. */
const mail = async () => ({ ...(await import('./render')), ...(await import('./emailHtml')) });

const titleOf = (doc: vscode.TextDocument) => safeText(doc.uri.path.split('/').pop() ?? 'newsletter', [], 120);

interface Open {
  doc: vscode.TextDocument;
  /** Whom the merge tags are filled for; a sample person until one is picked. */
  person?: Person;
  personLabel: string;
  update(html: string, filledFor: string): void;
  timer?: ReturnType<typeof setTimeout>;
}

export class LivePreviews implements vscode.Disposable {
  private readonly open = new Map<string, Open>();
  private readonly subs: vscode.Disposable[];
  /** The preview last opened: the one that follows the active editor. */
  private following?: Open;

  constructor(
    private readonly files: NewsletterFiles,
    private readonly cards: Cards,
  ) {
    this.subs = [
      vscode.workspace.onDidChangeTextDocument((e) => this.later(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.open.delete(d.uri.toString())),
      vscode.window.onDidChangeActiveTextEditor((e) => e && void this.follow(e.document)),
    ];
  }

  /** Opens (or shows) the preview of a newsletter file beside it; false when the file is not one. */
  async show(doc: vscode.TextDocument): Promise<boolean> {
    const r = this.files.resolve(doc);
    if (!r) return false;
    const key = doc.uri.toString();
    const title = titleOf(doc);
    const pickPerson = vscode.l10n.t('Fill for a Subscriber…');
    const live = { narrow: vscode.l10n.t('Narrow'), dark: vscode.l10n.t('Dark'), pickPerson, filledFor: '' };
    const held = this.open.get(key);
    let entry: Open | undefined = held;
    const { panel, update } = await this.cards.livePreview(key, title, live, () => entry && this.pickPerson(entry));
    entry ??= { doc, personLabel: vscode.l10n.t('a sample person'), update };
    entry.update = update;
    this.open.set(key, entry);
    this.following = entry;
    const shown = entry;
    if (!held) panel.onDidDispose(() => this.forget(shown));
    await this.draw(entry);
    return true;
  }

  /** The active editor shows another newsletter file, with no preview of its own: the following preview shows it. */
  private async follow(doc: vscode.TextDocument): Promise<void> {
    const entry = this.following;
    const key = doc.uri.toString();
    if (!entry || entry.doc === doc || this.open.has(key) || !this.files.resolve(doc)) return;
    if (!this.cards.retargetLive(entry.doc.uri.toString(), key, titleOf(doc))) return;
    this.open.delete(entry.doc.uri.toString());
    clearTimeout(entry.timer);
    entry.doc = doc;
    this.open.set(key, entry);
    await this.draw(entry);
  }

  private forget(entry: Open): void {
    for (const [k, v] of this.open) if (v === entry) this.open.delete(k);
    if (this.following === entry) this.following = undefined;
  }

  private later(doc: vscode.TextDocument): void {
    const entry = this.open.get(doc.uri.toString());
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void this.draw(entry), DEBOUNCE_MS);
  }

  private async draw(entry: Open): Promise<void> {
    const r = this.files.resolve(entry.doc);
    if (!r) return;
    const facts = r.session && (this.files.facts.known(r.session) ?? (await this.files.factsFor(r).catch(() => undefined)));
    try {
      const { renderNewsletter, fillTags, SAMPLE_PERSON } = await mail();
      const rendered = await renderNewsletter(entry.doc, r, facts);
      const html = r.service ? fillTags(rendered.whole, r.service, entry.person ?? SAMPLE_PERSON) : rendered.whole;
      entry.update(html, vscode.l10n.t('Merge tags filled for {0}', entry.personLabel));
    } catch (e) {
      entry.update(`<p>${safeText(e instanceof Error ? e.message : String(e)).replace(/</g, '&lt;')}</p>`, '');
    }
  }

  /**
   * Fills the merge tags for a subscriber of the file's connection: any the session has read (a search or an export
   * reads them all), found by name or address; the first page (one request) when none were read yet.
   */
  private async pickPerson(entry: Open): Promise<void> {
    const r = this.files.resolve(entry.doc);
    if (!r?.session) return;
    const walk = r.session.walk;
    let people: readonly Subscriber[] = walk.items;
    try {
      if (!people.length) people = (await r.session.provider().listSubscribers(1)).items;
    } catch (e) {
      void vscode.window.showErrorMessage(safeText(e instanceof Error ? e.message : String(e)));
      return;
    }
    const { SAMPLE_PERSON } = await mail();
    const name = (s: Subscriber) => safeText([s.firstName, s.lastName].filter(Boolean).join(' ') || s.email, [], 80);
    const items = [
      {
        label: vscode.l10n.t('A sample person'),
        description: SAMPLE_PERSON.email,
        person: SAMPLE_PERSON as Person,
        who: vscode.l10n.t('a sample person'),
      },
      ...people.map((s) => {
        const email = safeText(s.email, [], 80);
        const person: Person = { email: s.email, firstName: s.firstName, lastName: s.lastName };
        return { label: name(s), description: email, person, who: `${name(s)} <${email}>` };
      }),
    ];
    const total = walk.serverTotal;
    const of = total === undefined ? '' : vscode.l10n.t(' of {0} (Search Subscribers reads the rest)', total.toLocaleString());
    const rest = walk.complete ? '' : of;
    const placeHolder = walk.items.length
      ? vscode.l10n.t('A name or an address: {0} subscribers read{1}', walk.items.length.toLocaleString(), rest)
      : vscode.l10n.t('The first page of subscribers (Search Subscribers reads them all)');
    const title = vscode.l10n.t('Fill the Merge Tags for…');
    const pick = await vscode.window.showQuickPick(items, { title, placeHolder, matchOnDescription: true });
    if (!pick) return;
    entry.person = pick.person;
    entry.personLabel = pick.who;
    await this.draw(entry);
  }

  dispose(): void {
    for (const e of this.open.values()) clearTimeout(e.timer);
    for (const s of this.subs) s.dispose();
  }
}
