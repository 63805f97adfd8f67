import type { Endpoint } from './contract';
import { SENDER } from './sender';
import { SENDPORTAL } from './sendportal';

export * from './contract';
export const CONTRACT: readonly Endpoint[] = [...SENDER, ...SENDPORTAL];

/** The entry for a request as the sandbox saw it (`/v2/…` or `/api/v1/…`), or undefined. */
export function entryFor(method: string, url: string): Endpoint | undefined {
  const path = new URL(url, 'http://x').pathname;
  const provider = path.startsWith('/v2/') ? 'sender' : path.startsWith('/api/v1/') ? 'sendportal' : undefined;
  const rest = path.replace(/^\/v2\/|^\/api\/v1\//, '');
  return CONTRACT.find((e) => e.provider === provider && e.method === method && new RegExp(`^${e.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(rest));
}
