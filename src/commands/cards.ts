/**
 * The cards' commands, registered at once: Open Details, Open as JSON, Show Report, and a report's people into a list
 * or a file. Their code (the cards' models, reports, Insights' comparison) loads with the first card opened.
 */
import * as vscode from 'vscode';
import { REPORT_KINDS, type ReportKind, type SubscriberList } from '../api';
import { command, type Services } from '../app/services';
import type { ItemRow } from '../pages/cardParts';

const kindOf = (k: unknown): ReportKind => (REPORT_KINDS.includes(k as ReportKind) ? (k as ReportKind) : 'opens');

export function registerCardCommands(app: Services): vscode.Disposable[] {
  let loaded: Promise<typeof import('./cardActions')> | undefined;
  const cards = () => (loaded ??= import('./cardActions'));
  const people = () => import('./reportPeople');
  return [
    // Before the first card no card is open, and a write has none to follow.
    app.changes.onDidChange((change) => void loaded?.then((m) => m.followWrite(app, change))),
    command(app, 'newsletter.openDetails', async (row?: ItemRow) => (await cards()).openDetails(app, row)),
    command(app, 'newsletter.openJson', async (row?: ItemRow) => (await cards()).openJson(app, row)),
    // From a menu: (row). From a card or tests: (row, kind) lists that report; (row, kind, 'more') its next page.
    command(app, 'newsletter.campaignReport', async (row?: unknown, kind?: unknown, more?: unknown) =>
      (await cards()).campaignReport(app, row, kind, more === 'more'),
    ),
    // From a card: (row, kind); from tests: (row, kind, list) skips the pick (the modal is answered through the ui).
    vscode.commands.registerCommand('newsletter.addReportPeople', async (row?: unknown, kind?: unknown, list?: SubscriberList) =>
      (await people()).addReportPeople(app, row, kindOf(kind), list),
    ),
    vscode.commands.registerCommand('newsletter.exportReportPeople', async (row?: unknown, kind?: unknown, file?: unknown) =>
      (await people()).exportReportPeople(app, row, kindOf(kind), typeof file === 'string' ? file : undefined),
    ),
  ];
}
