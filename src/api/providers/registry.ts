import type { ProviderDescriptor, ProviderKind } from '../model';
import { sender } from './sender';
import { sendPortal } from './sendportal';

/** Every service the extension speaks to. */
export const PROVIDERS: Readonly<Record<ProviderKind, ProviderDescriptor>> = { sender, sendportal: sendPortal };

export function descriptorOf(kind: ProviderKind): ProviderDescriptor {
  return PROVIDERS[kind];
}
