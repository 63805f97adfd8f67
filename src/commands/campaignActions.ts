import * as vscode from 'vscode';
import { type Campaign, type CampaignStatus, type NewsletterProvider, editableListKind, safeText, sendingChanges } from '../api';
import { clock } from '../api/clock';
import { parseSendAt, tomorrowAtNine } from '../authoring/validate';
import type { Session } from '../connections/session';
import { CAMPAIGN_STATUS_NAMES } from '../views/campaignsView';
import { campaignOf } from '../views/rows';
import { type SendingState, readSendingState, refusal } from '../connections/sending';
import { type Services, showError, showWriteError, withProgress } from '../app/services';
import { wasConfirmed } from '../app/ui';

/** Picks a status to show; where the API has no filter, the pick says it filters page by page. */
export async function filterCampaigns(app: Services, given?: CampaignStatus | 'all'): Promise<void> {
  const session = app.connections.active;
  if (!session) return;
  let choice = given;
  if (!choice) {
    const current = app.campaignFilter.status;
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
  await app.campaignFilter.set(choice === 'all' ? undefined : choice);
  app.campaigns.refresh(false); // other campaigns now: the old rows would mislead
}

/**
 * What a campaign action needs: the active session, the row's campaign, its title for messages, and the provider's
 * method for the action (`pick` answers undefined where the API has none: then so does this).
 */
function actionOn<F>(app: Services, row: unknown, pick: (p: NewsletterProvider) => F | undefined) {
  const session = app.connections.active;
  const c = campaignOf(row);
  const run = session && pick(session.provider());
  return session && c && run ? { session, c, run, title: safeText(c.title, [], 120) } : undefined;
}

/**
 * The campaign with its audience by name: the group or tag ids the APIs list are looked up among the service's
 * lists (loaded once, as the Lists view holds them); as it was if they cannot be.
 */
export async function withAudienceNames(app: Services, session: Session, c: Campaign): Promise<Campaign> {
  const kind = editableListKind(session.descriptor);
  if (c.toAll || !c.audience.length || !kind) return c;
  try {
    const names = new Map((await app.lists.allLists(kind.kind)).map((l) => [l.id, l.name]));
    const audience = c.audience.map((a) => names.get(a) ?? a);
    return audience.some((a, i) => a !== c.audience[i]) ? { ...c, audience } : c;
  } catch {
    return c;
  }
}

/**
 * Reads the campaign now and asks the person: the modal names its audience, how many it reaches, its subject and
 * sender, and what changed since the row was loaded. Undefined when refused (said) or not confirmed.
 */
async function confirmSending(
  app: Services,
  session: Session,
  row: Campaign,
  question: (to: string) => string,
  button: string,
  detail: string[],
  confirmed: Confirmed,
): Promise<SendingState | undefined> {
  let state: SendingState;
  try {
    state = await withProgress(
      vscode.l10n.t('Reading "{0}" as {1} holds it now…', safeText(row.title, [], 80), session.descriptor.displayName),
      (signal) => readSendingState(session, row, signal),
    );
  } catch (e) {
    showError(e, vscode.l10n.t('Nothing was sent.'));
    return undefined;
  }
  const refused = refusal(state);
  if (refused) {
    void vscode.window.showErrorMessage(refused);
    return undefined;
  }
  // Confirmed elsewhere (a chat tool's confirmation): only as it was then; a change since is said, and nothing goes.
  const since = typeof confirmed === 'object' ? sendingChanges(confirmed, state.fresh) : [];
  if (since.length) {
    const title = safeText(row.title, [], 80);
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        '"{0}" changed in {1} since it was confirmed ({2}): nothing was sent.',
        title,
        session.descriptor.displayName,
        since.join(', '),
      ),
    );
    return undefined;
  }
  if (confirmed) return state;
  return (await app.ui.confirm(question(state.to), [...state.facts, ...detail].filter(Boolean).join(' '), button)) ? state : undefined;
}

/** Runs a campaign action after its modal; the row changes in place; the API's refusal is shown in words. */
async function campaignAction(
  app: Services,
  session: Session,
  progress: string,
  done: string,
  run: (signal: AbortSignal) => Promise<Campaign>,
  confirmed?: Campaign,
): Promise<Campaign | undefined> {
  try {
    const after = await withProgress(progress, run);
    app.changes.fire({ session, campaigns: { replace: [after] } });
    const differs = confirmed ? sendingChanges(confirmed, after) : [];
    if (differs.length)
      void vscode.window.showWarningMessage(
        vscode.l10n.t('{0} Read back, it differs from what you confirmed: {1}. Check it in the web app.', done, differs.join(', ')),
      );
    else void vscode.window.showInformationMessage(done);
    return after;
  } catch (e) {
    showWriteError(e, 'newsletter.refreshCampaigns');
    return undefined;
  }
}

/** Asked here (false), or confirmed as this campaign was read then, in a chat tool (a `confirmedElsewhere` token). */
type Confirmed = false | Campaign;
export const confirmedArg = (v: unknown): Confirmed => (wasConfirmed(v) && campaignOf({ type: 'item', item: v }) ? (v as Campaign) : false);

export async function sendCampaign(app: Services, row?: unknown): Promise<Campaign | undefined> {
  const a = actionOn(app, row, (p) => p.sendCampaign.bind(p));
  if (!a) return undefined;
  const { session, c, title } = a;
  const send = vscode.l10n.t('Send Now');
  const state = await confirmSending(
    app,
    session,
    c,
    (to) => vscode.l10n.t('Send "{0}" now to {1}?', title, to),
    send,
    [vscode.l10n.t('Emails go out at once and cannot be called back.')],
    false,
  );
  if (!state) return undefined;
  return campaignAction(
    app,
    session,
    vscode.l10n.t('Sending {0}…', title),
    vscode.l10n.t('"{0}" is on its way.', title),
    (signal) => a.run(state.fresh, { signal }),
    state.fresh,
  );
}

/** Reads "2026-12-01 09:30" (local time) from the box: a moment in the future, or why not. */
export function parseLocalDateTime(text: string, now = clock.now()): Date | string {
  if (!/^\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}$/.test(text.trim())) return vscode.l10n.t('Enter a date and time such as 2026-12-01 09:30.');
  const d = parseSendAt(text);
  if (!d) return vscode.l10n.t('That date does not exist.');
  if (d.getTime() <= now + 60_000) return vscode.l10n.t('Choose a time at least a minute from now.');
  return d;
}

export async function scheduleCampaign(
  app: Services,
  row?: unknown,
  given?: string,
  confirmed: Confirmed = false,
): Promise<Campaign | undefined> {
  const a = actionOn(app, row, (p) => p.scheduleCampaign?.bind(p));
  if (!a) return undefined;
  const { session, c, title, run: schedule } = a;
  const text =
    given ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Schedule "{0}"', title),
      prompt: vscode.l10n.t('When to send it, in your local time (YYYY-MM-DD HH:MM)'),
      value: tomorrowAtNine(clock.now()),
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
  const zone = session.descriptor.scheduleZone;
  const name = session.descriptor.displayName;
  const detail = [
    vscode.l10n.t('{0} is told {1} {2}.', name, at.toISOString().slice(0, 16).replace('T', ' '), zone.zone),
    zone.documented ? '' : vscode.l10n.t("{0}'s documentation does not say in which time zone it reads a schedule.", name),
    session.provider().cancelSchedule ? '' : vscode.l10n.t("{0}'s API cannot take a scheduled campaign back: only its web app can.", name),
  ];
  const button = vscode.l10n.t('Schedule');
  const state = await confirmSending(
    app,
    session,
    c,
    (to) => vscode.l10n.t('Schedule "{0}" for {1} to {2}?', title, when, to),
    button,
    detail,
    confirmed,
  );
  if (!state) return undefined;
  return campaignAction(
    app,
    session,
    vscode.l10n.t('Scheduling {0}…', title),
    vscode.l10n.t('"{0}" is scheduled for {1}.', title, when),
    (signal) => schedule(state.fresh, at, { signal }),
    state.fresh,
  );
}

export async function cancelSchedule(app: Services, row?: unknown): Promise<Campaign | undefined> {
  const a = actionOn(app, row, (p) => p.cancelSchedule?.bind(p));
  if (!a) return undefined;
  const { session, c, title, run: cancel } = a;
  return campaignAction(
    app,
    session,
    vscode.l10n.t('Cancelling the schedule of {0}…', title),
    vscode.l10n.t('"{0}" is a draft again.', title),
    (signal) => cancel(c, { signal }),
  );
}
