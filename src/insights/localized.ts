/** Dates and counts as the person reads them: in their locale, formatters made once per locale. */
/** Dates in the person's locale with their year: short under the axis, medium in tooltips and tables. */
const formats = new Map<string, Intl.DateTimeFormat>();
export function dateText(d: Date | undefined, locale = 'en-US', style: 'short' | 'medium' = 'medium'): string {
  if (!d || Number.isNaN(d.getTime())) return '';
  const key = `${locale} ${style}`;
  let f = formats.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { dateStyle: style });
    } catch {
      f = new Intl.DateTimeFormat('en-US', { dateStyle: style }); // a locale the runtime does not know
    }
    formats.set(key, f);
  }
  return f.format(d);
}
/** A count in the person's locale ("1.234" in German). */
const numbers = new Map<string, Intl.NumberFormat>();
export function countText(n: number, locale = 'en-US'): string {
  let f = numbers.get(locale);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale);
    } catch {
      f = new Intl.NumberFormat('en-US');
    }
    numbers.set(locale, f);
  }
  return f.format(n);
}
/** A week's first day ("2026-11-30", local) as a date. */
export const weekDate = (week: string) => {
  const [y, m, d] = week.split('-').map(Number);
  const at = new Date(2000, m - 1, d);
  at.setFullYear(y);
  return at;
};
