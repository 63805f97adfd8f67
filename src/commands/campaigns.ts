import * as vscode from 'vscode';
import { type Campaign, type CampaignStatus, type NewsletterProvider, type Template, editableListKind, safeText } from '../api';
import { fmt } from '../views/format';
import type { Session } from '../connections/session';
import { CAMPAIGN_STATUS_NAMES } from '../views/campaignsView';
import { command, type Services, showError, showWriteError, withProgress } from './services';

/** Picks a status to show; where the API has no filter, the pick says it filters page by page. */
async function filterCampaigns(s: Services, given?: CampaignStatus | 'all'): Promise<void> {
  const session = s.connections.active;
  if (!session) return;
  let choice = given;
  if (!choice) {
    const current = s.campaignFilter.status;
    const items = [
      { label: vscode.l10n.t('All campaigns'), status: 'all' as const, picked: !current },
      ...session.descriptor.campaignFilters.map((status) => ({
        label: CAMPAIGN_STATUS_NAMES[status],
        status,
        description: status === current ? vscode.l10n.t('current') : undefined,
      })),
    ];
    const pick = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Filter Campaigns by Status'),
      placeHolder: session.descriptor.filtersCampaignsOnServer
        ? undefined
        : vscode.l10n.t("{0}'s API has no status filter: each loaded page is filtered here", session.descriptor.displayName),
    });
    if (!pick) return;
    choice = pick.status;
  }
  await s.campaignFilter.set(choice === 'all' ? undefined : choice);
  s.campaigns.refresh(false); // other campaigns now: the old rows would mislead
}

type CampaignRow = { type: 'item'; item: Campaign };

const campaignOf = (row: unknown): Campaign | undefined => {
  const r = row as CampaignRow | undefined;
  return r?.type === 'item' && r.item && !('email' in r.item) ? r.item : undefined;
};

/**
 * What a campaign action needs: the active session, the row's campaign, its title for messages, and the provider's
 * method for the action (`pick` answers undefined where the API has none: then so does this).
 */
function actionOn<F>(s: Services, row: unknown, pick: (p: NewsletterProvider) => F | undefined) {
  const session = s.connections.active;
  const c = campaignOf(row);
  const run = session && pick(session.provider());
  return session && c && run ? { session, c, run, title: safeText(c.title, [], 120) } : undefined;
}

/** Preview Campaign: its HTML as it would arrive, never run, remote images only on request. */
async function previewCampaign(s: Services, row?: unknown): Promise<boolean> {
  const session = s.connections.active;
  const given = campaignOf(row);
  if (!session || !given) return false;
  try {
    // Read afresh: the content may have been edited since the list was loaded.
    const c = await withProgress(vscode.l10n.t('Loading {0}…', safeText(given.title)), (signal) => session.provider().getCampaign(given.id, { signal }));
    if (!c.html) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no content to preview yet.', safeText(c.title)));
      return false;
    }
    s.cards.preview(`${session.profile.id}:${c.id}`, safeText(c.title, [], 200), c.html);
    return true;
  } catch (e) {
    showError(e);
    return false;
  }
}

/** Preview Template… (SendPortal): its templates, read-only, shown with the same safe preview as campaigns. */
async function previewTemplate(s: Services, givenId?: string): Promise<boolean> {
  const session = s.connections.active;
  const provider = session?.provider();
  const list = provider?.listTemplates?.bind(provider);
  if (!session || !list) {
    if (session) void vscode.window.showInformationMessage(vscode.l10n.t("{0}'s API has no templates.", session.descriptor.displayName));
    return false;
  }
  try {
    const templates = await withProgress(vscode.l10n.t('Loading templates…'), async (signal) => {
      const all: Template[] = [];
      for (let page = 1; ; page++) {
        const result = await list(page, { signal });
        all.push(...result.items);
        if (!result.hasMore) return all;
      }
    });
    const chosen =
      givenId !== undefined
        ? templates.find((t) => t.id === givenId)
        : (
            await vscode.window.showQuickPick(
              templates.map((t) => ({ label: safeText(t.name, [], 120), description: t.updatedAt ? vscode.l10n.t('updated {0}', safeText(t.updatedAt, [], 30)) : undefined, t })),
              { title: vscode.l10n.t('Preview Template'), placeHolder: templates.length ? undefined : vscode.l10n.t('No templates yet.') },
            )
          )?.t;
    if (!chosen?.html) return false;
    s.cards.preview(`${session.profile.id}:template:${chosen.id}`, safeText(chosen.name, [], 200), chosen.html);
    return true;
  } catch (e) {
    showError(e);
    return false;
  }
}

/**
 * The campaign with its audience by name: the group or tag ids the APIs list are looked up among the service's
 * lists (loaded once, as the Lists view holds them); as it was if they cannot be.
 */
export async function withAudienceNames(s: Services, session: Session, c: Campaign): Promise<Campaign> {
  const kind = editableListKind(session.descriptor);
  if (c.toAll || !c.audience.length || !kind) return c;
  try {
    const names = new Map((await s.lists.allLists(kind.kind)).map((l) => [l.id, l.name]));
    const audience = c.audience.map((a) => names.get(a) ?? a);
    return audience.some((a, i) => a !== c.audience[i]) ? { ...c, audience } : c;
  } catch {
    return c;
  }
}

/** Whom a campaign goes to, in words (its groups or tags by name), for the confirmation. */
async function audience(s: Services, session: Session, campaign: Campaign): Promise<string> {
  const c = await withAudienceNames(s, session, campaign);
  const who = c.toAll ? vscode.l10n.t('all subscribers') : c.audience.length ? c.audience.map((a) => safeText(a, [], 60)).join(', ') : vscode.l10n.t('its audience');
  return c.recipients !== undefined
    ? vscode.l10n.t('{0} ({1} recipients)', who, fmt(c.recipients))
    : vscode.l10n.t("{0} ({1}'s API does not say how many)", who, session.descriptor.displayName);
}

/** Runs a campaign action after its modal; the row changes in place; the API's refusal is shown in words. */
async function campaignAction(s: Services, progress: string, done: string, run: (signal: AbortSignal) => Promise<Campaign>): Promise<Campaign | undefined> {
  try {
    const after = await withProgress(progress, run);
    s.campaigns.apply({ replace: [after] });
    void vscode.window.showInformationMessage(done);
    return after;
  } catch (e) {
    showWriteError(e, 'newsletter.refreshCampaigns');
    return undefined;
  }
}

async function sendCampaign(s: Services, row?: unknown, confirmed = false): Promise<Campaign | undefined> {
  const a = actionOn(s, row, (p) => p.sendCampaign.bind(p));
  if (!a) return undefined;
  const { session, c, title } = a;
  if (!confirmed) {
    const send = vscode.l10n.t('Send Now');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Send "{0}" now to {1}?', title, await audience(s, session, c)),
      { modal: true, detail: vscode.l10n.t('Emails go out at once and cannot be called back.') },
      send,
    );
    if (answer !== send) return undefined;
  }
  const after = await campaignAction(s, vscode.l10n.t('Sending {0}…', title), vscode.l10n.t('"{0}" is on its way.', title), (signal) => a.run(c, { signal }));
  return after;
}

/** Reads "2026-12-01 09:30" (local time) from the box: a moment in the future, or why not. */
function parseLocalDateTime(text: string, now = Date.now()): Date | string {
  const m = text.trim().match(/^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/);
  if (!m) return vscode.l10n.t('Enter a date and time such as 2026-12-01 09:30.');
  const d = new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  if (Number.isNaN(d.getTime()) || d.getMonth() !== +m[2] - 1 || d.getDate() !== +m[3]) return vscode.l10n.t('That date does not exist.');
  if (d.getTime() <= now + 60_000) return vscode.l10n.t('Choose a time at least a minute from now.');
  return d;
}

async function scheduleCampaign(s: Services, row?: unknown, given?: string, confirmed = false): Promise<Campaign | undefined> {
  const a = actionOn(s, row, (p) => p.scheduleCampaign?.bind(p));
  if (!a) return undefined;
  const { session, c, title, run: schedule } = a;
  const text =
    given ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Schedule "{0}"', title),
      prompt: vscode.l10n.t('When to send it, in your local time (YYYY-MM-DD HH:MM)'),
      value: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) + ' 09:00',
      ignoreFocusOut: true,
      validateInput: (v) => {
        const r = parseLocalDateTime(v);
        return typeof r === 'string' ? r : undefined;
      },
    }));
  if (!text) return undefined;
  const at = parseLocalDateTime(text);
  if (typeof at === 'string') {
    void vscode.window.showErrorMessage(at);
    return undefined;
  }
  const when = at.toLocaleString(vscode.env.language, { dateStyle: 'medium', timeStyle: 'short' });
  if (!confirmed) {
    const schedule = vscode.l10n.t('Schedule');
    const to = await audience(s, session, c);
    const zone = session.descriptor.scheduleZone;
    const name = session.descriptor.displayName;
    const detail = [
      vscode.l10n.t('{0} is told {1} {2}.', name, at.toISOString().slice(0, 16).replace('T', ' '), zone.zone),
      zone.documented ? '' : vscode.l10n.t("{0}'s documentation does not say in which time zone it reads a schedule.", name),
      session.provider().cancelSchedule ? '' : vscode.l10n.t("{0}'s API cannot take a scheduled campaign back: only its web app can.", name),
    ].filter(Boolean).join(' ');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Schedule "{0}" for {1} to {2}?', title, when, to), { modal: true, detail }, schedule);
    if (answer !== schedule) return undefined;
  }
  return campaignAction(s, vscode.l10n.t('Scheduling {0}…', title), vscode.l10n.t('"{0}" is scheduled for {1}.', title, when), (signal) => schedule(c, at, { signal }));
}

async function cancelSchedule(s: Services, row?: unknown): Promise<Campaign | undefined> {
  const a = actionOn(s, row, (p) => p.cancelSchedule?.bind(p));
  if (!a) return undefined;
  const { c, title, run: cancel } = a;
  return campaignAction(s, vscode.l10n.t('Cancelling the schedule of {0}…', title), vscode.l10n.t('"{0}" is a draft again.', title), (signal) => cancel(c, { signal }));
}

export function registerCampaignCommands(s: Services): vscode.Disposable[] {
  return [
    command(s, 'newsletter.previewCampaign', (row?: unknown) => previewCampaign(s, row)),
    command(s, 'newsletter.previewTemplate', (id?: unknown) => previewTemplate(s, typeof id === 'string' ? id : undefined)),
    // From a menu or a card: (row). From tests: (row, true) confirms; schedule takes (row, "2026-12-01 09:30", true).
    command(s, 'newsletter.sendCampaign', (row?: unknown, confirmed?: unknown) => sendCampaign(s, row, confirmed === true)),
    command(s, 'newsletter.scheduleCampaign', (row?: unknown, at?: unknown, confirmed?: unknown) => scheduleCampaign(s, row, typeof at === 'string' ? at : undefined, confirmed === true)),
    command(s, 'newsletter.cancelSchedule', (row?: unknown) => cancelSchedule(s, row)),
    command(s, 'newsletter.refreshCampaigns', () => s.campaigns.refresh()),
    command(s, 'newsletter.filterCampaigns', (status?: CampaignStatus | 'all') =>
      filterCampaigns(s, typeof status === 'string' ? status : undefined),
    ),
    // The same, shown with a filled funnel while a filter is on.
    command(s, 'newsletter.filterCampaignsOn', () => filterCampaigns(s)),
  ];
}
