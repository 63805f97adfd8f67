/** What the health schedule looks at; all of it plain data, so the policy is tested without VS Code. */
export interface ScheduleInput {
  now: number;
  focused: boolean;
  /** The active connection has a token it may send (not missing, moved or refused). */
  canCheck: boolean;
  pollIntervalMs: number;
  /** 1 while checks succeed; doubles on each failing check up to MAX_BACKOFF. */
  backoff: number;
  /** When any response of the connection last came; ordinary traffic makes a check unnecessary. */
  lastResponseAt?: number;
  /** A check now could take the window's last request. */
  wouldSpendLast: boolean;
}

export const MAX_BACKOFF = 8;

/** After the API could not be reached: the first look again, doubling with each failure up to the poll interval's. */
export const RECOVERY_MS = 5000;

/** How long until the next tick: the poll interval (backed off), or sooner while the API is unreachable. */
export function nextDelayMs(pollIntervalMs: number, backoff: number, unreachable = false): number {
  return unreachable ? Math.min(pollIntervalMs * backoff, RECOVERY_MS * backoff) : pollIntervalMs * backoff;
}

/**
 * Whether the status bar checks on its own now: only with focus, a token to check, nothing heard for a whole
 * (backed-off) interval, and never with the window's last request.
 */
export function shouldCheck(i: ScheduleInput): boolean {
  if (!i.focused || !i.canCheck) return false;
  if (i.lastResponseAt !== undefined && i.now - i.lastResponseAt < nextDelayMs(i.pollIntervalMs, i.backoff)) return false;
  return !i.wouldSpendLast;
}

/** After a check: back to the plain interval when it went well, else twice as long (bounded). */
export function nextBackoff(backoff: number, healthy: boolean): number {
  return healthy ? 1 : Math.min(MAX_BACKOFF, backoff * 2);
}
