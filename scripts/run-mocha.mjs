// Runs one plain-Node mocha suite (unit, resilience) from its esbuild bundles and prints its counts.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const suite = process.argv[2];
const build = spawnSync(process.execPath, ['scripts/build.mjs', '--tests'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const dir = join('out', 'test', suite);
const files = existsSync(dir) ? readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.test.js')).sort().map((f) => join(dir, f)) : [];
if (!files.length) {
  console.error(`no ${suite} tests found in ${dir}`);
  process.exit(1);
}
const report = process.env.NEWSLETTER_REPORT ?? join(mkdtempSync(join(tmpdir(), 'nl-')), 'report.json');
const run = spawnSync(
  process.execPath,
  ['node_modules/mocha/bin/mocha.js', '--reporter', './scripts/mocha-reporter.cjs', '--timeout', '20000', '--exit', ...files],
  { stdio: 'inherit', env: { ...process.env, NEWSLETTER_REPORT: report } },
);
if (!process.env.NEWSLETTER_REPORT && existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`${suite}: ${r.passed} passed, ${r.failed} failed`);
}
process.exit(run.status ?? 1);
