/**
 * What a person feels when pressing "Load more": the time from the key press on the load-more row to the first new
 * row drawn in its place, in a real VS Code (code-server) with the packaged .vsix, at growing numbers of loaded rows,
 * with the sandbox answering at once and 100 ms late (its latency fault). The row is activated with Enter on the
 * focused row, as a keyboard user would, 300 ms after the previous rows arrived; the time is taken in the page, from
 * the keydown to the animation frame that shows the new row.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fetch from 'node-fetch';
import { codeServerScripts } from '../test/support/vscodeServer';

export interface ClickFigures {
  /** rows loaded when measured → each press's ms at 0 and at 100 ms API latency. */
  points: { rows: number; ms0: number[]; ms100: number[] }[];
  /** Presses that opened a new range group (every 1,000 rows), and in how many the first new row came into view. */
  boundaries: number;
  firstRowShown: number;
}

const CHECKPOINTS = [100, 1000, 5000, 10_000, 50_000];
const SAMPLES = 5;

export async function measureLoadMoreClicks(sb: { origin: string; sender: { baseUrl: string; token: string } }): Promise<ClickFigures> {
  const cs = await codeServerScripts();
  const work = mkdtempSync(join(tmpdir(), 'newsletter-click-'));
  const userDataDir = join(work, 'user-data');
  const extensionsDir = join(work, 'extensions');
  mkdirSync(join(work, 'folder'));
  cs.writeUserSettings(userDataDir, {
    'newsletter.connections': [{ id: 'bench', label: 'Bench', provider: 'sender', baseUrl: sb.sender.baseUrl }],
    'newsletter.pageSize': 100,
  });
  cs.installVsix(resolve('newsletter-explorer.vsix'), userDataDir, extensionsDir);
  const server = await cs.startCodeServer({ userDataDir, extensionsDir, folder: join(work, 'folder') });
  const browser = await cs.launchBrowser(server.chromium, join(work, 'chromium'));
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${server.url}/?folder=${encodeURIComponent(join(work, 'folder'))}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.activitybar .action-item a[aria-label^="Newsletter"]').click();
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input.input').filter({ visible: true }).fill('>Newsletter: Set API Token…');
    await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'Set API Token' }).first().click();
    const password = page.locator('.quick-input-widget input[type="password"]').filter({ visible: true });
    await password.fill(sb.sender.token);
    await password.press('Enter');

    const tree = page.getByRole('tree', { name: 'Subscribers' });
    await tree.locator('.monaco-list-row').filter({ hasText: /@example\.com/ }).first().waitFor({ timeout: 60_000 });
    const latency = async (ms: number) => {
      if (ms) await fetch(`${sb.origin}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ faults: [{ kind: 'latency', ms, provider: 'sender', path: '/subscribers' }] }) });
    };
    const treeElement = await tree.elementHandle();
    /**
     * Focuses the load-more row (End), waits 300 ms as a person would between two presses, presses Enter, and times
     * in the page, from the keydown to the animation frame in which the first new row is drawn where it was.
     */
    // Rows loaded so far: 100 from the first page, 100 more per press (aria-posinset counts inside a range group).
    let loaded = 100;
    let boundaries = 0;
    let firstRowShown = 0;
    const click = async (latencyMs: number): Promise<{ ms: number; rows: number }> => {
      await tree.focus();
      await page.keyboard.press('End');
      const focused = tree.locator('.monaco-list-row.focused');
      await focused.filter({ hasText: /^Load / }).waitFor();
      await latency(latencyMs);
      await page.waitForTimeout(300);
      await page.evaluate(() => {
        const w = window as unknown as { benchT0?: number };
        w.benchT0 = undefined;
        document.addEventListener('keydown', () => (w.benchT0 = performance.now()), { capture: true, once: true });
      });
      await page.keyboard.press('Enter');
      // A new row drawn: a subscriber past those loaded (the sandbox numbers them in order), found by its address
      // wherever it is drawn (a load that opens a range group keeps the view at its end, past the group's first rows).
      const handle = await page.waitForFunction(
        ([el, before]) => {
          const t0 = (window as unknown as { benchT0?: number }).benchT0;
          const rows = (el as Element).querySelectorAll('.monaco-list-row');
          for (let i = 0; i < rows.length; i++) {
            const n = Number(/\.(\d+)@example\.com/.exec(rows[i].textContent ?? '')?.[1]);
            if (n > before && t0 !== undefined) return performance.now() - t0;
          }
          return false;
        },
        [treeElement, loaded] as const,
        { polling: 'raf', timeout: 30_000 },
      );
      const ms = (await handle.jsonValue()) as number;
      if (loaded % 1000 === 0) {
        // A new group opened: is its first row (the first new one) drawn inside the view within 2 s?
        boundaries++;
        const first = loaded + 1;
        const shown = await page
          .waitForFunction(
            ([el, n]) => {
              const box = (el as Element).getBoundingClientRect();
              const rows = Array.from((el as Element).querySelectorAll('.monaco-list-row'));
              const row = rows.find((r) => new RegExp(`\\.${n}@example\\.com`).test(r.textContent ?? ''));
              const r = row?.getBoundingClientRect();
              return !!r && r.top >= box.top && r.bottom <= box.bottom;
            },
            [treeElement, first] as const,
            { polling: 'raf', timeout: 2000 },
          )
          .then(() => true, () => false);
        if (shown) firstRowShown++;
      }
      loaded += 100;
      return { ms, rows: loaded };
    };

    const points: ClickFigures['points'] = [];
    let rows = 100;
    for (const checkpoint of CHECKPOINTS) {
      while (rows < checkpoint) rows = (await click(0)).rows;
      const at = rows;
      const ms0: number[] = [];
      const ms100: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const a = await click(0);
        ms0.push(a.ms);
        const b = await click(100);
        ms100.push(b.ms);
        rows = b.rows;
      }
      points.push({ rows: at, ms0, ms100 });
    }
    return { points, boundaries, firstRowShown };
  } catch (e) {
    await browser.pages()[0]?.screenshot({ path: join(tmpdir(), 'newsletter-click-failure.png') });
    throw e;
  } finally {
    await browser.close();
    server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
