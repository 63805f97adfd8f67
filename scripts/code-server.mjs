// A real VS Code on these machines: code-server (VS Code's server + web workbench) driven by Debian's Chromium.
// See shared/REAL-VSCODE.md. Used by the integration launcher, the UI end-to-end suite and the demo.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** Installs (once, cached) and returns the paths of Node 24, code-server and chromium. */
export function tools() {
  const out = execFileSync('bash', [join(root, 'scripts/setup-vscode.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop());
}

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** User settings for a quiet, offline workbench. */
export function writeUserSettings(userDataDir, extra = {}) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'workbench.tips.enabled': false,
      'window.commandCenter': false,
      ...extra,
    }, null, 2),
  );
}

/**
 * Starts code-server in its own process group on a free loopback port and waits until it answers.
 * `smoke` turns on the smoke-test driver that integration tests need (and that hides toasts: not for UI tests).
 */
export async function startCodeServer({ userDataDir, extensionsDir, folder, smoke = false, env = {}, port }) {
  const t = tools();
  port ??= await freePort();
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const xdg = join(userDataDir, '..', 'xdg');
  const args = [
    t.codeServer, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--reconnection-grace-time', '10',
  ];
  if (smoke) args.push('--vscode-option', 'enable-smoke-test-driver');
  args.push(folder);
  const child = spawn(t.node, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, XDG_CONFIG_HOME: join(xdg, 'config'), XDG_DATA_HOME: join(xdg, 'data'), PATH: `${join(t.node, '..')}:${process.env.PATH}` },
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`code-server did not start within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGKILL'); // the group: a lone PID leaves its file watcher behind
    } catch {
      /* already gone */
    }
  };
  return { url, port, stop, output: () => output, codeServer: t.codeServer, node: t.node, chromium: t.chromium };
}

/** Installs a .vsix the way a user does. */
export function installVsix(vsix, userDataDir, extensionsDir) {
  const t = tools();
  execFileSync(t.node, [t.codeServer, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], {
    stdio: 'inherit',
    env: { ...process.env, XDG_CONFIG_HOME: join(userDataDir, '..', 'xdg', 'config'), XDG_DATA_HOME: join(userDataDir, '..', 'xdg', 'data') },
  });
}

/** Uninstalls an extension if it is there (the demo's seeder, when a later demo runs without it). */
export function uninstallExtension(id, userDataDir, extensionsDir) {
  const t = tools();
  try {
    execFileSync(t.node, [t.codeServer, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--uninstall-extension', id], {
      stdio: 'ignore',
      env: { ...process.env, XDG_CONFIG_HOME: join(userDataDir, '..', 'xdg', 'config'), XDG_DATA_HOME: join(userDataDir, '..', 'xdg', 'data') },
    });
  } catch {
    /* not installed */
  }
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** A fresh headless Chromium through playwright-core. */
export async function launchBrowser(chromium, profileDir) {
  const { chromium: pw } = await import('playwright-core');
  return pw.launchPersistentContext(profileDir, { executablePath: chromium, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1400, height: 860 } });
}
