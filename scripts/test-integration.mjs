// `npm run test:integration`: the mocha suites of test/integration inside a real VS Code (code-server, through
// @vscode/test-electron's runTests and our launcher), against a sandbox API server started here. With --reverse
// (`npm run test:isolation`) every suite runs last to first: a test that leans on the one before it fails.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { runTests } from '@vscode/test-electron';
import { tools } from './code-server.mjs';

const root = resolve(import.meta.dirname, '..');
const order = process.argv.includes('--reverse') ? 'reverse' : (process.env.NEWSLETTER_ORDER ?? 'forward');
for (const args of [['scripts/build.mjs'], ['scripts/build.mjs', '--tests']]) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
tools();

const sandbox = spawn(process.execPath, [join(root, 'out/test/sandbox/main.js'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const info = await new Promise((res, rej) => {
  createInterface({ input: sandbox.stdout }).once('line', (l) => res(l));
  sandbox.once('exit', (c) => rej(new Error(`sandbox exited ${c}`)));
});

const work = mkdtempSync(join(tmpdir(), 'newsletter-it-'));
const report = process.env.NEWSLETTER_REPORT ?? join(work, 'report.json');
let code = 0;
try {
  await runTests({
    vscodeExecutablePath: join(root, 'scripts/vscode-launcher'),
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out/test/integration/index.js'),
    launchArgs: [`--user-data-dir=${join(work, 'user-data')}`, `--extensions-dir=${join(work, 'extensions')}`, join(work, 'folder')],
    extensionTestsEnv: { NEWSLETTER_ORDER: order, NEWSLETTER_SANDBOX: info, NEWSLETTER_REPORT: report, NEWSLETTER_USER_SETTINGS: join(work, 'user-data', 'User', 'settings.json') },
  });
} catch (e) {
  code = 1;
  console.error(String(e));
} finally {
  sandbox.kill();
}
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  for (const t of r.tests ?? []) {
    console.log(`  ${t.state === 'passed' ? '✔' : t.state === 'failed' ? '✘' : '-'} ${t.title}`);
    if (t.error) console.log(t.error.split('\n').map((l) => `      ${l}`).join('\n'));
  }
  if (!process.env.NEWSLETTER_REPORT) console.log(`integration${order === 'reverse' ? ' (last to first)' : ''}: ${r.passed} passed, ${r.failed} failed`);
} else {
  console.error('integration: the suite wrote no report');
  code = 1;
}
rmSync(work, { recursive: true, force: true });
process.exit(code);
