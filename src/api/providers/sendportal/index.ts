import type { ProviderDescriptor } from '../../model';
import { sendPortalApiBase } from '../../url';
import { SendPortalProvider } from './provider';

/** SendPortal, self-hosted API v1 at <host>/api/v1 (reference text: sendportal-api-v1-requirements.txt). */
export const sendPortal: ProviderDescriptor = {
  kind: 'sendportal',
  displayName: 'SendPortal',
  urlPrompt: 'The URL of your SendPortal, such as https://newsletter.example.com (…/api/v1 is added for you)',
  authHint: 'Create a new token in SendPortal (your name → API Tokens) for this workspace, then run "Newsletter: Set API Token".',
  tokenPrompt: 'Paste the token from SendPortal: your name → API Tokens',
  reportsOpensAndClicks: false,
  campaignFilters: ['draft', 'queued', 'sending', 'sent', 'cancelled'],
  filtersCampaignsOnServer: false,
  subscriberLookupHint: 'a numeric subscriber id (SendPortal cannot look up by email)',
  listKinds: [{ kind: 'tag', label: 'Tags', noun: 'tag', editable: true }],
  // The subscriber list has no order parameter [src: Api\\SubscribersController::index].
  subscriberSorts: [],
  subscriberStatuses: ['active', 'unsubscribed'],
  startsAutomations: false,
  editsPhone: false,
  // Its upsert matches the address exactly: U76.GARCIA@… makes a second person beside u76.garcia@… [seen].
  emailKey: (email) => email,
  // `scheduled_at` is read in the app's time zone, UTC unless its operator changed it [src: config/app.php].
  scheduleZone: { zone: 'UTC', documented: true },
  // The web app's own pages: /subscribers/{id}, /campaigns/{id} beside /api/v1 [src: routes/web.php].
  webUrl: (base, item) =>
    new URL(`../../${item.kind === 'subscriber' ? 'subscribers' : 'campaigns'}/${encodeURIComponent(item.id)}`, base).toString(),
  detailOnlyFields: { subscriber: ['tags'], campaign: [] },
  // Subscribers and campaigns come 25 a page whatever per_page says [seen].
  pageSize: { default: 25, max: 25, bulk: 25 },
  subscriberKeyProblem(key) {
    const id = key.trim();
    // Ids are PostgreSQL/MySQL integers: a larger number answers 500, not 404 [seen].
    if (/^\d+$/.test(id)) return Number(id) <= 2_147_483_647 ? undefined : `${id} is larger than any SendPortal subscriber id.`;
    if (id.includes('@'))
      return "SendPortal's API has no lookup by email: enter the subscriber's numeric id, or find them in the Subscribers view.";
    return `"${id}" is not a SendPortal subscriber id: ids are whole numbers.`;
  },
  apiBase: (raw) => sendPortalApiBase(raw ?? ''),
  create: (client) => new SendPortalProvider(client, sendPortal),
};
