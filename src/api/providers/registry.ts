import { ConfigError } from '../errors';
import type { ListKindInfo, ProviderDescriptor, ProviderKind } from '../model';
import { sender } from './sender';
import { sendPortal } from './sendportal';

/** Every service the extension speaks to. */
export const PROVIDERS: Readonly<Record<ProviderKind, ProviderDescriptor>> = { sender, sendportal: sendPortal };

/** The service of this kind; a kind that is not one of ours ("constructor" from a settings file) is a ConfigError. */
export function descriptorOf(kind: ProviderKind): ProviderDescriptor {
  if (!isProviderKind(kind))
    throw new ConfigError(`"${String(kind).slice(0, 40)}" is not a service this extension knows (sender, sendportal).`);
  return PROVIDERS[kind];
}

/** Own keys only: `"constructor" in PROVIDERS` is true. */
export function isProviderKind(v: unknown): v is ProviderKind {
  return typeof v === 'string' && Object.hasOwn(PROVIDERS, v);
}

/** The kind of list a service can create, rename, delete and add people to (Sender: groups; SendPortal: tags). */
export function editableListKind(d: ProviderDescriptor): ListKindInfo | undefined {
  return d.listKinds.find((k) => k.editable);
}
