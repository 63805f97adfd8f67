import type { ProviderDescriptor } from '../../model';
import { checkBaseUrl } from '../../url';
import { SenderProvider } from './provider';

/** Sender.net, hosted API v2: https://api.sender.net/v2/ (reference text: sender-api-v2-authentication.txt). */
export const sender: ProviderDescriptor = {
  kind: 'sender',
  displayName: 'Sender',
  defaultBaseUrl: 'https://api.sender.net/v2/',
  urlPrompt: "Sender's API URL: press Enter for the hosted API",
  authHint: 'Create a new token in Sender under Account settings → API access tokens, then run "Newsletter: Set API Token".',
  tokenPrompt: 'Paste the token from Sender: Account settings → API access tokens',
  reportsOpensAndClicks: true,
  campaignFilters: ['draft', 'scheduled', 'sending', 'sent'],
  filtersCampaignsOnServer: true,
  subscriberLookupHint: 'an email address, a phone number or a subscriber id',
  listKinds: [
    { kind: 'group', label: 'Groups', noun: 'group', editable: true },
    { kind: 'segment', label: 'Segments', noun: 'segment', editable: false },
  ],
  subscriberSorts: ['created', 'email', 'firstname', 'lastname'],
  subscriberStatuses: ['active', 'unsubscribed', 'bounced', 'spamReported', 'nonSubscribed'],
  startsAutomations: true,
  editsPhone: true,
  // No public source says how Sender treats letter case: matched in any case, as mailboxes are in practice.
  emailKey: (email) => email.toLowerCase(),
  // `schedule_time` is "YYYY-MM-DD HH:MM:SS" [community]; no public source says in which zone: sent in UTC, and said so.
  scheduleZone: { zone: 'UTC', documented: false },
  // Sender's app has no documented link to one subscriber or campaign: its lists, where the item can be searched.
  webUrl: (_base, item) => `https://app.sender.net/${item.kind === 'subscriber' ? 'subscribers' : 'campaigns'}`,
  detailOnlyFields: { subscriber: [], campaign: [] },
  // Sender's lists take `limit`; its docs show pages of up to 1000 and the app uses 100: we offer up to 100.
  // Bulk walks (export) take the largest page the docs show, 1000: a tenth of the requests.
  pageSize: { default: 25, max: 100, bulk: 1000 },
  subscriberKeyProblem: (key) => (key.trim() ? undefined : 'Enter an email address, a phone number or a subscriber id.'),
  apiBase: (raw) => checkBaseUrl(raw || 'https://api.sender.net/v2/'),
  create: (client) => new SenderProvider(client, sender),
};
