// `npm test`: the checks, then every suite, ending with one line that sums them all: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const checks = ['typecheck', 'lint', 'build'];
const suites = ['test:unit', 'test:resilience', 'test:security', 'test:integration', 'test:isolation', 'test:e2e'];

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];
/** Steps that failed without counting tests (a check, a crash, a failed build): each counts as one failure. */
const uncounted = [];
const dir = mkdtempSync(join(tmpdir(), 'newsletter-test-'));

for (const step of checks) {
  const r = spawnSync(npm, ['run', '--silent', step], { stdio: 'inherit' });
  if (r.status !== 0) {
    failedSteps.push(step);
    uncounted.push(step);
  }
}
for (const suite of suites) {
  const report = join(dir, `${suite.replace(':', '-')}.json`);
  const r = spawnSync(npm, ['run', '--silent', suite], { stdio: 'inherit', env: { ...process.env, NEWSLETTER_REPORT: report } });
  if (existsSync(report)) {
    const counts = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped ?? 0;
    console.log(`${suite}: ${counts.passed} passed, ${counts.failed} failed`);
  }
  if (!existsSync(report)) uncounted.push(suite);
  if (r.status !== 0 || !existsSync(report)) failedSteps.push(suite);
}
rmSync(dir, { recursive: true, force: true });

if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(', ')}`);
const failed = totals.failed + uncounted.length;
console.log(`${totals.passed} passed, ${failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
// Asked for a report (test:stress runs the whole of npm test): the sums, as each suite reports its own.
if (process.env.NEWSLETTER_REPORT) writeFileSync(process.env.NEWSLETTER_REPORT, JSON.stringify({ passed: totals.passed, failed, skipped: totals.skipped }));
process.exit(failedSteps.length ? 1 : 0);
