import type { ProviderKind } from '../api';

/** A saved connection profile (in settings); its token lives only in SecretStorage under `id`. */
export interface Connection {
  id: string;
  label: string;
  provider: ProviderKind;
  /** SendPortal: the host or API root (required). Sender: only to override the hosted API (tests, proxies). */
  baseUrl?: string;
  /** SendPortal: send the token as an `api_token` query parameter instead of a header. Off by default. */
  tokenInQuery?: boolean;
}

export const PROVIDER_NAMES: Record<ProviderKind, string> = { sender: 'Sender', sendportal: 'SendPortal' };

export function isConnection(v: unknown): v is Connection {
  const c = v as Connection;
  return !!c && typeof c.id === 'string' && typeof c.label === 'string' && (c.provider === 'sender' || c.provider === 'sendportal');
}
