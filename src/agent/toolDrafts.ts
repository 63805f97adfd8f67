/**
 * The chat tools that write campaigns: create a draft from a newsletter file, update the draft a file is linked to,
 * schedule a draft. Each is asked first in the words of the extension's own confirmation; a schedule goes out only as
 * the person saw it (the draft read fresh when asked, compared again before it is written).
 */
import * as vscode from 'vscode';
import type { Campaign } from '../api';
import { itemsOf, textOf } from '../authoring/frontMatter';
import type { Resolved } from '../authoring/newsletterFiles';
import { renderNewsletter } from '../authoring/render';
import type { Session } from '../connections/session';
import { parseLocalDateTime } from '../commands/campaignActions';
import { type SendingState, readSendingState, refusal } from '../connections/sending';
import type { Services } from '../app/services';
import { confirmedElsewhere } from '../app/ui';
import { type Input, NOT_A_NEWSLETTER, type Tool, answer, campaign, openFile, ready, refuse, text } from './toolParts';

type Prepared = vscode.PreparedToolInvocation;

/** "Customers, Beta (at most 702 subscribers)", or "everyone": the file's audience as the lists known now count it. */
function audienceWords(app: Services, r: Resolved & { session: Session }): string {
  const names = itemsOf(r.fm, 'audience');
  if (names.some((n) => n.toLowerCase() === 'everyone')) return 'everyone';
  const chosen = (app.newsletters.facts.known(r.session)?.lists ?? []).filter((l) => names.includes(l.name));
  const reach = chosen.reduce((n, l) => n + (l.active ?? l.count ?? 0), 0);
  const count = `${chosen.length > 1 ? 'at most ' : ''}${reach.toLocaleString('en-US')} subscribers`;
  return `${names.map((n) => text(n)).join(', ')} (${count})`;
}

/** The newsletter file named, with its connection; or why not. */
async function fileOf(app: Services, input: Input) {
  const doc = await openFile(input.file);
  const r = doc && app.newsletters.resolve(doc);
  return doc && r?.session ? { doc, r: { ...r, session: r.session } } : undefined;
}

/** Create Draft from a file, confirmed by the person in the words of its own modal: what, where, to whom, how many. */
export function createDraftTool(app: Services): Tool<Input> {
  return {
    prepareInvocation: async ({ input }) => {
      const f = await fileOf(app, input);
      if (!f) return { invocationMessage: 'Checking the newsletter file…' };
      const { doc, r } = f;
      const title = text(textOf(r.fm, 'title') || textOf(r.fm, 'subject'));
      return {
        invocationMessage: `Creating the draft "${title}"…`,
        confirmationMessages: {
          title: `Create the draft "${title}" in ${text(r.session.profile.label)}?`,
          message:
            `A draft (nothing is sent) to ${audienceWords(app, r)}, subject "${text(textOf(r.fm, 'subject'))}", ` +
            `from ${text(textOf(r.fm, 'from_email'))}, ` +
            `made from ${vscode.workspace.asRelativePath(doc.uri)}; the file is then linked to it.`,
        },
      };
    },
    invoke: async ({ input }) => {
      const doc = await openFile(input.file);
      if (!doc || !app.newsletters.resolve(doc)) return refuse(`${NOT_A_NEWSLETTER} Nothing was created.`);
      // The person confirmed above; the command's own questions (a file linked already, what the cleaner leaves
      // out, a send_at schedule) still ask.
      const created = await vscode.commands.executeCommand<Campaign | undefined>('newsletter.createDraftFromFile', doc.uri);
      if (!created) return refuse('No draft was created (refused, cancelled or failed: the notification says why).');
      return answer('The draft created', campaign(created));
    },
  };
}

/** Why Update Draft cannot run on this file (not linked, a service that cannot update, a `send_at` to ask about). */
function updateRefusal(f: Awaited<ReturnType<typeof fileOf>>): string | undefined {
  if (!f) return `${NOT_A_NEWSLETTER} Nothing was updated.`;
  const { r } = f;
  if (!textOf(r.fm, 'campaign')) return 'This file is not linked to a draft yet (no "campaign:" line): create the draft first.';
  const service = r.session.descriptor.displayName;
  if (!r.session.provider().updateDraft) return `${service}'s API cannot change a campaign once made: nothing was updated.`;
  if (!textOf(r.fm, 'send_at')) return undefined;
  return (
    'This file has send_at: Update Draft would schedule it too. The person runs Update Draft in the editor, ' +
    'or removes send_at and schedules with newsletter_schedule.'
  );
}

/** Update Draft: asked first, naming the draft, what it becomes (audience and count) and what the cleaner leaves out. */
export function updateDraftTool(app: Services): Tool<Input> {
  return {
    prepareInvocation: async ({ input }) => {
      const f = await fileOf(app, input);
      if (!f || updateRefusal(f)) return { invocationMessage: 'Checking the newsletter file…' };
      const { doc, r } = f;
      const id = text(textOf(r.fm, 'campaign'));
      const removed = (await renderNewsletter(doc, r, app.newsletters.facts.known(r.session)).catch(() => undefined))?.removed ?? [];
      const left = removed.length ? ` Left out, as the preview shows: ${removed.slice(0, 12).map(text).join(', ')}.` : '';
      return {
        invocationMessage: `Updating draft ${id}…`,
        confirmationMessages: {
          title: `Replace draft ${id} in ${text(r.session.profile.label)} with ${vscode.workspace.asRelativePath(doc.uri)}?`,
          message:
            `After: "${text(textOf(r.fm, 'subject'))}" to ${audienceWords(app, r)}, from ${text(textOf(r.fm, 'from_email'))}. ` +
            `Its sender, template and content become what the file says; a change made in the web app since is lost.${left}`,
        },
      };
    },
    invoke: async ({ input }) => {
      const f = await fileOf(app, input);
      const refused = updateRefusal(f);
      if (refused || !f) return refuse(refused ?? NOT_A_NEWSLETTER);
      const confirmed = confirmedElsewhere({ update: f.doc.uri });
      const after = await vscode.commands.executeCommand<Campaign | undefined>('newsletter.updateDraftFromFile', f.doc.uri, confirmed);
      const why = 'no longer a draft, a problem in the file, or failed: the notification says why';
      if (!after) return refuse(`The draft was not updated (${why}).`);
      return answer('The draft updated', campaign(after));
    },
  };
}

/** The draft named (id or title) among the connection's drafts, when and to whom it would go; or why not. */
async function scheduleTarget(app: Services, input: Input): Promise<string | { session: Session; at: Date; state: SendingState }> {
  const session = ready(app);
  if (typeof session === 'string') return session;
  const p = session.provider();
  if (!p.scheduleCampaign) return `${session.descriptor.displayName}'s API cannot schedule a campaign: nothing was scheduled.`;
  const at = parseLocalDateTime(String(input.at ?? ''));
  if (typeof at === 'string') return `${at} Nothing was scheduled.`;
  const wanted = String(input.campaign ?? '').trim();
  const drafts: Campaign[] = [];
  for (let page = 1; page <= 10; page++) {
    const r = await p.listCampaigns(page, { status: 'draft', limit: session.descriptor.pageSize.max });
    drafts.push(...r.items.filter((c) => c.status === 'draft'));
    if (!r.hasMore) break;
  }
  const matches = drafts.filter((c) => c.id === wanted || c.title.trim().toLowerCase() === wanted.toLowerCase());
  if (matches.length !== 1) {
    const ids = matches.map((c) => text(c.id)).join(', ');
    const which = matches.length ? `${matches.length} drafts are called that (ids ${ids}): name one by id` : 'No draft is called that';
    return `${which}: nothing was scheduled.`;
  }
  const state = await readSendingState(session, matches[0]);
  const refused = refusal(state);
  return refused ? refused.replace(/^Not sent/, 'Not scheduled') : { session, at, state };
}

/** Schedule a draft: asked first with the draft as the service holds it now (to whom, how many, subject, sender) and when. */
export function scheduleTool(app: Services): Tool<Input> {
  /** What the person was shown, by connection, draft and time: the write goes out only as that. */
  const shown = new Map<string, Campaign>();
  const key = (s: Session, input: Input) => JSON.stringify([s.profile.id, String(input.campaign ?? ''), String(input.at ?? '')]);
  return {
    prepareInvocation: async ({ input }): Promise<Prepared> => {
      const t = await scheduleTarget(app, input).catch(() => undefined);
      if (!t || typeof t === 'string') return { invocationMessage: 'Checking the draft…' };
      const { session, at, state } = t;
      shown.set(key(session, input), state.fresh);
      const when = at.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
      const zone = session.descriptor.scheduleZone.zone;
      const told = `${session.descriptor.displayName} is told ${at.toISOString().slice(0, 16).replace('T', ' ')} ${zone}.`;
      const title = text(state.fresh.title);
      return {
        invocationMessage: `Scheduling "${title}"…`,
        confirmationMessages: { title: `Schedule "${title}" for ${when} to ${state.to}?`, message: [...state.facts, told].join(' ') },
      };
    },
    invoke: async ({ input }) => {
      const session = ready(app);
      if (typeof session === 'string') return refuse(session);
      const seen = shown.get(key(session, input));
      if (!seen) {
        // Not confirmed: why it could not be asked (no such draft, a time past) or that it was not.
        const t = await scheduleTarget(app, input).catch(() => undefined);
        return refuse(typeof t === 'string' ? t : 'Not scheduled: the person was not asked to confirm this schedule.');
      }
      shown.delete(key(session, input));
      // The command reads the draft again and goes ahead only if it is still what the person was shown.
      const row = { type: 'item', item: seen };
      const confirmed = confirmedElsewhere(seen);
      const after = await vscode.commands.executeCommand<Campaign | undefined>(
        'newsletter.scheduleCampaign',
        row,
        String(input.at),
        confirmed,
      );
      if (!after) return refuse('Not scheduled (changed since it was confirmed, refused or failed: the notification says why).');
      return answer('Scheduled', campaign(after));
    },
  };
}
