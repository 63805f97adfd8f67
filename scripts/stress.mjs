// `npm run test:stress [-- --runs N --suite test:integration|test] [--at "2027-03-27 23:30" --zone Europe/Berlin]`:
// runs a suite N times (3 by default) beside a CPU burner on every core, as a busy CI machine would, and reports each
// run: its time and its pass/fail counts. With --at, every process of the run (the sandbox, VS Code, the tests) reads
// the same shifted clock in that zone: libfaketime with one offset from now, so the clocks agree and keep moving.
// VS Code takes LD_PRELOAD out of its extension host's environment, so the library is preloaded through
// /etc/ld.so.preload for the run (put back after) and only the run's processes carry FAKETIME: others keep real time.
import { spawn, spawnSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg('runs', '3'));
const suite = arg('suite', 'test:integration');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const at = arg('at', undefined);
const zone = arg('zone', 'Europe/Berlin');

/** The command and environment of a run: as is, or under libfaketime (installed from Debian's packages when missing). */
function runner() {
  if (!at) return { cmd: npm, args: ['run', '--silent', suite], env: process.env };
  if (spawnSync('sh', ['-c', 'command -v faketime'], { stdio: 'ignore' }).status !== 0) {
    const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
    const apt = (...a) => spawnSync(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), '-o', 'DPkg::Lock::Timeout=600', ...a], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    apt('update', '-qq');
    if (apt('install', '-y', '-qq', 'faketime').status !== 0) throw new Error('stress: faketime could not be installed');
  }
  const target = Number(spawnSync('date', ['-d', at, '+%s'], { env: { ...process.env, TZ: zone }, encoding: 'utf8' }).stdout);
  if (!target) throw new Error(`stress: "${at}" is not a time date(1) reads`);
  const offset = target - Math.floor(Date.now() / 1000);
  const lib = spawnSync('sh', ['-c', 'dpkg -L libfaketime | grep "libfaketimeMT.so.1$"'], { encoding: 'utf8' }).stdout.trim();
  const preload = '/etc/ld.so.preload';
  const before = existsSync(preload) ? readFileSync(preload, 'utf8') : undefined;
  writeFileSync(preload, `${before ?? ''}${lib}\n`);
  restore = () => (before === undefined ? rmSync(preload, { force: true }) : writeFileSync(preload, before));
  console.log(`stress: clocks moved to ${at} ${zone} (${offset >= 0 ? '+' : ''}${offset} s), and keep running from there`);
  return { cmd: npm, args: ['run', '--silent', suite], env: { ...process.env, TZ: zone, FAKETIME: `${offset >= 0 ? '+' : ''}${offset}s`, FAKETIME_DONT_RESET: '1' } };
}
let restore = () => undefined;
const run = runner();

// One busy loop per core, at the lowest priority the system gives a child: the tests still share every core.
const burners = cpus().map(() => spawn(process.execPath, ['-e', 'for(;;){Math.sqrt(Math.random())}'], { stdio: 'ignore' }));
const stop = () => (burners.forEach((b) => b.kill('SIGKILL')), restore());
process.on('SIGINT', () => (stop(), process.exit(130)));
console.log(`stress: ${runs} run(s) of ${suite} beside ${burners.length} CPU burner(s)`);

const dir = mkdtempSync(join(tmpdir(), 'newsletter-stress-'));
const results = [];
try {
  for (let n = 1; n <= runs; n++) {
    const report = join(dir, `run-${n}.json`);
    const started = Date.now();
    const r = spawnSync(run.cmd, run.args, { stdio: 'inherit', env: { ...run.env, NEWSLETTER_REPORT: report } });
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
