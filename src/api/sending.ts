/** What a sending write compares: the campaign as the person confirmed it against the campaign read now. */
import type { Campaign } from './model';

/**
 * What differs, in words, between a campaign as the person confirmed it and as the server holds it now: its
 * audience (everyone, or which lists), subject and sender. Empty when they agree. Shared by both services.
 */
export function sendingChanges(confirmed: Campaign, now: Campaign): string[] {
  const out: string[] = [];
  const set = (c: Campaign) => (c.toAll ? 'everyone' : [...c.audience].sort().join(','));
  if (set(confirmed) !== set(now)) out.push('its audience');
  if ((confirmed.subject ?? '') !== (now.subject ?? '')) out.push('its subject');
  if ((confirmed.from ?? '') !== (now.from ?? '')) out.push('its sender');
  return out;
}
