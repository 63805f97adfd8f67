import { createHash } from 'node:crypto';
import { type FileHandle, stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { type NewsletterProvider, type Page, type Subscriber, type SubscriberList, filterPages, isApiError, safeText, editableListKind } from '../api';
import type { Session } from '../connections/session';
import { csvLine } from '../transfer/csv';
import { ImportRefused, checkImportSize, readCsvHeader, streamCsv } from '../transfer/csvFile';
import { type ExportFormat, WRITERS, exportPages } from '../transfer/exporter';
import { type FileMark, createFree, createOwn, markOf, notOurs, reopenOwn } from '../transfer/ownFile';
import { type ImportPlan, ImportPlanner, type Mapping, type MappingField, guessMapping, runImport } from '../transfer/importer';
import { errorText } from '../views/errorText';
import type { ListsRow } from '../views/listsView';
import { command, type Services, showError, withProgress } from './services';

const fmt = (n: number) => n.toLocaleString('en-US');
const seconds = (ms: number) => (ms < 90_000 ? vscode.l10n.t('about {0} s left', Math.max(1, Math.round(ms / 1000))) : vscode.l10n.t('about {0} min left', Math.round(ms / 60_000)));

/** What an export walks: the Subscribers view (with its status filter) or one group, segment or tag. */
interface ExportTarget {
  key: string;
  name: string;
  fetch(p: NewsletterProvider, page: number, signal: AbortSignal): Promise<Page<Subscriber>>;
}

function exportTarget(s: Services, session: Session, row?: unknown): ExportTarget {
  const list = (row as ListsRow | undefined)?.type === 'list' ? (row as { list: SubscriberList }).list : undefined;
  const limit = session.descriptor.pageSize.bulk;
  if (list) return { key: `${list.kind}:${list.id}`, name: safeText(list.name, [], 80), fetch: (p, page, signal) => p.listMembers(list, page, { limit, signal }) };
  const status = s.subscriberFilter.value.status;
  return {
    key: `all:${status ?? ''}`,
    name: status ? vscode.l10n.t('{0} subscribers', status) : vscode.l10n.t('subscribers'),
    fetch: (p, page, signal) => (status ? filterPages((n) => p.listSubscribers(n, { limit, signal }), page, (x) => x.status === status) : p.listSubscribers(page, { limit, signal })),
  };
}

interface ExportState {
  file: string;
  format: ExportFormat;
  nextPage: number;
  rows: number;
  /** The file as this export left it: continued only while it is exactly that. */
  mark?: FileMark;
}

/** Why a stopped export's file is no longer ours to continue, in words, or undefined. */
async function changedSince(state: ExportState): Promise<string | undefined> {
  const why = await notOurs(state.file, state.mark ?? { size: -1, mtimeMs: 0, sha256: '' });
  const name = vscode.workspace.asRelativePath(state.file);
  if (why === undefined || why === 'missing') return undefined;
  return why === 'link'
    ? vscode.l10n.t('{0} is now a link: the stopped export is not continued into it.', name)
    : vscode.l10n.t('{0} changed since the export stopped: it is not continued.', name);
}

/** A new file for an export: a link is refused; an existing file is replaced only when the person agrees. */
async function newExportFile(file: string, confirmed: boolean): Promise<FileHandle | undefined> {
  try {
    return await createOwn(file, confirmed);
  } catch (e) {
    if ((e as { code?: string }).code !== 'EEXIST') {
      void vscode.window.showErrorMessage(vscode.l10n.t('Not exported: {0}', String((e as Error).message)));
      return undefined;
    }
  }
  const replace = vscode.l10n.t('Replace');
  const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0} exists. Replace it?', vscode.workspace.asRelativePath(file)), { modal: true }, replace);
  return answer === replace ? newExportFile(file, true) : undefined;
}

/**
 * Where a list's items carry no tags (SendPortal: only a single subscriber's answer has them), each subscriber's tag
 * names, from one request per tag (`GET /tags/{id}/subscribers` answers a whole tag at once) [src]; undefined where the
 * items carry them.
 */
async function listNamesBySubscriber(s: Services, session: Session, provider: NewsletterProvider, signal: AbortSignal, report: (m: string) => void): Promise<Map<string, string[]> | undefined> {
  const kind = editableListKind(session.descriptor);
  if (!kind || !session.descriptor.detailOnlyFields.subscriber.includes('tags')) return undefined;
  const byId = new Map<string, string[]>();
  const lists = await s.lists.allLists(kind.kind);
  for (const [i, list] of lists.entries()) {
    report(vscode.l10n.t('Reading who is in each {0}: {1} of {2}', kind.noun, i + 1, lists.length));
    for (let page = 1; ; page++) {
      const members = await provider.listMembers(list, page, { signal });
      for (const x of members.items) byId.set(x.id, [...(byId.get(x.id) ?? []), list.name]);
      if (!members.hasMore) break;
    }
  }
  return byId;
}

/**
 * Export Subscribers…: the view's list (as filtered) or a group, segment or tag, to CSV or JSON, a page at a time
 * straight to disk, paced by the rate limit, with "1,250 of 2,500 · about 40 s left" and Cancel. Whatever stops it,
 * the file is valid and holds every row so far; running it again offers to continue where it stopped.
 */
async function exportSubscribers(s: Services, row?: unknown, given?: { file: string; resume?: boolean }): Promise<ExportState & { done: boolean } | undefined> {
  const session = s.connections.active;
  if (!session) return undefined;
  const target = exportTarget(s, session, row);
  const stateKey = `newsletter.export.${session.profile.id}.${target.key}`;
  let state = s.state.get<ExportState>(stateKey);
  if (state && !(await stat(state.file).then(() => true, () => false))) state = undefined;
  const foreign = state && (await changedSince(state));
  if (foreign) {
    void vscode.window.showWarningMessage(foreign);
    await s.state.update(stateKey, undefined);
    state = undefined;
  }
  let resume = false;
  if (state && !given) {
    const go = vscode.l10n.t('Continue');
    const again = vscode.l10n.t('Start Over');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('An export of {0} stopped after {1} rows ({2}). Continue where it stopped?', target.name, fmt(state.rows), vscode.workspace.asRelativePath(state.file)),
      go,
      again,
    );
    if (!answer) return undefined;
    resume = answer === go;
  } else resume = !!(state && given?.resume);
  let file = resume && state ? state.file : given?.file;
  // The save dialog asks before replacing a file; a path given by a command has not been asked about.
  let confirmed = false;
  if (!file) {
    const uri = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export {0} of {1}', target.name, session.profile.label),
      filters: { CSV: ['csv'], JSON: ['json'] },
      defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(process.cwd()), `${session.profile.label.replace(/[^\w.-]+/g, '-')}-${target.name.replace(/[^\w.-]+/g, '-')}.csv`),
    });
    if (!uri) return undefined;
    file = uri.fsPath;
    confirmed = true;
  }
  const format: ExportFormat = resume && state ? state.format : file.toLowerCase().endsWith('.json') ? 'json' : 'csv';
  const writer = WRITERS[format];
  let handle: FileHandle;
  if (resume && state) {
    handle = await reopenOwn(file);
    const size = (await handle.stat()).size;
    await handle.truncate(Math.max(0, size - Buffer.byteLength(writer.end())));
  } else {
    const created = await newExportFile(file, confirmed);
    if (!created) return undefined;
    handle = created;
    await handle.write(writer.start());
  }
  // Each write at the end, by position: the handle is the one opened without following links.
  let at = (await handle.stat()).size;
  const append = async (text: string) => {
    const { bytesWritten } = await handle.write(text, at, 'utf8');
    at += bytesWritten;
  };
  const clean = (v: string) => session.redact(v);
  let written = resume && state ? state.rows : 0;
  const provider = session.provider();
  const result = await withProgress(vscode.l10n.t('Exporting {0} of {1}…', target.name, session.profile.label), async (signal, report) => {
    const tags = await listNamesBySubscriber(s, session, provider, signal, report);
    const withTags = (page: Page<Subscriber>) => (tags ? { ...page, items: page.items.map((x) => ({ ...x, tags: tags.get(x.id) ?? [] })) } : page);
    return exportPages({
      fetch: async (page, sig) => withTags(await target.fetch(provider, page, sig)),
      findMissing: target.key === 'all:' ? (held, missing, sig) => provider.findMissingSubscribers?.(held, missing, { signal: sig }) : undefined,
      write: async (items) => {
        await append(writer.items(items, written === 0, clean));
        written += items.length;
      },
      startPage: resume && state ? state.nextPage : 1,
      rowsBefore: written,
      signal,
      onProgress: (p) => report([p.total !== undefined ? vscode.l10n.t('{0} of {1}', fmt(p.rows), fmt(p.total)) : fmt(p.rows), p.etaMs !== undefined ? seconds(p.etaMs) : undefined].filter(Boolean).join(' · ')),
    }).finally(async () => {
      await append(writer.end());
      await handle.truncate(at);
      await handle.close();
    });
  });
  const name = vscode.workspace.asRelativePath(file);
  const openFile = vscode.l10n.t('Open File');
  const offerOpen = (choice: string | undefined) => choice === openFile && void vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
  if (result.done) {
    await s.state.update(stateKey, undefined);
    void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} {1} to {2}.', fmt(result.rows), target.name, name), openFile).then(offerOpen);
  } else {
    await s.state.update(stateKey, { file, format, nextPage: result.nextPage, rows: result.rows, mark: await markOf(file) } satisfies ExportState);
    const kept = vscode.l10n.t('The export stopped; {0} holds the {1} rows so far. Run Export again to continue.', name, fmt(result.rows));
    if (result.error) showError(result.error, kept);
    else void vscode.window.showInformationMessage(kept, openFile).then(offerOpen);
  }
  return { file, format, nextPage: result.nextPage, rows: result.rows, done: result.done };
}

const FIELD_NAMES: Record<MappingField, string> = {
  email: vscode.l10n.t('Email'),
  firstName: vscode.l10n.t('First name'),
  lastName: vscode.l10n.t('Last name'),
  phone: vscode.l10n.t('Phone'),
  lists: vscode.l10n.t('Groups or tags'),
};

/** Confirms the guessed mapping of columns, or lets the person choose each one. */
async function confirmMapping(header: readonly string[], guessed: Mapping | undefined, fields: readonly MappingField[]): Promise<Mapping | undefined> {
  const describe = (m: Mapping) => fields.filter((f) => m[f] !== undefined).map((f) => `${FIELD_NAMES[f]} ← "${safeText(header[m[f] as number], [], 40)}"`).join(', ');
  if (guessed) {
    const use = { label: vscode.l10n.t('Use these columns'), detail: describe(guessed) };
    const change = { label: vscode.l10n.t('Choose the columns…') };
    const pick = await vscode.window.showQuickPick([use, change], { title: vscode.l10n.t('Import Subscribers: columns'), ignoreFocusOut: true });
    if (!pick) return undefined;
    if (pick === use) return guessed;
  }
  const chosen: Partial<Mapping> = {};
  for (const f of fields) {
    const items = [
      ...(f === 'email' ? [] : [{ label: vscode.l10n.t('(none)'), index: undefined as number | undefined }]),
      ...header.map((h, index) => ({ label: safeText(h, [], 80) || vscode.l10n.t('column {0}', index + 1), index: index as number | undefined })),
    ];
    const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Which column holds: {0}', FIELD_NAMES[f]), ignoreFocusOut: true });
    if (!pick) return undefined;
    chosen[f] = pick.index;
  }
  return chosen.email === undefined ? undefined : (chosen as Mapping);
}

/** Every address the service has, lower case: from the view when it holds the whole list, else a paced walk. */
async function knownEmails(s: Services, session: Session, signal: AbortSignal, report: (m: string) => void): Promise<Set<string>> {
  const state = s.subscribers.list.state;
  if (!state.hasMore && !state.filteredClientSide && state.pagesLoaded > 0 && !s.subscriberFilter.value.status) return new Set(state.items.map((x) => x.email.toLowerCase()));
  const emails = new Set<string>();
  const provider = session.provider();
  const limit = session.descriptor.pageSize.bulk;
  const result = await exportPages({
    fetch: (page, sig) => provider.listSubscribers(page, { limit, signal: sig }),
    write: async (items) => void items.forEach((x) => emails.add(x.email.toLowerCase())),
    signal,
    onProgress: (p) => report(vscode.l10n.t('Checking who is already there: {0} of {1}', fmt(p.rows), p.total === undefined ? '?' : fmt(p.total))),
  });
  if (result.error) throw result.error;
  if (!result.done) throw new vscode.CancellationError();
  return emails;
}

export interface ImportArgs {
  file: string;
  /** Tests: skip the questions (the guessed mapping, no automations, continue where it stopped). */
  yes?: boolean;
}

/**
 * Import Subscribers…: a CSV (any delimiter, quotes, with or without a BOM) mapped to fields, a preview of what it
 * will do before anything is written, then upserts one by one with progress, pacing and Cancel; resumable; a report
 * of the rows that were not written, with the reason beside each.
 */
async function importSubscribers(s: Services, given?: ImportArgs) {
  const session = s.connections.active;
  if (!session) return undefined;
  const file = given?.file ?? (
      await vscode.window.showOpenDialog({
        title: vscode.l10n.t('Import Subscribers from CSV'),
        filters: { CSV: ['csv', 'txt', 'tsv'] },
        canSelectMany: false,
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      })
    )?.[0]?.fsPath;
  if (!file) return undefined;
  const name = vscode.workspace.asRelativePath(file);
  let header: string[];
  try {
    await checkImportSize(file);
    ({ header } = await readCsvHeader(file));
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Not imported: {0} {1}', name, e instanceof ImportRefused ? e.message : safeText(String((e as Error).message), [], 200)));
    return undefined;
  }
  const noRows = () => void vscode.window.showErrorMessage(vscode.l10n.t('{0} has no rows under its header.', name));
  if (!header.length) return noRows();
  const fields: MappingField[] = ['email', 'firstName', 'lastName', ...(session.descriptor.editsPhone ? (['phone'] as const) : []), 'lists'];
  const mapping = given?.yes ? guessMapping(header) : await confirmMapping(header, guessMapping(header), fields);
  if (!mapping) {
    if (given?.yes) void vscode.window.showErrorMessage(vscode.l10n.t('No column of {0} looks like an email address.', vscode.workspace.asRelativePath(file)));
    return undefined;
  }
  const editable = editableListKind(session.descriptor);
  let plan: ImportPlan;
  let hash: string;
  try {
    ({ plan, hash } = await withProgress(vscode.l10n.t('Reading {0}…', name), async (signal, report) => {
      const emails = await knownEmails(s, session, signal, report);
      const lists = editable && mapping.lists !== undefined ? await s.lists.allLists(editable.kind) : [];
      const planner = new ImportPlanner(header.length, mapping, (e) => emails.has(e), new Map(lists.map((l) => [l.name.toLowerCase(), l.id])));
      const digest = createHash('sha256');
      const { size } = await stat(file);
      // A chunk at a time: the host stays responsive, Cancel works while it reads, only planned rows are held.
      await streamCsv(file, {
        signal,
        onText: (t) => digest.update(t),
        onRows: (rows, bytes) => {
          planner.add(rows);
          report(vscode.l10n.t('Reading {0}: {1}%', name, Math.round((bytes / Math.max(1, size)) * 100)));
        },
      });
      return { plan: planner.plan, hash: digest.digest('hex').slice(0, 16) };
    }));
  } catch (e) {
    if (e instanceof ImportRefused) void vscode.window.showErrorMessage(vscode.l10n.t('Not imported: {0} {1}', name, e.message));
    else if (!(e instanceof vscode.CancellationError) && (e as Error).name !== 'AbortError') showError(e);
    return undefined;
  }
  if (!plan.writes.length && !plan.invalid.length && !plan.duplicates.length) return noRows();
  const stateKey = `newsletter.import.${session.profile.id}.${hash}`;
  const before = s.state.get<number>(stateKey) ?? 0;
  const summary = vscode.l10n.t('{0} new · {1} to update · {2} invalid · {3} repeated in the file', fmt(plan.added), fmt(plan.updated), fmt(plan.invalid.length), fmt(plan.duplicates.length));
  let startAutomations = false;
  let startAt = 0;
  if (!given?.yes) {
    const go = vscode.l10n.t('Import');
    const goAuto = vscode.l10n.t('Import and Start Automations');
    const goOn = vscode.l10n.t('Continue from Row {0}', plan.writes[before]?.line ?? '?');
    const invalid = plan.invalid.slice(0, 5).map((r) => vscode.l10n.t('line {0}: {1} ({2})', r.line, safeText(r.email, [], 60) || '—', r.reason));
    const detail = [summary, ...invalid, plan.invalid.length > 5 ? '…' : '', before ? vscode.l10n.t('{0} of {1} rows were written by an earlier run.', fmt(before), fmt(plan.writes.length)) : '', vscode.l10n.t('Invalid and repeated rows are never sent.')].filter(Boolean).join('\n');
    const buttons = [...(before && before < plan.writes.length ? [goOn] : []), go, ...(session.descriptor.startsAutomations ? [goAuto] : [])];
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Import {0} rows into {1}?', fmt(plan.writes.length), session.profile.label), { modal: true, detail }, ...buttons);
    if (!answer) return undefined;
    startAutomations = answer === goAuto;
    startAt = answer === goOn ? before : 0;
  } else startAt = before < plan.writes.length ? before : 0;
  const provider = session.provider();
  const written: Subscriber[] = [];
  const outcome = await withProgress(vscode.l10n.t('Importing into {0}…', session.profile.label), (signal, report) =>
    runImport({
      plan,
      startAt,
      write: async (row, sig) => {
        const result = await provider.addSubscriber({ ...row.input, startAutomations, exists: row.exists }, { signal: sig });
        written.push(result.subscriber);
        return result;
      },
      // A refused token or no network would fail every row: stop and keep the place instead.
      isFatal: (e) => isApiError(e) && ['auth', 'network', 'config', 'rateLimited'].includes(e.kind),
      reason: (e) => (isApiError(e) && ['timeout', 'server'].includes(e.kind) ? vscode.l10n.t('{0} It may or may not have been saved.', errorText(e)) : errorText(e)),
      signal,
      onProgress: (done, total) => report(vscode.l10n.t('{0} of {1}', fmt(done), fmt(total))),
    }),
  );
  await s.state.update(stateKey, outcome.done < plan.writes.length ? outcome.done : undefined);
  // Once, in place: the new at the top, the updated where they are; the rows loaded stay.
  s.subscribers.apply({ add: written });
  const problems = [
    ...plan.invalid.map((r) => ({ ...r, reason: `invalid: ${r.reason}` })),
    ...plan.duplicates.map((r) => ({ line: r.line, email: r.email, reason: `repeats line ${r.firstLine}` })),
    ...outcome.failed,
  ].sort((a, b) => a.line - b.line);
  // A report of its own: a file already there under that name (an earlier report, or anyone's) is never replaced.
  let report: string | undefined;
  if (problems.length) {
    const made = await createFree(file.replace(/(\.\w+)?$/, '.report.csv'));
    report = made.path;
    await made.handle.writeFile(csvLine(['line', 'email', 'reason']) + problems.map((p) => csvLine([p.line, p.email, p.reason])).join(''));
    await made.handle.close();
  }
  const text2 = vscode.l10n.t(
    '{0} added, {1} updated, {2} skipped, {3} failed.',
    fmt(outcome.added),
    fmt(outcome.updated),
    fmt(plan.invalid.length + plan.duplicates.length + startAt),
    fmt(outcome.failed.length),
  );
  const openReport = vscode.l10n.t('Open Report');
  if (outcome.stoppedBy) showError(outcome.stoppedBy, vscode.l10n.t('Import stopped after row {0}: {1} Run Import again to continue.', plan.writes[outcome.done - 1]?.line ?? 1, text2));
  else {
    void vscode.window.showInformationMessage(vscode.l10n.t('Import finished: {0}', text2), ...(report ? [openReport] : [])).then((c) => {
      if (c === openReport && report) void vscode.commands.executeCommand('vscode.open', vscode.Uri.file(report));
    });
  }
  return { ...outcome, invalid: plan.invalid.length, duplicates: plan.duplicates.length, report };
}

export function registerTransferCommands(s: Services): vscode.Disposable[] {
  return [
    command(s, 'newsletter.exportSubscribers', (row?: unknown, given?: { file: string; resume?: boolean }) => exportSubscribers(s, row, given)),
    command(s, 'newsletter.importSubscribers', (given?: ImportArgs) => importSubscribers(s, typeof given?.file === 'string' ? given : undefined)),
  ];
}
