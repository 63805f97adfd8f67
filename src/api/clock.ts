/**
 * The one place product code reads the time of day for what a person sees or schedules (relative dates, schedule
 * defaults, `send_at` checks). Tests pin it to fixed instants — late evening, just past midnight, across a DST
 * change — so that nothing they assert depends on when or where they run.
 */
let source: () => number = () => Date.now();

export const clock = {
  now: (): number => source(),
  date: (): Date => new Date(source()),
};

/** Pins the clock (tests); without an argument it follows the system again. */
export function setClock(now?: () => number): void {
  source = now ?? (() => Date.now());
}
