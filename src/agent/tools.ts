/**
 * Newsletter tools for VS Code's chat agent (the Language Model Tools API): read the active connection, its people,
 * lists, campaigns, figures and a newsletter file's problems; create, update and schedule a draft (toolDrafts.ts),
 * add people to a list, remove them from one, unsubscribe them (toolWrites.ts), each confirmed by the person first
 * with what, where, to whom and how many.
 * Every answer is data from the service, sanitised and bounded, and goes through the session's paced request path
 * at the person's priority; a tool that would wait on the rate limit says so instead of holding the chat.
 */
import * as vscode from 'vscode';
import type { Campaign, Subscriber, SubscriberList } from '../api';
import { mergeTags } from '../authoring/fields';
import { campaignPoints, median } from '../insights/figures';
import type { Session } from '../connections/session';
import { errorText } from '../views/errorText';
import type { Services } from '../app/services';
import {
  type Input,
  NOT_A_NEWSLETTER,
  NO_CONNECTION_TEXT,
  ROWS,
  type Tool,
  allLists,
  answer,
  campaign,
  openFile,
  pct,
  person,
  readSoFar,
  ready,
  refuse,
  text,
} from './toolParts';
import { createDraftTool, scheduleTool, updateDraftTool } from './toolDrafts';
import { addToListTool, removeFromListTool, unsubscribeTool } from './toolWrites';

/** A read tool: run with the active connection when it can answer now, else say why. */
type Result = vscode.LanguageModelToolResult;

function reading(app: Services, run: (session: Session, input: Input) => Result | Promise<Result>): Tool<Input> {
  return {
    invoke: async ({ input }) => {
      const session = ready(app);
      if (typeof session === 'string') return refuse(session);
      try {
        return await run(session, input);
      } catch (e) {
        return refuse(`Not read: ${errorText(e)}`); // in words, as a notification would say it
      }
    },
  };
}

function connectionTool(app: Services): Tool<Input> {
  return {
    invoke: () => {
      const session = app.connections.active;
      if (!session) return refuse(NO_CONNECTION_TEXT);
      const rl = session.rateLimit.snapshot;
      const rateLimit = { remaining: rl.remaining ?? null, limit: rl.limit ?? null };
      const facts = { name: text(session.profile.label), service: session.descriptor.displayName, token: session.tokenState, rateLimit };
      return answer('The active newsletter connection', facts);
    },
  };
}

/** Subscribers by name or address among those read so far (the session's walk and the view's rows): no request. */
function findSubscribers(app: Services, session: Session, input: Input): vscode.LanguageModelToolResult {
  const q = String(input.query ?? '')
    .toLowerCase()
    .trim();
  const held = readSoFar(app, session);
  const words = (s: Subscriber) => [s.email, s.firstName, s.lastName, [s.firstName, s.lastName].join(' ')];
  const match = (s: Subscriber) => !q || words(s).some((v) => v?.toLowerCase().includes(q));
  const found = held.filter(match);
  const total = session.walk.serverTotal;
  const of = total === undefined ? '' : ` of ${total}`;
  const rest = session.walk.complete ? ' (all of them)' : ' (Search Subscribers reads the rest)';
  const read = `Searched the ${held.length} subscribers read so far${of}${rest}`;
  return answer(read, { matches: found.length, subscribers: found.slice(0, ROWS).map(person) });
}

async function campaigns(session: Session, input: Input): Promise<vscode.LanguageModelToolResult> {
  const status = typeof input.status === 'string' ? (input.status as Campaign['status']) : undefined;
  const page = await session.provider().listCampaigns(1, { status, limit: session.descriptor.pageSize.max });
  const n = Math.min(ROWS, Math.max(1, Number(input.limit) || 10));
  const which = status ? ` with status ${status}` : '';
  const what = `The first ${Math.min(n, page.items.length)} campaigns${which} of ${text(session.profile.label)}`;
  return answer(what, page.items.slice(0, n).map(campaign));
}

/** Insights' figures: the last sent campaigns' rates, oldest first, and their medians. */
async function insights(session: Session, input: Input): Promise<vscode.LanguageModelToolResult> {
  const n = Math.min(ROWS, Math.max(1, Number(input.count) || 10));
  const d = session.descriptor;
  const page = await session.provider().listCampaigns(1, { status: 'sent', limit: d.pageSize.max });
  const points = campaignPoints(page.items, n, d.reportsOpensAndClicks);
  const rows = points.map((p) => ({
    title: text(p.title),
    at: p.at?.toISOString() ?? null,
    sent: p.sent,
    openRatePct: pct(p.openRate),
    clickRatePct: pct(p.clickRate),
  }));
  return answer(`The last ${points.length} sent campaigns, oldest first, with the median of these ${points.length}`, {
    campaigns: rows,
    medianOpenRatePct: pct(median(points.map((p) => p.openRate))),
    medianClickRatePct: pct(median(points.map((p) => p.clickRate))),
    note: d.reportsOpensAndClicks ? null : `${d.displayName}'s API reports no opens or clicks: sent counts only.`,
  });
}

/** A newsletter file's problems as the Problems view shows them, and what its connection offers. */
async function fileProblems(app: Services, input: Input): Promise<vscode.LanguageModelToolResult> {
  const doc = await openFile(input.file);
  const r = doc && app.newsletters.resolve(doc);
  if (!doc || !r) return refuse(NOT_A_NEWSLETTER);
  const problems = vscode.languages
    .getDiagnostics(doc.uri)
    .filter((d) => d.source === 'Newsletter')
    .map((d) => ({ line: d.range.start.line + 1, severity: vscode.DiagnosticSeverity[d.severity], message: text(d.message) }));
  const facts = r.session && app.newsletters.facts.known(r.session);
  const name = vscode.workspace.asRelativePath(doc.uri);
  const what = `The problems of ${name} (as the Problems view shows them) and what its connection offers`;
  return answer(what, {
    problems,
    mergeTags: r.service ? mergeTags(r.service, facts?.customTags).map((t) => t.tag) : [],
    lists: (facts?.lists ?? []).slice(0, ROWS).map((l) => text(l.name)),
    templates: (facts?.templates ?? []).slice(0, ROWS).map((t) => text(t.name)),
  });
}

function readTools(app: Services): Record<string, Tool<Input>> {
  return {
    newsletter_connection: connectionTool(app),
    newsletter_findSubscribers: reading(app, (session, input) => findSubscribers(app, session, input)),
    newsletter_lists: reading(app, async (session) => {
      const row = (l: SubscriberList) => ({ kind: l.kind, name: text(l.name), members: l.count ?? null, active: l.active ?? null });
      const lists = (await allLists(app, session)).slice(0, ROWS).map(row);
      return answer(`The lists of ${text(session.profile.label)}`, lists);
    }),
    newsletter_campaigns: reading(app, campaigns),
    newsletter_insights: reading(app, insights),
    newsletter_fileProblems: { invoke: ({ input }) => fileProblems(app, input) },
  };
}

/** The tools by the names package.json contributes them under. */
export function createTools(app: Services): Record<string, Tool<Input>> {
  return {
    ...readTools(app),
    newsletter_createDraft: createDraftTool(app),
    newsletter_updateDraft: updateDraftTool(app),
    newsletter_schedule: scheduleTool(app),
    newsletter_addToList: addToListTool(app),
    newsletter_removeFromList: removeFromListTool(app),
    newsletter_unsubscribe: unsubscribeTool(app),
  };
}
