import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Campaign } from '../../src/api';
import type { NewsletterApi } from '../../src/extension';
import { HOSTILE_HTML } from '../support/hostileHtml';
import { connectFresh, control, daysAhead, mark, requestsSince, seenSince, waitFor, WRITES, answered } from './helpers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsletters-'));
let n = 0;

/** A newsletter file of the test's own on disk, opened in an editor. */
async function newsletter(text: string, ext = 'md'): Promise<{ doc: vscode.TextDocument; file: string }> {
  const file = path.join(dir, `n${++n}.${ext}`);
  fs.writeFileSync(file, text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc);
  return { doc, file };
}

const problems = (doc: vscode.TextDocument) => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Newsletter');

async function problemsSettle(doc: vscode.TextDocument, check: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  await waitFor('the newsletter file to be checked', () => check(problems(doc)), 15_000);
  return problems(doc);
}

/** Applies the quick fix Ctrl+. offers on the first problem of this code, and waits until no problem of it is left. */
async function quickFix(doc: vscode.TextDocument, code: string): Promise<string> {
  const [p] = (await problemsSettle(doc, (d) => d.some((x) => x.code === code))).filter((x) => x.code === code);
  // Ctrl+.: the quick fixes where the problem stands (asked again while the file's checks settle: facts arriving
  // re-check it, and a request made meanwhile can come back empty).
  const kind = vscode.CodeActionKind.QuickFix.value;
  let actions: vscode.CodeAction[] = [];
  const ask = async () => (actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, p.range, kind)) ?? []);
  await waitFor(`a quick fix for ${code}`, async () => (await ask()).length > 0).catch(() => undefined);
  const fix = actions.find((x) => x.diagnostics?.some((d) => d.code === code)) ?? actions[0];
  assert.ok(fix?.edit, `${code}: no quick fix`);
  await vscode.workspace.applyEdit(fix.edit);
  await problemsSettle(doc, (d) => !d.some((x) => x.code === code));
  return fix.title;
}

const spFile = (over = '') => `---
connection: Writing SP
title: Winter digest
subject: Winter is here
from_name: The Team
from_email: team@sendportal.test
audience: [Customers]
template: Default
${over}---
# Hello {{first_name}}

Our **winter** news.
`;

describe('writing a newsletter in the editor', function () {
  this.timeout(60_000);
  let a: NewsletterApi;

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
    await control('reset');
  });

  describe('SendPortal', () => {
    beforeEach(async () => {
      ({ a } = await connectFresh('sendportal', 'Writing SP'));
    });

    it('offers only the fields the file does not have yet', async () => {
      const { doc } = await newsletter(spFile().replace('template: Default\n', 'template: Default\n\n'));
      const line = doc.getText().split('\n').indexOf('', 1); // the empty line inside the front matter
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, 0));
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.ok(labels.includes('send_at') && labels.includes('email_service'), labels.join(', '));
      for (const written of ['connection', 'title', 'subject', 'from_name', 'from_email', 'audience', 'template']) assert.ok(!labels.includes(written), `${written} offered again`);
    });

    it('an audience naming no tag of the connection creates nothing', async () => {
      const { doc } = await newsletter(spFile().replace('[Customers]', '[Customers, Nobody here]'));
      await problemsSettle(doc, (d) => d.some((x) => x.code === 'unknown-list'));
      const since = await mark();
      assert.equal(await answered(() => vscode.commands.executeCommand('newsletter.createDraftFromFile', doc.uri)), undefined);
      assert.equal(await requestsSince('sendportal', since, WRITES), 0, 'a draft was made without the tag it names');
    });

    it('a draft made while Campaigns shows only sent ones is not listed there', async () => {
      await vscode.commands.executeCommand('newsletter.filterCampaigns', 'sent');
      try {
        await a.campaigns.getChildren();
        const { doc } = await newsletter(spFile());
        const created = await answered(() => vscode.commands.executeCommand<Campaign>('newsletter.createDraftFromFile', doc.uri));
        assert.equal(created?.status, 'draft');
        const shown = (await a.campaigns.getChildren()).filter((r) => r.type === 'item') as { item: Campaign }[];
        assert.ok(shown.length > 0 && shown.every((r) => r.item.status === 'sent'), shown.map((r) => `${r.item.title}: ${r.item.status}`).join(', '));
      } finally {
        await vscode.commands.executeCommand('newsletter.filterCampaigns', 'all');
      }
    });

    it("a new token: the file is checked against the lists read with it, not the old token's", async () => {
      const { doc } = await newsletter(spFile().replace('[Customers]', '[Fresh tag]'));
      await problemsSettle(doc, (d) => d.some((x) => x.code === 'unknown-list' && /Fresh tag/.test(x.message)));
      await a.connections.active!.provider().createList('tag', 'Fresh tag'); // made elsewhere, under the old token
      const original = (await a.connections.tokens.load(a.connections.active!.profile.id))!.token;
      const { token } = await control<{ token: string }>('tokens', { provider: 'sendportal' });
      try {
        assert.equal(await vscode.commands.executeCommand('newsletter.setToken', token), 'saved');
        const edit = new vscode.WorkspaceEdit();
        edit.insert(doc.uri, new vscode.Position(doc.lineCount - 1, 0), 'Typed after the new token.\n');
        await vscode.workspace.applyEdit(edit);
        await problemsSettle(doc, (d) => !d.some((x) => x.code === 'unknown-list'));
      } finally {
        await vscode.commands.executeCommand('newsletter.setToken', original); // the tests after this one use it
      }
    });

    it('marks an unknown tag in the Problems view, offers the tags as completions, and the fix clears it', async () => {
      const { doc } = await newsletter(spFile().replace('[Customers]', '[Custmers]'));
      const [p] = await problemsSettle(doc, (d) => d.some((x) => x.code === 'unknown-list'));
      assert.equal(doc.getText(p.range), 'Custmers');
      assert.equal(p.severity, vscode.DiagnosticSeverity.Error);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, p.range.end);
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.ok(labels.includes('Customers') && labels.includes('everyone'), labels.join(', '));
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, p.range, 'Customers');
      await vscode.workspace.applyEdit(edit);
      await problemsSettle(doc, (d) => d.length === 0);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(7, 2));
      assert.match(hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join()).join(), /template the body is written into/);
    });

    it('a front matter being started offers the fields at once; accepting audience opens its values', async () => {
      const { doc } = await newsletter('---\ntitle: Started\n\n---\nBody.\n');
      const labelsAt = async (line: number) => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, 0));
        return list.items.filter((i) => i.kind === vscode.CompletionItemKind.Property);
      };
      const fields = await labelsAt(2);
      const names = fields.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      for (const key of ['subject', 'from_email', 'audience', 'template']) assert.ok(names.includes(key), names.join(', '));
      assert.ok(!names.includes('title'), 'a field written already is offered again');
      assert.ok(!names.includes('preheader'), "a Sender field offered for a SendPortal connection");
      assert.equal(fields.find((i) => i.label === 'audience')?.command?.command, 'editor.action.triggerSuggest', 'audience does not open its values');
      assert.deepEqual(await labelsAt(4), [], 'fields offered in the body');
    });

    it('a tag made here is known to the open newsletter files at once: the problem it fixes goes', async () => {
      const { doc } = await newsletter(spFile().replace('[Customers]', '[Winter readers]'));
      await problemsSettle(doc, (d) => d.some((x) => x.code === 'unknown-list'));
      await vscode.commands.executeCommand('newsletter.createList', 'Winter readers');
      await problemsSettle(doc, (d) => d.length === 0);
    });

    it('creates the draft from the file and writes its id back into the front matter, saved', async () => {
      const { doc, file } = await newsletter(spFile());
      const since = await mark();
      const created = await answered(() => vscode.commands.executeCommand<Campaign>('newsletter.createDraftFromFile', doc.uri));
      assert.ok(created, 'no draft was created');
      assert.equal(created.status, 'draft');
      assert.equal(await requestsSince('sendportal', since, /^POST \/api\/v1\/campaigns$/), 1);
      assert.match(fs.readFileSync(file, 'utf8'), new RegExp(`\\ncampaign: ${created.id}\\n---\\n`), 'the id is in the saved file');
      assert.equal(doc.isDirty, false);
      const stored = await a.connections.active!.provider().getCampaign(created.id);
      assert.equal(stored.title, 'Winter digest');
      assert.equal(stored.raw.template_id, 1);
      assert.match(String(stored.html), /<h1[^>]* style="[^"]+">Hello \{\{first_name\}\}<\/h1>/, "VS Code's renderer, styled inline");
      assert.doesNotMatch(String(stored.html), /DOCTYPE|data-line/, 'inside a template: the body only, without the editor marks');
      let listed: Campaign | undefined;
      for (let page = 1; !listed; page++) listed = (await a.connections.active!.provider().listCampaigns(page)).items.find((c) => c.id === created.id);
      assert.deepEqual(listed?.raw.tags, [1], 'it goes to the Customers tag');
    });

    it('a create the server fails is not retried, and the file is not linked to a draft that may not exist', async () => {
      const { doc, file } = await newsletter(spFile());
      await control('faults', { faults: [{ kind: 'status', status: 500, provider: 'sendportal', method: 'POST', pattern: '^/campaigns$' }] });
      const since = await mark();
      try {
        assert.equal(await answered(() => vscode.commands.executeCommand('newsletter.createDraftFromFile', doc.uri)), undefined);
      } finally {
        await control('faults', undefined, 'DELETE');
      }
      assert.equal(await requestsSince('sendportal', since, /^POST \/api\/v1\/campaigns$/), 1, 'a write is never retried');
      assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /campaign:/);
      assert.doesNotMatch(doc.getText(), /campaign:/);
    });

    it('Update Draft sends the file again to the same draft; a sent campaign is not changed', async () => {
      const { doc, file } = await newsletter(spFile());
      const created = (await answered(() => vscode.commands.executeCommand<Campaign>('newsletter.createDraftFromFile', doc.uri)))!;
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(doc.lineCount - 2, 0, doc.lineCount - 2, 100), 'Our **changed** news.');
      await vscode.workspace.applyEdit(edit);
      const since = await mark();
      const updated = await answered(() => vscode.commands.executeCommand<Campaign>('newsletter.updateDraftFromFile', doc.uri));
      assert.equal(updated?.id, created.id);
      assert.equal(await requestsSince('sendportal', since, /^PUT \/api\/v1\/campaigns\/\d+$/), 1);
      assert.match(String((await a.connections.active!.provider().getCampaign(created.id)).html), /<strong>changed<\/strong>/);
      assert.match(fs.readFileSync(file, 'utf8'), new RegExp(`campaign: ${created.id}\\n`));
      await control('reset'); // the seeded campaigns again: the file now names one that is sent (id 4)
      const sentFile = await newsletter(spFile('campaign: 4\n'));
      const before = await mark();
      assert.equal(await answered(() => vscode.commands.executeCommand('newsletter.updateDraftFromFile', sentFile.doc.uri)), undefined);
      assert.equal(await requestsSince('sendportal', before, WRITES), 0, 'nothing was written to a sent campaign');
    });

    it("Update Draft's confirmation shows the draft as the server holds it now beside what the file makes of it", async () => {
      const { doc } = await newsletter(spFile());
      const created = (await answered(() => vscode.commands.executeCommand<Campaign>('newsletter.createDraftFromFile', doc.uri)))!;
      await control('edit', { provider: 'sendportal', id: created.id, fields: { tags: [2], subject: 'Changed in the web app' } });
      const asked: string[] = [];
      const original = a.ui.confirm;
      a.ui.confirm = (message, detail) => (asked.push(`${message} ${detail}`), Promise.resolve(false));
      try {
        assert.equal(await vscode.commands.executeCommand('newsletter.updateDraftFromFile', doc.uri), undefined);
      } finally {
        a.ui.confirm = original;
      }
      assert.match(asked[0] ?? '', /Now in SendPortal: "Changed in the web app" to Beta\. After: "Winter is here" to Customers\./);
    });

    it('with updateDraftOnSave, Ctrl+S on a linked file updates its draft, without a modal', async () => {
      const config = vscode.workspace.getConfiguration('newsletter');
      // Files earlier tests left unsaved (linked to drafts a reset removed, whose ids the sandbox gives out again) are
      // saved first: with the setting on, an auto save of one of them is an update of its draft, rightly.
      await vscode.workspace.saveAll(false);
      await config.update('updateDraftOnSave', true, vscode.ConfigurationTarget.Global);
      try {
        const saved: string[] = [];
        const saves = vscode.workspace.onDidSaveTextDocument((d) => saved.push(`${path.basename(d.uri.fsPath)} v${d.version}`));
        const t0 = await mark();
        const { doc } = await newsletter(spFile());
        const created = (await answered(() => vscode.commands.executeCommand<Campaign>('newsletter.createDraftFromFile', doc.uri)))!;
        const since = await mark();
        const edit = new vscode.WorkspaceEdit();
        edit.insert(doc.uri, new vscode.Position(doc.lineCount - 1, 0), 'Saved with Ctrl+S.\n');
        await vscode.workspace.applyEdit(edit);
        assert.equal(await doc.save(), true);
        await waitFor('the draft updated on save', async () => (await requestsSince('sendportal', since, /^PUT \/api\/v1\/campaigns\/\d+$/)) === 1);
        saves.dispose();
        const writes = (await seenSince(t0)).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`);
        assert.match(String((await a.connections.active!.provider().getCampaign(created.id)).html), /Saved with Ctrl\+S\./, `draft ${created.id} of ${path.basename(doc.uri.fsPath)}; written: ${writes.join(', ')}; saved: ${saved.join(', ')}`);
      } finally {
        await config.update('updateDraftOnSave', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it("Ctrl+S never writes on a repository's word: a workspace updateDraftOnSave and a campaign line this extension did not link make no request", async () => {
      const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
      const settingsFile = path.join(folder, '.vscode', 'settings.json');
      fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
      fs.writeFileSync(settingsFile, JSON.stringify({ 'newsletter.updateDraftOnSave': true, 'files.autoSave': 'off' }));
      const config = () => vscode.workspace.getConfiguration('newsletter');
      const save = async (doc: vscode.TextDocument, line: string) => {
        const edit = new vscode.WorkspaceEdit();
        edit.insert(doc.uri, new vscode.Position(doc.lineCount - 1, 0), `${line}\n`);
        await vscode.workspace.applyEdit(edit);
        assert.equal(await doc.save(), true);
      };
      try {
        // The file is read (a setting beside it is seen); its updateDraftOnSave is ignored, being application-scoped.
        await waitFor('the repository settings read', () => vscode.workspace.getConfiguration('files').inspect('autoSave')?.workspaceValue === 'off');
        // A cloned repository's file names a draft by id (SendPortal ids are sequential).
        const cloned = path.join(folder, `cloned-${++n}.md`);
        fs.writeFileSync(cloned, spFile('campaign: 1\n'));
        const doc = await vscode.workspace.openTextDocument(cloned);
        await vscode.window.showTextDocument(doc);
        const since = await mark();
        await save(doc, 'one typed line');
        // Now the person's own setting, and a file they linked: its save is the barrier the first save's request would precede.
        await config().update('updateDraftOnSave', true, vscode.ConfigurationTarget.Global);
        await save(doc, 'another line'); // still not linked here: no request
        const { doc: own } = await newsletter(spFile());
        const created = (await answered(() => vscode.commands.executeCommand<Campaign>('newsletter.createDraftFromFile', own.uri)))!;
        await save(own, 'Saved by its author.');
        await waitFor('the linked draft updated on save', async () => (await requestsSince('sendportal', since, /^PUT \/api\/v1\/campaigns\/\d+$/)) >= 1);
        assert.equal(await requestsSince('sendportal', since, /^PUT \/api\/v1\/campaigns\/1$/), 0, 'campaign 1 was overwritten from a file it was never linked to');
        assert.equal(await requestsSince('sendportal', since, new RegExp(`^PUT /api/v1/campaigns/${created.id}$`)), 1);
      } finally {
        await config().update('updateDraftOnSave', undefined, vscode.ConfigurationTarget.Global);
        fs.rmSync(path.join(folder, '.vscode'), { recursive: true, force: true });
      }
    });

    it('an HTML file with the 22 classic forms: the person is told what is left out, and the draft carries none of them', async () => {
      const body = HOSTILE_HTML.filter((h) => !h.inert).map((h) => h.html).join('\n');
      const { doc } = await newsletter(spFile().replace('template: Default\n', '').replace(/---\n# Hello[\s\S]*$/, `---\n<p>Dear {{first_name}}</p>\n${body}\n<p>Bye</p>\n`), 'html');
      const asked: string[] = [];
      const original = a.ui.confirm;
      a.ui.confirm = (message, detail) => (asked.push(`${message} ${detail}`), Promise.resolve(true));
      let created: Campaign | undefined;
      try {
        created = await vscode.commands.executeCommand<Campaign>('newsletter.createDraftFromFile', doc.uri);
      } finally {
        a.ui.confirm = original;
      }
      assert.ok(created, 'not created');
      assert.match(asked[0] ?? '', /Left out: .*<script>.*<iframe>/);
      const sent = String((await a.connections.active!.provider().getCampaign(created.id)).html);
      assert.match(sent, /Dear \{\{first_name\}\}[\s\S]*Bye/);
      for (const h of HOSTILE_HTML.filter((x) => !x.inert)) assert.doesNotMatch(sent, h.marker, `${h.name} reached the server`);
    });

    it('schedules from send_at after creating: the draft is queued for that time', async () => {
      const { local, at } = daysAhead(3);
      const { doc } = await newsletter(spFile(`send_at: ${local}\n`).replace('[Customers]', 'everyone'));
      const done = await answered(() => vscode.commands.executeCommand<Campaign>('newsletter.createDraftFromFile', doc.uri));
      assert.equal(done?.status, 'queued');
      const stored = await a.connections.active!.provider().getCampaign(done.id);
      assert.equal(stored.raw.scheduled_at, new Date(at.getFullYear(), at.getMonth(), at.getDate(), 9, 30).toISOString().slice(0, 19).replace('T', ' '));
      assert.equal(stored.toAll, true);
    });

    it('the live preview shows the template with the body and a sample person, and follows typing', async () => {
      const { doc } = await newsletter(spFile());
      const key = doc.uri.toString();
      assert.equal(await vscode.commands.executeCommand('newsletter.previewNewsletterFile', doc.uri), true);
      await waitFor('the preview', () => /Hello Ada/.test(a.cards.liveContent(key) ?? ''));
      assert.match(a.cards.liveContent(key)!, /max-width:600px;margin:auto/, "inside the Default template's layout");
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(doc.lineCount - 1, 0), '\nA new line typed.\n');
      await vscode.workspace.applyEdit(edit);
      await waitFor('the preview to follow the typing', () => /A new line typed\./.test(a.cards.liveContent(key) ?? ''));
    });

    it('every problem that names its fix has it as a quick fix, and applying it fixes that problem', async () => {
      const text = spFile('emial_service: 1\npreheader: Not for SendPortal\nsend_at: 2020-01-01 09:00\n')
        .replace('connection: Writing SP', 'connection: Writing Sp')
        .replace('[Customers]', '[Custmers]')
        .replace('template: Default', 'template: Defualt')
        .replace('from_name: The Team\n', '');
      const { doc } = await newsletter(text);
      const titles: string[] = [];
      for (const code of ['unknown-connection', 'unknown-field', 'other-service', 'send-at', 'missing', 'unknown-list', 'unknown-template']) {
        titles.push(await quickFix(doc, code));
      }
      assert.deepEqual(problems(doc).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.message), [], `errors left in ${doc.getText()}`);
      const fm = doc.getText().split('\n---')[0];
      assert.match(fm, /^connection: Writing SP$/m);
      assert.match(fm, /^email_service: 1$/m);
      assert.doesNotMatch(fm, /preheader/);
      assert.match(fm, /^from_name: The Team$/m);
      assert.match(fm, /^audience: \[Customers\]$/m);
      assert.match(fm, /^template: Default$/m);
      assert.match(titles.join(' | '), /Write Writing SP \| Write email_service \| Remove preheader \| Send at \d{4}-\d\d-\d\d 09:00 \| Add from_name: The Team/);
    });

    it('the live preview of a long newsletter is sent a keystroke as a patch, not the whole email again', async () => {
      const long = Array.from({ length: 2000 }, (_, i) => `Line ${i} of a long issue, with **bold** and [a link](https://example.com/${i}).`).join('\n\n');
      const { doc } = await newsletter(spFile().replace('Our **winter** news.', long));
      const key = doc.uri.toString();
      assert.equal(await vscode.commands.executeCommand('newsletter.previewNewsletterFile', doc.uri), true);
      await waitFor('the preview drawn and sent whole', () => /Line 1999 of a long issue/.test(a.cards.liveContent(key) ?? '') && (a.cards.livePostBytes(key) ?? 0) > 100_000);
      const whole = a.cards.livePostBytes(key)!;
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(doc.getText().split('\n').findIndex((l) => l.startsWith('Line 1000 ')), 0), 'Z');
      await vscode.workspace.applyEdit(edit);
      await waitFor('the keystroke in the preview', () => /ZLine 1000 of a long issue/.test(a.cards.liveContent(key) ?? ''));
      await waitFor('the patch posted', () => (a.cards.livePostBytes(key) ?? whole) < whole);
      const patch = a.cards.livePostBytes(key)!;
      assert.ok(patch <= whole / 10, `a keystroke sent ${patch} bytes of ${whole}`);
    });

    it('the live preview follows the active editor to another newsletter file, and not to a file that is not one', async () => {
      const first = (await newsletter(spFile().replace('Hello', 'First file'))).doc;
      assert.equal(await vscode.commands.executeCommand('newsletter.previewNewsletterFile', first.uri), true);
      await waitFor('the first file previewed', () => /First file/.test(a.cards.liveContent(first.uri.toString()) ?? ''));
      const plain = (await newsletter('# Just a README\n')).doc;
      const second = (await newsletter(spFile().replace('Hello', 'Second file'))).doc;
      await waitFor('the preview to show the second file', () => /Second file/.test(a.cards.liveContent(second.uri.toString()) ?? ''));
      assert.equal(a.cards.liveContent(first.uri.toString()), undefined, 'two previews: it opened a new one');
      assert.equal(a.cards.liveContent(plain.uri.toString()), undefined, 'it followed a file that is not a newsletter');
      assert.equal(vscode.window.activeTextEditor?.document, second, 'the preview took the focus');
    });

    it('a template opens as a file and Save updates it; a newsletter naming a template without {{content}} is told', async () => {
      const editor = await vscode.commands.executeCommand<vscode.TextEditor>('newsletter.newTemplate', 'Plain layout');
      assert.equal(editor.document.uri.scheme, 'newsletter-content');
      assert.match(editor.document.getText(), /\{\{content\}\}/);
      await editor.edit((e) => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), '<div>no slot here</div>'));
      assert.equal(await editor.document.save(), true);
      const id = editor.document.uri.path.split('/')[3];
      assert.equal((await a.connections.active!.provider().getTemplate!(id)).html, '<div>no slot here</div>');
      const { doc } = await newsletter(spFile().replace('template: Default', 'template: Plain layout'));
      const [p] = await problemsSettle(doc, (d) => d.some((x) => x.code === 'template-content'));
      assert.match(p.message, /has no \{\{content\}\}/);
    });

    it('a newsletter-content path is read strictly: "%2e%2e" as the id, or segments after the name, open nothing and ask nothing', async () => {
      const conn = encodeURIComponent(a.connections.active!.profile.id);
      const since = await mark();
      for (const p of [`/${conn}/campaign/%2e%2e/x.html`, `/${conn}/campaign/1/extra/x.html`, `/${conn}/campaign/1/x.html/more`, `/${conn}/campaign/../x.html`]) {
        const uri = vscode.Uri.parse(`newsletter-content:${p}`);
        await assert.rejects(Promise.resolve(vscode.workspace.fs.readFile(uri)), (e: unknown) => e instanceof vscode.FileSystemError, p);
      }
      // The barrier: a path that is one reads campaign 1, and only its request arrives.
      await vscode.workspace.fs.readFile(vscode.Uri.parse(`newsletter-content:/${conn}/campaign/1/x.html`));
      assert.equal(await requestsSince('sendportal', since, /^GET \/api\/v1\/campaigns\/1$/), 1);
      // (The Campaigns view may load its first page meanwhile: `?page=` is its, never a content file's.)
      assert.equal(await requestsSince('sendportal', since, /^GET \/api\/v1\/(campaigns|templates)?(\/|$|\?(?!page=))/), 1, 'a request for a path that is none');
    });

    it("a sent campaign's content opens read-only; a draft's saves to the draft", async () => {
      await control('reset');
      const sent = { type: 'item', item: { id: '4', title: 'Sent one', status: 'sent', audience: [], raw: {} } };
      const ro = await vscode.commands.executeCommand<vscode.TextEditor>('newsletter.openCampaignContent', sent);
      const stat = await vscode.workspace.fs.stat(ro.document.uri);
      assert.equal(stat.permissions, vscode.FilePermission.Readonly);
      // Why, in its own words: sent (and Save says so too).
      await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(ro.document.uri, Buffer.from('<p>x</p>'))), /Read-only: "Sent one|"[^"]+" is sent, and its content can no longer change/);
      const draft = { type: 'item', item: { id: '1', title: 'Draft one', status: 'draft', audience: [], raw: {} } };
      const rw = await vscode.commands.executeCommand<vscode.TextEditor>('newsletter.openCampaignContent', draft);
      assert.equal((await vscode.workspace.fs.stat(rw.document.uri)).permissions, undefined);
      await rw.edit((e) => e.insert(new vscode.Position(0, 0), '<p>Edited in VS Code</p>'));
      assert.equal(await rw.document.save(), true);
      assert.match(String((await a.connections.active!.provider().getCampaign('1')).html), /^<p>Edited in VS Code<\/p>/);
    });

    it('a content file is a campaign or nothing: no write creates one, a copy onto one asks first, an open one follows a change made here', async () => {
      await control('reset');
      const draft = { type: 'item', item: { id: '1', title: 'Draft one', status: 'draft', audience: [], raw: {} } };
      const open = await vscode.commands.executeCommand<vscode.TextEditor>('newsletter.openCampaignContent', draft);
      const uri = open.document.uri;
      const local = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'content-')), 'x.html'));
      await vscode.workspace.fs.writeFile(local, Buffer.from('<p>copied</p>'));
      // A copy onto a file that exists, without overwrite, is refused as existing; a copy to an id that is none, as not allowed.
      await assert.rejects(Promise.resolve(vscode.workspace.fs.copy(local, uri, { overwrite: false })), /exists/i);
      const none = uri.with({ path: uri.path.replace('/campaign/1/', '/campaign/9999/') });
      await assert.rejects(Promise.resolve(vscode.workspace.fs.copy(local, none, { overwrite: true })), /NoPermissions|permission/i);
      assert.doesNotMatch(String((await a.connections.active!.provider().getCampaign('1')).html), /copied/);
      // The same draft under another name is another file: a save there reaches the open one, unsaved edits aside.
      const other = uri.with({ path: uri.path.replace(/[^/]+\.html$/, 'Other name.html') });
      await vscode.workspace.fs.writeFile(other, Buffer.from('<p>Saved from the other file</p>'));
      await waitFor('the open file to follow', () => open.document.getText() === '<p>Saved from the other file</p>');
    });
  });

  describe('a refused token', () => {
    it('typing in a newsletter file asks the service once, not at every pause; the file keeps its other checks', async () => {
      ({ a } = await connectFresh('sendportal', 'Writing SP'));
      const { token } = await control<{ token: string }>('tokens', { provider: 'sendportal' });
      assert.equal(await vscode.commands.executeCommand('newsletter.setToken', token), 'saved');
      await control('expire', { token });
      // Newsletter files left open by the tests before read the lists while the token worked: forgotten, as a change
      // to the lists does, so that this file reads them with the refused token.
      // Marked before the forget: the open files read the lists again at once, and that request counts too.
      const since = await mark();
      a.newsletters.forget();
      const { doc } = await newsletter(spFile().replace('team@sendportal.test', 'not an address'));
      await problemsSettle(doc, (d) => d.some((x) => x.code === 'bad-address'));
      await waitFor('the lists asked for', async () => (await requestsSince('sendportal', since, /^GET \/api\/v1\/tags\?/)) >= 1);
      const typing = await mark();
      for (const word of ['one', 'two', 'three']) {
        const checked = new Promise<void>((r) => {
          const sub = a.newsletters.onDidCheck((u) => u.toString() === doc.uri.toString() && (sub.dispose(), r()));
        });
        const edit = new vscode.WorkspaceEdit();
        edit.insert(doc.uri, new vscode.Position(doc.lineCount - 1, 0), `${word}\n`);
        await vscode.workspace.applyEdit(edit);
        await checked;
      }
      assert.equal(await requestsSince('sendportal', typing, /^GET \/api\/v1\/(tags|templates)\?/), 0, 'the refused lists were asked for again while typing');
      assert.ok(problems(doc).some((d) => d.code === 'bad-address'), 'the checks that need no service stay');
    });
  });

  describe('Sender', () => {
    beforeEach(async () => {
      ({ a } = await connectFresh('sender', 'Writing Sender'));
    });

    const senderFile = `---
connection: Writing Sender
subject: December news
preheader: Three things we shipped
from_name: The Team
from_email: team@example.com
audience: [Customers]
---
# Hi {{ firstname }}
`;

    it('creates the draft (found by its title, the answer having no public source) and links the file; Update says it cannot', async () => {
      const { doc, file } = await newsletter(senderFile);
      const created = await answered(() => vscode.commands.executeCommand<Campaign>('newsletter.createDraftFromFile', doc.uri));
      assert.equal(created?.title, 'December news');
      assert.match(fs.readFileSync(file, 'utf8'), new RegExp(`\\ncampaign: ${created.id}\\n`));
      const since = await mark();
      assert.equal(await answered(() => vscode.commands.executeCommand('newsletter.updateDraftFromFile', doc.uri)), undefined);
      assert.equal(await requestsSince('sender', since, WRITES), 0, "Sender's API documents no campaign update: nothing is sent");
      const stored = await a.connections.active!.provider().getCampaign(created.id);
      assert.match(String(stored.html), /<title>December news<\/title>[\s\S]*Three things we shipped[\s\S]*Hi \{\{ firstname \}\}/, 'a page of its own, with the preheader');
      assert.deepEqual(stored.raw.campaign_groups, ['g1'], 'it goes to the Customers group');
    });

    it("merge tags as Sender fills them: {$firstname} is told, its quick fix writes {{ firstname }}; a completion takes VS Code's closing braces", async () => {
      const { doc } = await newsletter(senderFile.replace('# Hi {{ firstname }}', '# Hi {$firstname}\nBye {{'));
      const [p] = await problemsSettle(doc, (d) => d.some((x) => x.code === 'unknown-tag'));
      const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, p.range)) ?? [];
      const fix = actions.find((x) => x.title === 'Write {{ firstname }}');
      assert.ok(fix?.edit, actions.map((x) => x.title).join(', '));
      await vscode.workspace.applyEdit(fix.edit);
      await problemsSettle(doc, (d) => !d.some((x) => x.code === 'unknown-tag'));
      assert.match(doc.getText(), /# Hi \{\{ firstname \}\}\n/);
      // "Bye {{" and VS Code's auto-closed "}}" after the cursor: the completion replaces both.
      const line = doc.lineCount - 2;
      const close = new vscode.WorkspaceEdit();
      close.insert(doc.uri, new vscode.Position(line, doc.lineAt(line).text.length), '}}');
      await vscode.workspace.applyEdit(close);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, 6));
      const tag = list.items.find((c) => c.label === '{{ lastname }}')!;
      assert.ok(tag, list.items.map((c) => c.label).join(' '));
      const range = tag.range as vscode.Range;
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, range, String(tag.insertText));
      await vscode.workspace.applyEdit(edit);
      assert.equal(doc.lineAt(line).text, 'Bye {{ lastname }}');
    });

    it('a draft to a group and a segment goes to both', async () => {
      const { doc } = await newsletter(senderFile.replace('[Customers]', '[Customers, Has a phone]'));
      const created = await answered(() => vscode.commands.executeCommand<Campaign>('newsletter.createDraftFromFile', doc.uri));
      assert.ok(created, 'no draft');
      const { body } = await control<{ body: { groups?: string[]; segments?: string[] } }>('last', undefined, 'GET');
      assert.deepEqual([body.groups, body.segments], [['g1'], ['sg1']]);
    });

    it("a free mail sender's quick fix sends from the address the latest campaigns used", async () => {
      const { doc } = await newsletter(senderFile.replace('team@example.com', 'me@gmail.com'));
      assert.match(await quickFix(doc, 'unverifiable'), /^Send from team@example\.com/);
      assert.match(doc.getText(), /^from_email: team@example\.com$/m);
    });

    it('"everyone" and a free mail sender address are told in the Problems view', async () => {
      const { doc } = await newsletter(senderFile.replace('[Customers]', 'everyone').replace('team@example.com', 'me@gmail.com'));
      const found = await problemsSettle(doc, (d) => d.length >= 2);
      assert.deepEqual(found.map((d) => d.code).sort(), ['everyone', 'unverifiable']);
      assert.equal(await answered(() => vscode.commands.executeCommand('newsletter.createDraftFromFile', doc.uri)), undefined, 'not created with an error in the file');
    });
  });
});
