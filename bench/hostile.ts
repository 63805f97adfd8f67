/**
 * Hostile inputs' cost on the extension host: one check of a newsletter file with 300,000 front-matter keys (3 MB)
 * or a 1,000,000-line body — the check runs at once on the host, so its time is the longest stall a pause in
 * typing causes — and the heap an import grows by on a CSV with one 45 MB unquoted field.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseFrontMatter } from '../src/authoring/frontMatter';
import { validate } from '../src/authoring/validate';
import { streamCsv } from '../src/transfer/csvFile';

type Record = (key: string, label: string, value: number, unit: string, goal?: string) => void;

function worstCheckMs(text: string): number {
  let worst = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const fm = parseFrontMatter(text);
    if (fm) validate(text, fm, { service: 'sendportal', connectionNames: ['x'], now: Date.now() });
    worst = Math.max(worst, performance.now() - t);
  }
  return worst;
}

export async function hostile(record: Record): Promise<void> {
  const keys = `---\nsubject: S\n${Array.from({ length: 300_000 }, (_, i) => `k${i}: value ${i}`).join('\n')}\n---\nbody\n`;
  record('hostileKeysMs', `one check of a file of 300,000 front-matter keys (${(keys.length / 1e6).toFixed(1)} MB), worst of 5`, worstCheckMs(keys), 'ms', '< 100 ms');
  const lines = `---\nsubject: S\naudience: [A]\n---\n${'Hello {{ first_name }} and {$x$}, a line of a long body.\n'.repeat(1_000_000)}`;
  record('hostileLinesMs', `one check of a ${(lines.length / 1e6).toFixed(1)} MB body of 1,000,000 lines, worst of 5`, worstCheckMs(lines), 'ms', '< 100 ms');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-csv-'));
  const file = path.join(dir, 'field.csv');
  const out = fs.createWriteStream(file);
  out.write('email,first_name\nada@example.com,');
  const chunk = 'x'.repeat(1024 * 1024);
  for (let i = 0; i < 45; i++) out.write(chunk);
  await new Promise((r) => out.end(r));
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  await streamCsv(file, { onText: () => (peak = Math.max(peak, process.memoryUsage().heapUsed)) }).catch(() => undefined);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  record('hostileCsvHeapMb', 'heap growth importing a CSV with one 45 MB unquoted field (refused past 64 KB)', (peak - before) / 1024 / 1024, 'MB', '< 100 MB');
  fs.rmSync(dir, { recursive: true, force: true });
}
