// `npm run test:stress [-- --runs N --suite test:integration|test]`: runs a suite N times (3 by default) beside a CPU
// burner on every core, as a busy CI machine would, and reports each run: its time and its pass/fail counts.
import { spawn, spawnSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg('runs', '3'));
const suite = arg('suite', 'test:integration');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// One busy loop per core, at the lowest priority the system gives a child: the tests still share every core.
const burners = cpus().map(() => spawn(process.execPath, ['-e', 'for(;;){Math.sqrt(Math.random())}'], { stdio: 'ignore' }));
const stop = () => burners.forEach((b) => b.kill('SIGKILL'));
process.on('SIGINT', () => (stop(), process.exit(130)));
console.log(`stress: ${runs} run(s) of ${suite} beside ${burners.length} CPU burner(s)`);

const dir = mkdtempSync(join(tmpdir(), 'newsletter-stress-'));
const results = [];
try {
  for (let n = 1; n <= runs; n++) {
    const report = join(dir, `run-${n}.json`);
    const started = Date.now();
    const r = spawnSync(npm, ['run', '--silent', suite], { stdio: 'inherit', env: { ...process.env, NEWSLETTER_REPORT: report } });
    const counts = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : { passed: 0, failed: 1 };
    results.push({ run: n, at: new Date(started).toISOString(), seconds: Math.round((Date.now() - started) / 1000), passed: counts.passed, failed: counts.failed, exit: r.status });
    console.log(`stress: run ${n}: ${counts.passed} passed, ${counts.failed} failed, exit ${r.status}, ${results.at(-1).seconds} s`);
  }
} finally {
  stop();
  rmSync(dir, { recursive: true, force: true });
}
console.table(results);
process.exit(results.every((r) => r.exit === 0 && r.failed === 0) ? 0 : 1);
