import type { ListKindInfo, ProviderDescriptor, ProviderKind } from '../model';
import { sender } from './sender';
import { sendPortal } from './sendportal';

/** Every service the extension speaks to. */
export const PROVIDERS: Readonly<Record<ProviderKind, ProviderDescriptor>> = { sender, sendportal: sendPortal };

export function descriptorOf(kind: ProviderKind): ProviderDescriptor {
  return PROVIDERS[kind];
}

/** The kind of list a service can create, rename, delete and add people to (Sender: groups; SendPortal: tags). */
export function editableListKind(d: ProviderDescriptor): ListKindInfo | undefined {
  return d.listKinds.find((k) => k.editable);
}
