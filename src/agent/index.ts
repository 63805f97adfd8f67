/**
 * The chat agent's tools as VS Code is told of them at activation: each name package.json contributes, answered by
 * the tool's code (tools.ts and what it uses), loaded when a tool is first asked for.
 */
import * as vscode from 'vscode';
import type { Services } from '../app/services';
import type { Input, Tool } from './toolParts';

export type Tools = Record<string, Tool<Input>>;

export function lazyTools(app: Services, names: readonly string[]): Tools {
  let loaded: Promise<Tools> | undefined;
  const load = () => (loaded ??= import('./tools').then((m) => m.createTools(app)));
  const tool = (name: string): Tool<Input> => ({
    invoke: async (options, token) => (await load())[name].invoke(options, token),
    prepareInvocation: async (options, token) => (await load())[name].prepareInvocation?.(options, token),
  });
  return Object.fromEntries(names.map((name) => [name, tool(name)]));
}

export function registerTools(tools: Tools): vscode.Disposable[] {
  if (!vscode.lm?.registerTool) return []; // a VS Code without the tools API
  return Object.entries(tools).map(([name, tool]) => vscode.lm.registerTool(name, tool));
}
