import * as vscode from 'vscode';
import { type Health, PROVIDERS, type ProviderKind, isApiError } from '../api';
import { type ConnectionProfile, describeProfile } from '../connections/profile';
import { type Services, showError } from '../app/services';

export interface AddConnectionArgs {
  provider: ProviderKind;
  label?: string;
  baseUrl?: string;
  tokenInQuery?: boolean;
}

function urlProblem(provider: ProviderKind, value: string): string | undefined {
  try {
    PROVIDERS[provider].apiBase(value);
    return undefined;
  } catch (e) {
    return isApiError(e) ? e.message : String(e);
  }
}

/** "Sender", "SendPortal · newsletter.example.com": the service, and the host unless it is the hosted default. */
function defaultLabel(provider: ProviderKind, baseUrl: string | undefined): string {
  const d = PROVIDERS[provider];
  if (!baseUrl || baseUrl === d.defaultBaseUrl) return d.displayName;
  try {
    return `${d.displayName} · ${new URL(baseUrl).host}`;
  } catch {
    return d.displayName;
  }
}

/** A name no other connection has: "Sender", then "Sender (2)"; `except` is the connection being renamed. */
function uniqueLabel(app: Services, label: string, except?: string): string {
  const taken = new Set(app.connections.profiles.filter((p) => p.id !== except).map((p) => p.label));
  let name = label;
  for (let n = 2; taken.has(name); n++) name = `${label} (${n})`;
  return name;
}

/** Saves a new connection (user settings), makes it active, and asks for its token — for this connection, by id. */
export async function addConnection(app: Services, args?: AddConnectionArgs): Promise<ConnectionProfile | undefined> {
  if (args) {
    const problem =
      args.baseUrl !== undefined || !PROVIDERS[args.provider].defaultBaseUrl ? urlProblem(args.provider, args.baseUrl ?? '') : undefined;
    if (problem) throw new Error(problem);
    return app.connections.add({ ...args, label: uniqueLabel(app, args.label ?? defaultLabel(args.provider, args.baseUrl)) });
  }
  const title = vscode.l10n.t('Add Newsletter Connection');
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'Sender', description: vscode.l10n.t('sender.net, hosted API v2'), provider: 'sender' as const },
      { label: 'SendPortal', description: vscode.l10n.t('self-hosted, API v1'), provider: 'sendportal' as const },
    ],
    { title, placeHolder: vscode.l10n.t('Which service?') },
  );
  if (!pick) return undefined;
  const descriptor = PROVIDERS[pick.provider];
  const baseUrl = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t(descriptor.urlPrompt),
    value: descriptor.defaultBaseUrl ?? 'https://',
    ignoreFocusOut: true,
    validateInput: (v) => urlProblem(pick.provider, v),
  });
  if (baseUrl === undefined) return undefined;
  const isDefault = baseUrl.trim() === descriptor.defaultBaseUrl;
  const label = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('A name for this connection'),
    value: uniqueLabel(app, defaultLabel(pick.provider, isDefault ? undefined : baseUrl.trim())),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a name.')),
  });
  if (label === undefined) return undefined;
  const created = await app.connections.add({
    provider: pick.provider,
    label: label.trim(),
    baseUrl: isDefault ? undefined : baseUrl.trim(),
  });
  vscode.window.setStatusBarMessage(vscode.l10n.t('{0} is now the active connection.', created.label), 5000);
  await vscode.commands.executeCommand('newsletter.setToken', { connectionId: created.id });
  return created;
}

async function pickConnection(app: Services, title: string): Promise<ConnectionProfile | undefined> {
  const list = app.connections.profiles;
  if (!list.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no connection yet.'));
    return undefined;
  }
  const active = app.connections.active?.profile;
  const items = list.map((p) => {
    const session = app.connections.session(p.id);
    const tokenState = session?.tokenState ?? 'missing';
    return {
      label: p.label,
      description: [
        PROVIDERS[p.provider].displayName,
        session?.host ?? '?',
        ...(p.id === active?.id ? [vscode.l10n.t('active')] : []),
      ].join(' · '),
      detail:
        tokenState === 'missing'
          ? `$(warning) ${vscode.l10n.t('no token')}`
          : tokenState === 'moved'
            ? `$(shield) ${vscode.l10n.t('token saved for another server')}`
            : `$(key) ${vscode.l10n.t('token saved')}`,
      profile: p,
    };
  });
  return (await vscode.window.showQuickPick(items, { title }))?.profile;
}

async function findOrPick(app: Services, id: string | undefined, title: string): Promise<ConnectionProfile | undefined> {
  return typeof id === 'string' ? app.connections.profiles.find((p) => p.id === id) : pickConnection(app, title);
}

export async function switchConnection(app: Services, id?: string): Promise<void> {
  const profile = await findOrPick(app, id, vscode.l10n.t('Switch Newsletter Connection'));
  if (profile) await app.connections.setActive(profile.id);
}

export async function renameConnection(app: Services): Promise<void> {
  const profile = await pickConnection(app, vscode.l10n.t('Rename Newsletter Connection'));
  if (!profile) return;
  const label = await vscode.window.showInputBox({
    value: profile.label,
    prompt: vscode.l10n.t('New name'),
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a name.')),
  });
  if (label) await app.connections.update(profile.id, { label: label.trim() });
}

export type EditField = 'label' | 'baseUrl' | 'tokenInQuery';

/**
 * Edits a connection's name, URL or token mode (`field` goes straight to one); answers whether it changed. A new URL
 * or mode means the saved token is not sent there until it is set again for the new host (the views say so), since
 * the token is bound to where it was saved for.
 */
export async function editConnection(app: Services, id?: string, field?: EditField, given?: string): Promise<boolean> {
  const profile = await findOrPick(app, id, vscode.l10n.t('Edit Newsletter Connection'));
  if (!profile) return false;
  const d = PROVIDERS[profile.provider];
  const fields = [
    { label: vscode.l10n.t('Name'), description: profile.label, field: 'label' as const },
    { label: vscode.l10n.t('URL'), description: profile.baseUrl ?? d.defaultBaseUrl ?? '', field: 'baseUrl' as const },
    ...(d.defaultBaseUrl
      ? []
      : [
          {
            label: vscode.l10n.t('Token mode'),
            description: profile.tokenInQuery ? vscode.l10n.t('api_token in the URL') : vscode.l10n.t('Authorization header'),
            field: 'tokenInQuery' as const,
          },
        ]),
  ];
  const pick =
    fields.find((f) => f.field === field) ??
    (await vscode.window.showQuickPick(fields, { title: vscode.l10n.t('Edit {0}', profile.label) }));
  if (!pick) return false;
  if (pick.field === 'tokenInQuery') {
    const modes = [
      { label: vscode.l10n.t('Authorization header'), description: vscode.l10n.t('recommended'), inQuery: false },
      { label: vscode.l10n.t('api_token in the URL'), description: vscode.l10n.t('URLs end up in server logs'), inQuery: true },
    ];
    const mode = await vscode.window.showQuickPick(modes, { title: vscode.l10n.t('How the token is sent') });
    if (!mode || mode.inQuery === !!profile.tokenInQuery) return false;
    await app.connections.update(profile.id, { tokenInQuery: mode.inQuery });
    return true;
  }
  if (given !== undefined && pick.field === 'baseUrl' && urlProblem(profile.provider, given)) return false;
  const value =
    given ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Edit {0}', profile.label),
      prompt: pick.field === 'label' ? vscode.l10n.t('New name') : d.urlPrompt,
      value: pick.description,
      ignoreFocusOut: true,
      validateInput: (v) =>
        pick.field === 'label' ? (v.trim() ? undefined : vscode.l10n.t('Enter a name.')) : urlProblem(profile.provider, v),
    }));
  const v = value?.trim();
  if (v === undefined || v === pick.description) return false;
  const baseUrl = v === d.defaultBaseUrl ? undefined : v;
  await app.connections.update(
    profile.id,
    pick.field === 'label' ? { label: v } : { baseUrl, label: followedLabel(app, profile, baseUrl) },
  );
  return true;
}

/** A name made from the old URL follows the new one ("SendPortal · host:8080"); a name the person chose stays. */
function followedLabel(app: Services, profile: ConnectionProfile, baseUrl: string | undefined): string {
  const made = defaultLabel(profile.provider, profile.baseUrl);
  if (profile.label !== made && !profile.label.startsWith(`${made} (`)) return profile.label;
  return uniqueLabel(app, defaultLabel(profile.provider, baseUrl), profile.id);
}

export async function removeConnection(app: Services, id?: string): Promise<void> {
  const profile = await findOrPick(app, id, vscode.l10n.t('Remove Newsletter Connection'));
  if (!profile) return;
  const question = vscode.l10n.t('Remove {0} and delete its API token?', describeProfile(profile));
  if (!(await app.ui.confirm(question, undefined, vscode.l10n.t('Remove')))) return;
  await app.connections.remove(profile.id);
}

/** Checks now and says what came of it, in words, whatever it was. */
export async function checkHealth(app: Services): Promise<Health | undefined> {
  const session = app.connections.active;
  if (!session) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no connection yet.'));
    return undefined;
  }
  let health: Health | undefined;
  try {
    health = await app.health.checkNow();
  } catch (e) {
    showError(e);
    return undefined;
  }
  if (!health) return undefined;
  const name = session.descriptor.displayName;
  if (health.error) showError(health.error);
  else {
    const rl = health.rateLimit;
    const cost = rl.cost ?? 1;
    const left =
      rl.remaining !== undefined && rl.limit !== undefined
        ? vscode.l10n.t(' · {0} of {1} requests left', Math.floor(rl.remaining / cost), Math.floor(rl.limit / cost))
        : '';
    const token = health.authenticated ? '' : vscode.l10n.t(' (no token checked)');
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} answered in {1} ms{2}{3}', name, health.latencyMs ?? '?', left, token));
  }
  return health;
}

export async function statusMenu(app: Services): Promise<void> {
  const items = [
    { label: `$(sync) ${vscode.l10n.t('Check Now')}`, command: 'newsletter.checkHealth' },
    { label: `$(arrow-swap) ${vscode.l10n.t('Switch Connection…')}`, command: 'newsletter.switchConnection' },
    { label: `$(key) ${vscode.l10n.t('Set API Token…')}`, command: 'newsletter.setToken' },
    { label: `$(output) ${vscode.l10n.t('Show Log')}`, command: 'newsletter.showLog' },
  ];
  const add = { label: `$(add) ${vscode.l10n.t('Add Connection…')}`, command: 'newsletter.addConnection' };
  if (!app.connections.active) items.unshift(add);
  const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Newsletter') });
  if (pick) await vscode.commands.executeCommand(pick.command);
}
