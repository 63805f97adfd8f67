import { type ProviderKind, descriptorOf, isProviderKind } from '../api';

/** A saved connection profile (user settings only); its token lives only in SecretStorage, bound to `origin`. */
export interface ConnectionProfile {
  id: string;
  label: string;
  provider: ProviderKind;
  /** SendPortal: the host or API root (required). Sender: only to override the hosted API (tests, proxies). */
  baseUrl?: string;
  /** SendPortal: send the token as an `api_token` query parameter instead of a header. Off by default. */
  tokenInQuery?: boolean;
}

/** Where a token may go: the API's origin and how the token travels. A token is sent only where this matches. */
export interface TokenDestination {
  origin: string;
  tokenInQuery: boolean;
}

export function isProfile(v: unknown): v is ConnectionProfile {
  const c = v as ConnectionProfile;
  return !!c && typeof c.id === 'string' && typeof c.label === 'string' && isProviderKind(c.provider);
}

/** Where this profile sends its token; throws ConfigError for a bad or insecure URL. */
export function destinationOf(profile: ConnectionProfile): TokenDestination {
  return { origin: descriptorOf(profile.provider).apiBase(profile.baseUrl).origin, tokenInQuery: !!profile.tokenInQuery };
}

export function sameDestination(a: TokenDestination, b: TokenDestination): boolean {
  return a.origin === b.origin && a.tokenInQuery === b.tokenInQuery;
}

/** "Sandbox SP (SendPortal)". */
export function describeProfile(p: ConnectionProfile): string {
  const name = descriptorOf(p.provider).displayName;
  return p.label === name ? name : `${p.label} (${name})`;
}
