/**
 * Export Subscribers…: the view's list (as filtered) or a group, segment or tag, to CSV or JSON, a page at a time
 * straight to a file of our own, paced by the rate limit, with "1,250 of 2,500 · about 40 s left" and Cancel.
 * Whatever stops it, the file is valid and holds every row so far; running it again offers to continue.
 */
import { type FileHandle, stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { type SubscriberList, filterPages, safeText } from '../api';
import type { Session } from '../connections/session';
import type { Drift } from '../transfer/drift';
import { type ExportFormat, type ExportResult, WRITERS } from '../transfer/exporter';
import { type FileMark, createOwn, markOf, notOurs, reopenOwn } from '../transfer/ownFile';
import type { ListsRow } from '../views/listsView';
import { type Services, showError, withProgress } from '../app/services';
import type { Ui } from '../app/ui';
import { fmt } from '../views/format';
import { type ExportTarget, runExport } from '../app/exportRun';

function exportTarget(app: Services, session: Session, row?: unknown): ExportTarget {
  const list = (row as ListsRow | undefined)?.type === 'list' ? (row as { list: SubscriberList }).list : undefined;
  const limit = session.descriptor.pageSize.bulk;
  if (list)
    return {
      key: `${list.kind}:${list.id}`,
      name: safeText(list.name, [], 80),
      fetch: (p, page, signal) => p.listMembers(list, page, { limit, signal }),
    };
  const status = app.subscriberFilter.value.status;
  return {
    key: `all:${status ?? ''}`,
    name: status ? vscode.l10n.t('{0} subscribers', status) : vscode.l10n.t('subscribers'),
    fetch: async (p, page, signal) => {
      if (status)
        return filterPages(
          (n) => p.listSubscribers(n, { limit, signal }),
          page,
          (x) => x.status === status,
        );
      const read = await p.listSubscribers(page, { limit, signal });
      session.walk.offer(page, read); // the same pages a search or the import check would read: they share them
      return read;
    },
  };
}

interface ExportState {
  file: string;
  format: ExportFormat;
  nextPage: number;
  rows: number;
  /** The file as this export left it: continued only while it is exactly that. */
  mark?: FileMark;
  /** Stopped while looking up those the walk never listed (a partial export). */
  lookingUp?: boolean;
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
export async function newExportFile(ui: Ui, file: string, confirmed: boolean): Promise<FileHandle | undefined> {
  try {
    return await createOwn(file, confirmed);
  } catch (e) {
    if ((e as { code?: string }).code !== 'EEXIST') {
      void vscode.window.showErrorMessage(vscode.l10n.t('Not exported: {0}', String((e as Error).message)));
      return undefined;
    }
  }
  const question = vscode.l10n.t('{0} exists. Replace it?', vscode.workspace.asRelativePath(file));
  const replace = await ui.confirm(question, undefined, vscode.l10n.t('Replace'));
  return replace ? newExportFile(ui, file, true) : undefined;
}

/**
 * Export Subscribers…: the view's list (as filtered) or a group, segment or tag, to CSV or JSON, a page at a time
 * straight to disk, paced by the rate limit, with "1,250 of 2,500 · about 40 s left" and Cancel. Whatever stops it,
 * the file is valid and holds every row so far; running it again offers to continue where it stopped.
 */

/** The state of a stopped export of this target, when its file is still exactly as the export left it. */
async function stoppedExport(app: Services, stateKey: string): Promise<ExportState | undefined> {
  const state = app.state.get<ExportState>(stateKey);
  if (
    !state ||
    !(await stat(state.file).then(
      () => true,
      () => false,
    ))
  )
    return undefined;
  const foreign = await changedSince(state);
  if (!foreign) return state;
  void vscode.window.showWarningMessage(foreign);
  await app.state.update(stateKey, undefined);
  return undefined;
}

/** Where the export goes: on with the stopped one, or a new file (the save dialog asks before replacing one). */
async function chooseFile(
  session: Session,
  target: ExportTarget,
  state: ExportState | undefined,
  given?: { file: string; resume?: boolean },
) {
  let resume = !!(state && given?.resume);
  if (state && !given) {
    const go = vscode.l10n.t('Continue');
    const again = vscode.l10n.t('Start Over');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t(
        'An export of {0} stopped after {1} rows ({2}). Continue where it stopped?',
        target.name,
        fmt(state.rows),
        vscode.workspace.asRelativePath(state.file),
      ),
      go,
      again,
    );
    if (!answer) return undefined;
    resume = answer === go;
  }
  if (resume && state) return { file: state.file, resume, confirmed: true };
  if (given?.file) return { file: given.file, resume: false, confirmed: false };
  const uri = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export {0} of {1}', target.name, session.profile.label),
    filters: { CSV: ['csv'], JSON: ['json'] },
    defaultUri: vscode.Uri.joinPath(
      vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(process.cwd()),
      `${session.profile.label.replace(/[^\w.-]+/g, '-')}-${target.name.replace(/[^\w.-]+/g, '-')}.csv`,
    ),
  });
  return uri ? { file: uri.fsPath, resume: false, confirmed: true } : undefined;
}

/** The export's file, opened without following links, written at its end by position; undefined when refused. */
async function openFile(ui: Ui, file: string, format: ExportFormat, resume: boolean, confirmed: boolean) {
  const writer = WRITERS[format];
  let handle: FileHandle | undefined;
  if (resume) {
    handle = await reopenOwn(file);
    await handle.truncate(Math.max(0, (await handle.stat()).size - Buffer.byteLength(writer.end())));
  } else {
    handle = await newExportFile(ui, file, confirmed);
    await handle?.write(writer.start());
  }
  if (!handle) return undefined;
  const h = handle;
  let at = (await h.stat()).size;
  const append = async (text: string) => {
    at += (await h.write(text, at, 'utf8')).bytesWritten;
  };
  const close = async () => {
    await append(writer.end());
    await h.truncate(at);
    await h.close();
  };
  return { writer, append, close };
}

/** Says how it ended, keeps where it stopped (and the file's mark) to continue later. */
async function reportExport(
  app: Services,
  stateKey: string,
  target: ExportTarget,
  file: string,
  format: ExportFormat,
  result: ExportResult & { drift?: Drift },
): Promise<void> {
  const name = vscode.workspace.asRelativePath(file);
  const openIt = vscode.l10n.t('Open File');
  const offerOpen = (choice: string | undefined) =>
    choice === openIt && void vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
  if (result.done) {
    await app.state.update(stateKey, undefined);
    const exported = vscode.l10n.t('Exported {0} {1} to {2}.', fmt(result.rows), target.name, name);
    if (!result.drift) void vscode.window.showInformationMessage(exported, openIt).then(offerOpen);
    else {
      const { rows, changes } = result.drift;
      const said = safeText(changes.slice(0, 6).join(', ') + (changes.length > 6 ? '…' : ''));
      void vscode.window
        .showWarningMessage(
          vscode.l10n.t(
            '{0} The lists changed while it ran ({1}): {2} rows in the file show them as they were. Export again ' +
              'for the lists as they are now.',
            exported,
            said,
            fmt(rows),
          ),
          openIt,
        )
        .then(offerOpen);
    }
    return;
  }
  await app.state.update(stateKey, {
    file,
    format,
    nextPage: result.nextPage,
    rows: result.rows,
    mark: await markOf(file),
    lookingUp: result.lookingUp,
  } satisfies ExportState);
  const kept = result.lookingUp
    ? vscode.l10n.t(
        'A partial export: it stopped while looking up those the list never showed. {0} holds the {1} rows found ' +
          'so far. Run Export again to go on looking.',
        name,
        fmt(result.rows),
      )
    : vscode.l10n.t('The export stopped; {0} holds the {1} rows so far. Run Export again to continue.', name, fmt(result.rows));
  if (result.error) showError(result.error, kept);
  else void vscode.window.showInformationMessage(kept, openIt).then(offerOpen);
}

export async function exportSubscribers(
  app: Services,
  row?: unknown,
  given?: { file: string; resume?: boolean },
): Promise<(ExportState & { done: boolean; drift?: Drift }) | undefined> {
  const session = app.connections.active;
  if (!session) return undefined;
  const target = exportTarget(app, session, row);
  const stateKey = `newsletter.export.${session.profile.id}.${target.key}`;
  let state = await stoppedExport(app, stateKey);
  if (state?.lookingUp && !session.walk.complete) {
    // Its look-ups need the ids the stopped run read, which this session no longer holds.
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'The partial export in {0} cannot go on looking up in this session: export again from the start.',
        vscode.workspace.asRelativePath(state.file),
      ),
    );
    state = undefined;
  }
  const chosen = await chooseFile(session, target, state, given);
  if (!chosen) return undefined;
  const { file, resume } = chosen;
  const format: ExportFormat = resume && state ? state.format : file.toLowerCase().endsWith('.json') ? 'json' : 'csv';
  const out = await openFile(app.ui, file, format, resume, chosen.confirmed);
  if (!out) return undefined;
  const written = resume && state ? state.rows : 0;
  // Look-ups go on from the ids the file holds: this session's walk fed by the export, when it read to the end.
  const held = resume && state?.lookingUp && session.walk.complete ? new Set(session.walk.items.map((x) => x.id)) : undefined;
  const result = await withProgress(
    vscode.l10n.t('Exporting {0} of {1}…', target.name, session.profile.label),
    (signal, said) =>
      runExport(session, target, out, { startPage: resume && state ? state.nextPage : 1, rowsBefore: written, held }, signal, said),
    { background: true },
  );
  await reportExport(app, stateKey, target, file, format, result);
  return { file, format, nextPage: result.nextPage, rows: result.rows, done: result.done, drift: result.drift };
}
