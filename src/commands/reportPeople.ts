/** A campaign report's people, put to use: Add These People to a Group/Tag, Export These People. */
import * as vscode from 'vscode';
import { type Campaign, type ReportKind, type Subscriber, type SubscriberList, safeText } from '../api';
import type { Session } from '../connections/session';
import { csvLine } from '../transfer/csv';
import { fmt } from '../views/format';
import { REPORT_NAMES } from '../pages/campaignCard';
import { campaignOf } from '../views/rows';
import { newExportFile } from './exportCommand';
import { pickList } from './listActions';
import { type Services, showError, showWriteError, withProgress } from '../app/services';

interface Person {
  email: string;
  name?: string;
  url?: string;
}

/** Everyone the report lists, every page read in the background, paced like any job; one row per address. */
function reportPeople(session: Session, c: Campaign, kind: ReportKind): Thenable<Person[]> {
  const title = vscode.l10n.t('Reading who {0}: {1}…', REPORT_NAMES[kind].toLowerCase(), safeText(c.title, [], 80));
  const provider = session.provider();
  return withProgress(
    title,
    async (signal, report) => {
      const people = new Map<string, Person>();
      for (let page = 1; provider.campaignReport; page++) {
        const read = await provider.campaignReport(c, kind, page, { limit: session.descriptor.pageSize.max, signal });
        for (const e of read.items)
          if (!people.has(e.email.toLowerCase())) people.set(e.email.toLowerCase(), { email: e.email, name: e.name, url: e.url });
        report(vscode.l10n.t('{0} of {1}', fmt(people.size), read.total === undefined ? '?' : fmt(read.total)));
        if (!read.hasMore || signal.aborted) break;
      }
      if (signal.aborted) throw new vscode.CancellationError();
      return [...people.values()];
    },
    { background: true },
  );
}

const who = (kind: ReportKind, n: number, c: Campaign) =>
  vscode.l10n.t('the {0} who appear under "{1}" for "{2}"', fmt(n), REPORT_NAMES[kind], safeText(c.title, [], 80));

/**
 * Add These People to a Group/Tag: the report read whole, a modal naming the list and how many, then one request
 * (the service adds many at once). The list's count grows by those added (the service does not say how many were
 * in it already), and its members are read again when shown.
 */
export async function addReportPeople(app: Services, row: unknown, kind: ReportKind, given?: SubscriberList): Promise<number> {
  const session = app.connections.active;
  const c = campaignOf(row);
  if (!session || !c || !session.provider().campaignReport) return 0;
  try {
    const people = await reportPeople(session, c, kind);
    if (!people.length) return (void vscode.window.showInformationMessage(vscode.l10n.t('Nobody in this report.')), 0);
    const list = given ?? (await pickList(app, vscode.l10n.t('Add {0} to…', who(kind, people.length, c))));
    if (!list) return 0;
    const detail =
      people
        .slice(0, 10)
        .map((p) => safeText(p.email))
        .join('\n') + (people.length > 10 ? '\n…' : '');
    const question = vscode.l10n.t('Add {0} to {1}?', who(kind, people.length, c), safeText(list.name));
    if (!(await app.ui.confirm(question, detail, vscode.l10n.t('Add'), true))) return 0;
    const subs: Subscriber[] = people.map((p) => ({
      id: p.email,
      email: p.email,
      firstName: p.name,
      status: 'unknown',
      tags: [],
      raw: {},
    }));
    const left = await withProgress(vscode.l10n.t('Adding {0} to {1}…', fmt(subs.length), safeText(list.name)), (signal) =>
      session.provider().addToList(list, subs, { signal }),
    );
    const added = subs.length - left.missing.length - left.invalid.length;
    const held = app.lists.listsOf(list.kind)?.state.items.find((l) => l.id === list.id) ?? list;
    app.changes.fire({ session, lists: { replace: [{ ...held, count: held.count === undefined ? undefined : held.count + added }] } });
    app.lists.membersOf(list)?.reset(true); // who they are in the list's own ids: read again when shown
    const notAdded = subs.length - added;
    if (notAdded)
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          '{0} of {1} added to {2}; {3} are not subscribers of this account or not valid addresses.',
          fmt(added),
          fmt(subs.length),
          safeText(list.name),
          fmt(notAdded),
        ),
      );
    else void vscode.window.showInformationMessage(vscode.l10n.t('{0} added to {1}.', fmt(subs.length), safeText(list.name)));
    return added;
  } catch (e) {
    if (!(e instanceof vscode.CancellationError)) showWriteError(e, 'newsletter.refreshLists');
    return 0;
  }
}

/** Export These People: the report read whole, written as CSV (email, name, and the link for clicks) to a file of ours. */
export async function exportReportPeople(app: Services, row: unknown, kind: ReportKind, given?: string): Promise<number> {
  const session = app.connections.active;
  const c = campaignOf(row);
  if (!session || !c || !session.provider().campaignReport) return 0;
  try {
    const people = await reportPeople(session, c, kind);
    const file =
      given ??
      (
        await vscode.window.showSaveDialog({
          title: vscode.l10n.t('Export {0}', who(kind, people.length, c)),
          filters: { CSV: ['csv'] },
          defaultUri: vscode.Uri.joinPath(
            vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(process.cwd()),
            `${c.title.replace(/[^\w.-]+/g, '-')}-${kind}.csv`,
          ),
        })
      )?.fsPath;
    if (!file) return 0;
    const handle = await newExportFile(app.ui, file, given === undefined);
    if (!handle) return 0;
    const clean = (v: string | undefined) => session.redact(v ?? '');
    const lines = [
      csvLine(['email', 'name', ...(kind === 'clicks' ? ['link'] : [])]),
      ...people.map((p) => csvLine([clean(p.email), clean(p.name), ...(kind === 'clicks' ? [clean(p.url)] : [])])),
    ];
    try {
      await handle.write(lines.join(''));
    } finally {
      await handle.close();
    }
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Exported {0} to {1}.', who(kind, people.length, c), vscode.workspace.asRelativePath(file)),
    );
    return people.length;
  } catch (e) {
    if (!(e instanceof vscode.CancellationError)) showError(e);
    return 0;
  }
}
