/**
 * Import Subscribers…: a CSV (any delimiter, quotes, with or without a BOM) mapped to fields, read a chunk at a time
 * into a preview of what it will do before anything is written, then upserts one by one with progress, pacing and
 * Cancel; resumable; a report of the rows that were not written, with the reason beside each.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { type Subscriber, isApiError, safeText, editableListKind } from '../api';
import type { Session } from '../connections/session';
import { ImportRefused, checkImportSize, readCsvHeader, streamCsv } from '../transfer/csvFile';
import { writeImportReport } from '../transfer/importReport';
import {
  type ImportOutcome,
  type ImportPlan,
  ImportPlanner,
  type Mapping,
  type MappingField,
  guessMapping,
  runImport,
} from '../transfer/importer';
import { errorText } from '../views/errorText';
import { type Services, showError, withProgress } from '../app/services';
import { viewHoldsAll } from '../pages/subscriberSearch';
import { fmt } from '../views/format';

const FIELD_NAMES: Record<MappingField, string> = {
  email: vscode.l10n.t('Email'),
  firstName: vscode.l10n.t('First name'),
  lastName: vscode.l10n.t('Last name'),
  phone: vscode.l10n.t('Phone'),
  lists: vscode.l10n.t('Groups or tags'),
};

/** Confirms the guessed mapping of columns, or lets the person choose each one. */
async function confirmMapping(
  header: readonly string[],
  guessed: Mapping | undefined,
  fields: readonly MappingField[],
): Promise<Mapping | undefined> {
  const describe = (m: Mapping) =>
    fields
      .filter((f) => m[f] !== undefined)
      .map((f) => `${FIELD_NAMES[f]} ← "${safeText(header[m[f] as number], [], 40)}"`)
      .join(', ');
  if (guessed) {
    const use = { label: vscode.l10n.t('Use these columns'), detail: describe(guessed) };
    const change = { label: vscode.l10n.t('Choose the columns…') };
    const pick = await vscode.window.showQuickPick([use, change], {
      title: vscode.l10n.t('Import Subscribers: columns'),
      ignoreFocusOut: true,
    });
    if (!pick) return undefined;
    if (pick === use) return guessed;
  }
  const chosen: Partial<Mapping> = {};
  for (const f of fields) {
    const items = [
      ...(f === 'email' ? [] : [{ label: vscode.l10n.t('(none)'), index: undefined as number | undefined }]),
      ...header.map((h, index) => ({
        label: safeText(h, [], 80) || vscode.l10n.t('column {0}', index + 1),
        index: index as number | undefined,
      })),
    ];
    const pick = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Which column holds: {0}', FIELD_NAMES[f]),
      ignoreFocusOut: true,
    });
    if (!pick) return undefined;
    chosen[f] = pick.index;
  }
  return chosen.email === undefined ? undefined : (chosen as Mapping);
}

/**
 * Every address the service has, as it matches them (`emailKey`): from the view when it holds the whole list, else
 * from the connection's walk (shared with search and export, read on from where it stopped, recovered rows included).
 */
async function knownEmails(app: Services, session: Session, signal: AbortSignal, report: (m: string) => void): Promise<Set<string>> {
  const key = session.descriptor.emailKey;
  if (viewHoldsAll(app)) return new Set(app.subscribers.list.state.items.map((x) => key(x.email)));
  const walk = session.walk;
  const said = () =>
    report(
      vscode.l10n.t(
        'Checking who is already there: {0} of {1}',
        fmt(walk.items.length),
        walk.serverTotal === undefined ? '?' : fmt(walk.serverTotal),
      ),
    );
  await walk.walk(signal, said);
  if (!walk.complete) throw new vscode.CancellationError();
  return new Set(walk.items.map((x) => key(x.email)));
}

export interface ImportArgs {
  file: string;
  /** Take the columns as guessed, without asking (the import's own question is still asked). */
  guessedColumns?: boolean;
}

/**
 * Import Subscribers…: a CSV (any delimiter, quotes, with or without a BOM) mapped to fields, a preview of what it
 * will do before anything is written, then upserts one by one with progress, pacing and Cancel; resumable; a report
 * of the rows that were not written, with the reason beside each.

/** The file to import and its header row; a file too large is refused before it is read. */
async function openImport(given?: ImportArgs): Promise<{ file: string; name: string; header: string[] } | undefined> {
  const ask = () =>
    vscode.window.showOpenDialog({
      title: vscode.l10n.t('Import Subscribers from CSV'),
      filters: { CSV: ['csv', 'txt', 'tsv'] },
      canSelectMany: false,
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    });
  const file = given?.file ?? (await ask())?.[0]?.fsPath;
  if (!file) return undefined;
  const name = vscode.workspace.asRelativePath(file);
  try {
    await checkImportSize(file);
    const { header } = await readCsvHeader(file);
    if (header.length) return { file, name, header };
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} has no rows under its header.', name));
  } catch (e) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        'Not imported: {0} {1}',
        name,
        e instanceof ImportRefused ? e.message : safeText(String((e as Error).message), [], 200),
      ),
    );
  }
  return undefined;
}

/** Reads the whole file a chunk at a time into a plan (who is new, who is there, what is invalid), with Cancel. */
async function planFile(
  app: Services,
  session: Session,
  file: string,
  name: string,
  header: string[],
  mapping: Mapping,
): Promise<{ plan: ImportPlan; hash: string } | undefined> {
  const editable = editableListKind(session.descriptor);
  try {
    return await withProgress(
      vscode.l10n.t('Reading {0}…', name),
      async (signal, report) => {
        const emails = await knownEmails(app, session, signal, report);
        const lists = editable && mapping.lists !== undefined ? await app.lists.allLists(editable.kind) : [];
        const planner = new ImportPlanner(
          header.length,
          mapping,
          (e) => emails.has(e),
          new Map(lists.map((l) => [l.name.toLowerCase(), l.id])),
          session.descriptor.emailKey,
        );
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
      },
      { background: true },
    );
  } catch (e) {
    if (e instanceof ImportRefused) void vscode.window.showErrorMessage(vscode.l10n.t('Not imported: {0} {1}', name, e.message));
    else if (!(e instanceof vscode.CancellationError) && (e as Error).name !== 'AbortError') showError(e);
    return undefined;
  }
}

/** The preview in a modal: what it will do, the first invalid rows; continue an earlier run; automations (Sender). */
type Go = { startAutomations: boolean; startAt: number };
async function confirmPlan(app: Services, session: Session, plan: ImportPlan, before: number): Promise<Go | undefined> {
  const summary = vscode.l10n.t(
    '{0} new · {1} to update · {2} invalid · {3} repeated in the file',
    fmt(plan.added),
    fmt(plan.updated),
    fmt(plan.invalid.length),
    fmt(plan.duplicates.length),
  );
  const go = vscode.l10n.t('Import');
  const goAuto = vscode.l10n.t('Import and Start Automations');
  const goOn = vscode.l10n.t('Continue from Row {0}', plan.writes[before]?.line ?? '?');
  const invalid = plan.invalid
    .slice(0, 5)
    .map((r) => vscode.l10n.t('line {0}: {1} ({2})', r.line, safeText(r.email, [], 60) || '—', r.reason));
  const detail = [
    summary,
    ...invalid,
    plan.invalid.length > 5 ? '…' : '',
    before ? vscode.l10n.t('{0} of {1} rows were written by an earlier run.', fmt(before), fmt(plan.writes.length)) : '',
    vscode.l10n.t('Invalid and repeated rows are never sent.'),
  ]
    .filter(Boolean)
    .join('\n');
  const buttons = [...(before && before < plan.writes.length ? [goOn] : []), go, ...(session.descriptor.startsAutomations ? [goAuto] : [])];
  const question = vscode.l10n.t('Import {0} rows into {1}?', fmt(plan.writes.length), session.profile.label);
  const answer = await app.ui.choose(question, detail, buttons);
  return answer ? { startAutomations: answer === goAuto, startAt: answer === goOn ? before : 0 } : undefined;
}

/** Writes the planned rows from `startAt`, one request each, never retried; a refused token or no network stops it. */
function writeRows(
  session: Session,
  plan: ImportPlan,
  startAt: number,
  startAutomations: boolean,
  written: Subscriber[],
): Thenable<ImportOutcome> {
  const provider = session.provider();
  return withProgress(
    vscode.l10n.t('Importing into {0}…', session.profile.label),
    (signal, report) =>
      runImport({
        plan,
        startAt,
        write: async (row, sig) => {
          const result = await provider.addSubscriber({ ...row.input, startAutomations, exists: row.exists }, { signal: sig });
          written.push(result.subscriber);
          return result;
        },
        isFatal: (e) => isApiError(e) && ['auth', 'network', 'config', 'rateLimited'].includes(e.kind),
        reason: (e) =>
          isApiError(e) && ['timeout', 'server'].includes(e.kind)
            ? vscode.l10n.t('{0} It may or may not have been saved.', errorText(e))
            : errorText(e),
        signal,
        onProgress: (done, total) => report(vscode.l10n.t('{0} of {1}', fmt(done), fmt(total))),
      }),
    { background: true },
  );
}

export async function importSubscribers(app: Services, given?: ImportArgs) {
  const session = app.connections.active;
  const opened = session && (await openImport(given));
  if (!session || !opened) return undefined;
  const { file, name, header } = opened;
  const fields: MappingField[] = [
    'email',
    'firstName',
    'lastName',
    ...(session.descriptor.editsPhone ? (['phone'] as const) : []),
    'lists',
  ];
  const mapping = given?.guessedColumns ? guessMapping(header) : await confirmMapping(header, guessMapping(header), fields);
  if (!mapping) {
    if (given?.guessedColumns) void vscode.window.showErrorMessage(vscode.l10n.t('No column of {0} looks like an email address.', name));
    return undefined;
  }
  const planned = await planFile(app, session, file, name, header, mapping);
  if (!planned) return undefined;
  const { plan, hash } = planned;
  if (!plan.writes.length && !plan.invalid.length && !plan.duplicates.length)
    return void vscode.window.showErrorMessage(vscode.l10n.t('{0} has no rows under its header.', name));
  const stateKey = `newsletter.import.${session.profile.id}.${hash}`;
  const confirmed = await confirmPlan(app, session, plan, app.state.get<number>(stateKey) ?? 0);
  if (!confirmed) return undefined;
  const written: Subscriber[] = [];
  const outcome = await writeRows(session, plan, confirmed.startAt, confirmed.startAutomations, written);
  await app.state.update(stateKey, outcome.done < plan.writes.length ? outcome.done : undefined);
  // Once, in place: the new at the top, the updated where they are; the rows loaded stay.
  app.changes.fire({ session, subscribers: { add: written } });
  const report = await writeImportReport(file, plan, outcome);
  const skipped = plan.invalid.length + plan.duplicates.length + confirmed.startAt;
  const text = vscode.l10n.t(
    '{0} added, {1} updated, {2} skipped, {3} failed.',
    fmt(outcome.added),
    fmt(outcome.updated),
    fmt(skipped),
    fmt(outcome.failed.length),
  );
  const openReport = vscode.l10n.t('Open Report');
  if (outcome.stoppedBy)
    showError(
      outcome.stoppedBy,
      vscode.l10n.t('Import stopped after row {0}: {1} Run Import again to continue.', plan.writes[outcome.done - 1]?.line ?? 1, text),
    );
  else {
    void vscode.window.showInformationMessage(vscode.l10n.t('Import finished: {0}', text), ...(report ? [openReport] : [])).then((c) => {
      if (c === openReport && report) void vscode.commands.executeCommand('vscode.open', vscode.Uri.file(report));
    });
  }
  return { ...outcome, invalid: plan.invalid.length, duplicates: plan.duplicates.length, report };
}
