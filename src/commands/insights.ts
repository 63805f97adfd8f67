/** Newsletter: Insights, as a command: the page itself (src/pages/insights.ts) loads when first shown. */
import type * as vscode from 'vscode';
import { command, type Services } from '../app/services';
import type { Insights } from '../pages/insights';

export function registerInsightsCommands(app: Services): vscode.Disposable[] {
  let page: Promise<Insights> | undefined;
  const insights = () => (page ??= import('../pages/insights').then((m) => new m.Insights(app)));
  // From tests: (n) chooses how many campaigns; (n, "reports" | "walk") presses that button of the page.
  return [
    command(app, 'newsletter.showInsights', async (n?: unknown, press?: unknown) => {
      const shown = await (await insights()).show(typeof n === 'number' && n > 0 ? n : undefined);
      return press === 'reports' || press === 'walk' ? (await insights()).more(press) : shown;
    }),
  ];
}
