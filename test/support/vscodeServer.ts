import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';

/** The shape of scripts/code-server.mjs, shared by the launcher, the UI suite and the demo. */
export interface CodeServerScripts {
  tools(): { node: string; codeServer: string; chromium: string };
  freePort(): Promise<number>;
  writeUserSettings(userDataDir: string, extra?: Record<string, unknown>): void;
  startCodeServer(o: { userDataDir: string; extensionsDir: string; folder: string; smoke?: boolean; env?: Record<string, string>; port?: number }): Promise<{
    url: string;
    port: number;
    stop(): void;
    output(): string;
    chromium: string;
  }>;
  installVsix(vsix: string, userDataDir: string, extensionsDir: string): void;
  launchBrowser(chromium: string, profileDir: string): Promise<BrowserContext>;
}

/** Loaded at run time from the project root: the scripts are ES modules that run without a build. */
export function codeServerScripts(): Promise<CodeServerScripts> {
  const url = pathToFileURL(resolve('scripts/code-server.mjs')).href;
  return import(url) as Promise<CodeServerScripts>;
}
