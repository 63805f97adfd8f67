/** Newsletter: Insights, as a command: the page itself is src/pages/insights.ts. */
import type * as vscode from 'vscode';
import { command, type Services } from '../app/services';
import { Insights } from '../pages/insights';

export function registerInsightsCommands(app: Services): vscode.Disposable[] {
  const insights = new Insights(app);
  // From tests: (n) chooses how many campaigns; (n, "reports" | "walk") presses that button of the page.
  return [
    command(app, 'newsletter.showInsights', async (n?: unknown, press?: unknown) => {
      const shown = await insights.show(typeof n === 'number' && n > 0 ? n : undefined);
      return press === 'reports' || press === 'walk' ? insights.more(press) : shown;
    }),
  ];
}
