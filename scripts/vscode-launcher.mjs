// Stands in for a desktop VS Code executable given to @vscode/test-electron's runTests: it accepts the desktop
// arguments (--extensionDevelopmentPath=, --extensionTestsPath=, --user-data-dir=, --extensions-dir=, a folder),
// runs the suite in a private code-server through the smoke-test driver, and exits with the suite's code.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser, startCodeServer, writeUserSettings } from './code-server.mjs';

const opts = { folder: undefined };
for (const a of process.argv.slice(2)) {
  const m = a.match(/^--([^=]+)=(.*)$/);
  if (m) opts[m[1]] = m[2];
  else if (!a.startsWith('--')) opts.folder = a;
}
if (!opts.extensionTestsPath || !opts.extensionDevelopmentPath) {
  console.error('vscode-launcher: needs --extensionDevelopmentPath= and --extensionTestsPath=');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'newsletter-vscode-'));
const userDataDir = resolve(opts['user-data-dir'] ?? join(work, 'user-data'));
const extensionsDir = resolve(opts['extensions-dir'] ?? join(work, 'extensions'));
const folder = resolve(opts.folder ?? work);
mkdirSync(folder, { recursive: true });
writeUserSettings(userDataDir);

const server = await startCodeServer({ userDataDir, extensionsDir, folder, smoke: true });
let browser;
const finish = (code) => {
  server.stop();
  void browser?.close().catch(() => {});
  process.exit(code);
};
process.on('SIGINT', () => finish(130));
process.on('SIGTERM', () => finish(143));
const timer = setTimeout(() => {
  console.error('vscode-launcher: the suite did not finish within 10 minutes');
  finish(1);
}, 10 * 60_000);

try {
  browser = await launchBrowser(server.chromium, join(work, 'chromium'));
  const page = browser.pages()[0] ?? (await browser.newPage());
  const exited = new Promise((res) => page.exposeFunction('codeAutomationExit', (code) => res(Number(code))));
  await page.exposeFunction('codeAutomationLog', () => {});
  const remote = (p) => `vscode-remote://remote${resolve(p)}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(opts.extensionDevelopmentPath)],
    ['extensionTestsPath', remote(opts.extensionTestsPath)],
  ]);
  await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`);
  const code = await exited;
  clearTimeout(timer);
  finish(code);
} catch (e) {
  console.error(`vscode-launcher: ${e?.stack ?? e}\n${server.output().slice(-4000)}`);
  finish(1);
}
