/**
 * Dates as the APIs send them: Sender's bodies carry `"YYYY-MM-DD HH:MM:SS"` without a zone [doc], SendPortal's
 * Laravel resources `toDateTimeString()` (the same form, the app's zone, UTC by default) [src], and some fields ISO
 * 8601. A date without a zone is read as UTC, and shown saying so.
 */
interface ApiDate {
  date: Date;
  /** The text carried no zone: read as UTC. */
  assumedUtc: boolean;
}

const PLAIN = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

export function parseApiDate(v: string | undefined | null): ApiDate | undefined {
  if (!v || typeof v !== 'string' || v.length > 40) return undefined;
  const s = v.trim();
  const m = s.match(PLAIN);
  if (m) {
    // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999 (0001 would become 1901).
    const date = new Date(0);
    date.setUTCFullYear(+m[1], +m[2] - 1, +m[3]);
    date.setUTCHours(+m[4], +m[5], +(m[6] ?? 0));
    // setUTC… rolls 2026-13-45 or 24:00 over: only a date that reads back as it was written is one.
    const same = date.toISOString().startsWith(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}`);
    return same ? { date, assumedUtc: true } : undefined;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s)) return undefined;
  const date = new Date(s);
  return Number.isNaN(date.getTime()) ? undefined : { date, assumedUtc: false };
}

/** "YYYY-MM-DD HH:MM:SS" in UTC, as Sender's schedule takes it. */
export function toApiDateTime(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}
