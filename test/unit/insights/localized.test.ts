import * as assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { countText, dateText, weekDate } from '../../../src/insights/localized';

/** A locale asked for the first time (formatters are made once per locale): `base` with a private-use tag of its own. */
const firstTime = (base: string) => `${base}-x-r${String(randomInt(1e6)).padStart(6, '0')}`;

describe("dates and counts in the reader's locale", () => {
  const day = new Date(2026, 10, 30, 12);

  it('a date in the locale and style asked for, medium by default, each kept apart', () => {
    assert.equal(dateText(day), 'Nov 30, 2026');
    assert.equal(dateText(day, 'en-US', 'short'), '11/30/26');
    assert.equal(dateText(day, 'de-DE'), '30.11.2026');
    assert.equal(dateText(day, 'de-DE', 'short'), '30.11.26');
    assert.equal(dateText(day, 'en-US'), 'Nov 30, 2026', 'a locale asked for before changed what another gets');
  });

  it('no date, or one that is not, is empty; a locale the runtime does not know is read in English', () => {
    assert.equal(dateText(undefined), '');
    assert.equal(dateText(new Date(Number.NaN)), '');
    assert.equal(dateText(day, 'not a locale!', 'short'), '11/30/26');
    assert.equal(countText(1234.5, 'not a locale!'), '1,234.5');
  });

  it('a count in the locale asked for, English by default', () => {
    assert.equal(countText(1234567), '1,234,567');
    assert.equal(countText(1234567, 'de-DE'), '1.234.567');
    assert.equal(countText(1234567, 'en-US'), '1,234,567');
  });

  it('a locale asked for the first time is made and kept, for dates and counts; an unknown one falls back to English', () => {
    for (const [base, short, medium, count] of [
      ['de-DE', '30.11.26', '30.11.2026', '1.234,5'],
      ['en-GB', '30/11/2026', '30 Nov 2026', '1,234.5'],
    ]) {
      const locale = firstTime(base);
      assert.equal(dateText(day, locale, 'short'), short, locale);
      assert.equal(dateText(day, locale, 'short'), short, `${locale}, asked again`);
      assert.equal(dateText(day, locale, 'medium'), medium, locale);
      assert.equal(countText(1234.5, locale), count, locale);
      assert.equal(countText(1234.5, locale), count, `${locale}, asked again`);
    }
    const unknown = `${firstTime('en')}!`;
    assert.equal(dateText(day, unknown, 'short'), '11/30/26');
    assert.equal(dateText(day, unknown, 'medium'), 'Nov 30, 2026');
    assert.equal(countText(1234.5, unknown), '1,234.5');
  });

  it('a week by its first day, in the local calendar, years before 100 included', () => {
    const w = weekDate('2026-11-30');
    assert.deepEqual([w.getFullYear(), w.getMonth(), w.getDate(), w.getHours()], [2026, 10, 30, 0]);
    assert.equal(weekDate('0042-01-05').getFullYear(), 42);
  });
});
