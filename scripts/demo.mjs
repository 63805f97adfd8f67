// `npm run demo`: the sandbox API and a real VS Code in the browser with the packaged extension installed.
// Prints the URL to open and the tokens to paste; Ctrl-C stops everything. The first run installs code-server
// (cached afterwards). `npm run demo -- --connected` also installs a demo-only helper (scripts/demo-seed) that adds
// the two sandbox connections with their tokens through the extension's own commands when the browser opens.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { installVsix, startCodeServer, tools, uninstallExtension, writeUserSettings } from './code-server.mjs';

const root = resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 8080);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const connected = process.argv.includes('--connected');

const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
// The e2e suite runs the demo after building everything itself: NEWSLETTER_DEMO_PREBUILT skips the build.
if (!process.env.NEWSLETTER_DEMO_PREBUILT) {
  step(npm, ['run', '--silent', 'package']);
  step(process.execPath, ['scripts/build.mjs', '--tests']);
}
tools();

const sandbox = spawn(process.execPath, [join(root, 'out/test/sandbox/main.js'), '--port', String(Number(process.env.SANDBOX_PORT ?? 0))], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let server;
const stop = () => {
  server?.stop();
  sandbox.kill();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
const info = JSON.parse(await new Promise((res) => createInterface({ input: sandbox.stdout }).once('line', res)));

// Outside the project's git repository, so that VS Code does not offer "a git repository was found in the parent
// folders" on every load.
const home = process.env.NEWSLETTER_DEMO_HOME ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'newsletter-explorer', 'demo');
const userDataDir = join(home, 'user-data');
const extensionsDir = join(home, 'extensions');
const folder = join(home, 'workspace');
mkdirSync(folder, { recursive: true });
// The example newsletters, copied in where the workspace has none of that name (a person's edits are kept).
for (const name of readdirSync(join(root, 'examples'))) {
  if (!existsSync(join(folder, name))) copyFileSync(join(root, 'examples', name), join(folder, name));
}
writeUserSettings(userDataDir);
installVsix(join(root, 'newsletter-explorer.vsix'), userDataDir, extensionsDir);
if (connected) {
  // The helper, with this run's sandbox URLs and tokens, packaged and installed like any extension.
  const seedDir = join(home, 'seed');
  rmSync(seedDir, { recursive: true, force: true });
  cpSync(join(root, 'scripts/demo-seed'), seedDir, { recursive: true });
  writeFileSync(
    join(seedDir, 'seed.json'),
    JSON.stringify([
      { provider: 'sendportal', label: 'Sandbox SendPortal', baseUrl: info.sendportal.baseUrl, token: info.sendportal.token },
      { provider: 'sender', label: 'Sandbox Sender', baseUrl: info.sender.baseUrl, token: info.sender.token },
    ]),
  );
  const vsce = spawnSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--allow-missing-repository', '--skip-license', '--out', 'seed.vsix'], { cwd: seedDir, stdio: 'ignore' });
  if (vsce.status !== 0) throw new Error('could not package the demo helper (scripts/demo-seed)');
  installVsix(join(seedDir, 'seed.vsix'), userDataDir, extensionsDir);
} else {
  uninstallExtension('newsletter-explorer.demo-seed', userDataDir, extensionsDir);
}
server = await startCodeServer({ userDataDir, extensionsDir, folder, port });

console.log(`
Newsletter Explorer demo is running.

  Open:        ${server.url}/?folder=${encodeURIComponent(folder)}
  Then:        click the envelope in the activity bar → ${connected ? 'both sandbox connections are there (Switch Connection)' : 'Add Connection'}

  SendPortal:  URL   ${info.sendportal.baseUrl}
               token ${info.sendportal.token}
  Sender:      URL   ${info.sender.baseUrl}
               token ${info.sender.token}
  Expired tokens to try the error paths: ${info.sendportal.expiredToken} / ${info.sender.expiredToken}
  Sandbox control (faults, rate limits): ${info.control}

Press Ctrl-C to stop.`);
