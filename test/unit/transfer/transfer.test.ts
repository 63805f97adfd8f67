import * as assert from 'node:assert/strict';
import type { Page, Subscriber } from '../../../src/api';
import { CsvParser, csvLine, parseCsv, sniffDelimiter, unformula } from '../../../src/transfer/csv';
import { WRITERS, exportPages } from '../../../src/transfer/exporter';
import { guessMapping, planImport, runImport } from '../../../src/transfer/importer';

const sub = (id: number, extra: Partial<Subscriber> = {}): Subscriber => ({ id: String(id), email: `p${id}@example.com`, status: 'active', tags: [], raw: {}, ...extra });

describe('CSV', () => {
  it('reads quotes, doubled quotes, line breaks in quotes, CRLF, a BOM, and any of , ; tab |', () => {
    assert.deepEqual(parseCsv('\ufeffemail,name\r\n"a@b.co","Lovelace, Ada"\r\nc@d.co,"say ""hi""\nthere"\n\n'), [
      ['email', 'name'],
      ['a@b.co', 'Lovelace, Ada'],
      ['c@d.co', 'say "hi"\nthere'],
    ]);
    for (const d of [';', '\t', '|']) {
      const text = `email${d}first name\nx@y.co${d}Ada\n`;
      assert.equal(sniffDelimiter(text), d);
      assert.deepEqual(parseCsv(text), [['email', 'first name'], ['x@y.co', 'Ada']]);
    }
  });
  it('writes what it reads back, and defuses spreadsheet formulas', () => {
    const fields = ['plain', 'with, comma', 'with "quote"', 'two\nlines', '=HYPERLINK("x")', ' padded '];
    const back = parseCsv(csvLine(fields))[0].map(unformula);
    assert.deepEqual(back, fields);
    assert.match(csvLine(['=1+1']), /^'=1\+1/);
  });
});

describe('export', () => {
  const pages = (n: number, per: number, fail?: number): ((p: number) => Promise<Page<Subscriber>>) => async (p) => {
    if (p === fail) throw new Error('boom');
    const items = Array.from({ length: Math.max(0, Math.min(per, n - (p - 1) * per)) }, (_, i) => sub((p - 1) * per + i + 1));
    return { items, page: p, perPage: per, total: n, hasMore: p * per < n };
  };

  it('hands each page on before asking for the next, and skips repeats', async () => {
    const seen: number[] = [];
    const order: string[] = [];
    // Page 2 repeats item 3 (a list that shifted between pages).
    const shifted = async (p: number) => ({ ...(await pages(6, 3)(p)), items: p === 2 ? [sub(3), sub(4), sub(5)] : (await pages(6, 3)(p)).items });
    const result = await exportPages({
      fetch: async (p) => (order.push(`fetch ${p}`), shifted(p)),
      write: async (items) => void (order.push('write'), seen.push(...items.map((x) => Number(x.id)))),
      signal: new AbortController().signal,
    });
    assert.deepEqual(order, ['fetch 1', 'write', 'fetch 2', 'write']);
    assert.deepEqual(seen, [1, 2, 3, 4, 5]);
    assert.deepEqual({ rows: result.rows, done: result.done }, { rows: 5, done: true });
  });
  it('stops at a failure with what was written and where to continue; a JSON file so far is valid', async () => {
    let file = WRITERS.json.start();
    let rows = 0;
    const result = await exportPages({
      fetch: pages(10, 3, 3),
      write: async (items) => {
        file += WRITERS.json.items(items, rows === 0);
        rows += items.length;
      },
      signal: new AbortController().signal,
    });
    file += WRITERS.json.end();
    assert.deepEqual([result.rows, result.nextPage, result.done, (result.error as Error).message], [6, 3, false, 'boom']);
    assert.equal(JSON.parse(file).length, 6);
    // Continued: the end taken back, the rest appended.
    file = file.slice(0, -WRITERS.json.end().length);
    const rest = await exportPages({ fetch: pages(10, 3), write: async (items) => void (file += WRITERS.json.items(items, false)), startPage: result.nextPage, rowsBefore: 6, signal: new AbortController().signal });
    file += WRITERS.json.end();
    assert.equal(rest.rows, 10);
    assert.deepEqual(JSON.parse(file).map((r: { id: string }) => r.id), ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  });
  it('after a whole walk that listed fewer than the total, looks up the missing and writes them too', async () => {
    const written: string[] = [];
    // Three pages of a list of 7 whose order shifted: item 4 came twice, item 7 never.
    const shifted = [[sub(1), sub(2), sub(3)], [sub(4), sub(5), sub(4)], [sub(6)]];
    const result = await exportPages({
      fetch: async (p) => ({ items: shifted[p - 1], page: p, perPage: 3, total: 7, hasMore: p < 3 }),
      write: async (items) => void written.push(...items.map((x) => x.id)),
      findMissing: async (held, missing) => {
        assert.deepEqual([held.size, missing], [6, 1]);
        return [sub(7)];
      },
      signal: new AbortController().signal,
    });
    assert.deepEqual(written, ['1', '2', '3', '4', '5', '6', '7']);
    assert.deepEqual([result.rows, result.done], [7, true]);
  });
  it('cancelled while looking up, writes what was found and says it is a partial export; continuing goes on looking from the ids held', async () => {
    const written: string[] = [];
    const shifted = [[sub(1), sub(2), sub(3)], [sub(4), sub(4), sub(5)], [sub(6)]]; // 8 in all: 7 and 8 never listed
    const stop = new AbortController();
    const result = await exportPages({
      fetch: async (p) => ({ items: shifted[p - 1], page: p, perPage: 3, total: 8, hasMore: p < 3 }),
      write: async (items) => void written.push(...items.map((x) => x.id)),
      findMissing: async () => (stop.abort(), [sub(7)]), // one found, then the person cancelled
      signal: stop.signal,
    });
    assert.deepEqual(written, ['1', '2', '3', '4', '5', '6', '7']);
    assert.deepEqual([result.rows, result.done, result.lookingUp], [7, false, true]);
    const again = await exportPages({
      fetch: async (p) => ({ items: [], page: p, perPage: 3, total: 8, hasMore: false }),
      write: async (items) => void written.push(...items.map((x) => x.id)),
      findMissing: async (held, missing) => (assert.deepEqual([held.size, missing], [7, 1]), [sub(8)]),
      held: new Set(written),
      startPage: result.nextPage,
      rowsBefore: result.rows,
      signal: new AbortController().signal,
    });
    assert.deepEqual([again.rows, again.done, written.at(-1)], [8, true, '8']);
  });
  it('estimates the time left from the pace so far', async () => {
    let t = 0;
    const etas: (number | undefined)[] = [];
    await exportPages({ fetch: async (p) => ((t += 1000), pages(9, 3)(p)), write: async () => undefined, signal: new AbortController().signal, now: () => t, onProgress: (p) => etas.push(p.etaMs) });
    assert.deepEqual(etas, [2000, 1000, 0]);
  });
  it("with the rate limit's estimate, asks it for the pages left and the median request's time", async () => {
    let t = 0;
    const asked: [number, number][] = [];
    const durations = [100, 5000, 100, 120];
    const etas: (number | undefined)[] = [];
    await exportPages({
      fetch: async (p) => ((t += durations[p - 1]), pages(12, 3)(p)),
      write: async () => undefined,
      signal: new AbortController().signal,
      now: () => t,
      eta: (requests, ms) => (asked.push([requests, ms]), requests * 1000),
      onProgress: (p) => etas.push(p.etaMs),
    });
    assert.deepEqual(asked, [[3, 100], [2, 100], [1, 100], [0, 100]], 'a wait for a new window moved the median');
    assert.deepEqual(etas, [3000, 2000, 1000, 0]);
  });

  it('counts what comes after the pages from the start (the lists read again, the look-ups as many as last time)', async () => {
    const etas: (number | undefined)[] = [];
    await exportPages({
      fetch: pages(9, 3),
      write: async () => undefined,
      signal: new AbortController().signal,
      eta: (requests) => requests * 1000,
      after: 5,
      onProgress: (p) => etas.push(p.etaMs),
    });
    assert.deepEqual(etas, [7000, 6000, 5000], 'the 5 requests after the last page left out of the time left');
  });
});

describe('import', () => {
  const header = ['E-mail', 'First Name', 'Surname', 'Tags'];
  it('guesses the columns from the header', () => {
    assert.deepEqual(guessMapping(header), { email: 0, firstName: 1, lastName: 2, phone: undefined, lists: 3 });
    assert.equal(guessMapping(['name', 'city']), undefined);
  });
  it('plans before writing: new, to update, invalid with why, repeated rows', () => {
    const rows = [
      ['a@x.co', 'Ada', 'L', 'Beta'],
      ['bad-address', 'B', '', ''],
      ['A@X.CO', 'Again', '', ''],
      ['old@x.co', 'Old', '', ''],
      ['', 'Nobody', '', ''],
      ['c@x.co', 'C', '', 'Nope'],
    ];
    const plan = planImport(rows, guessMapping(header)!, (e) => e === 'old@x.co', new Map([['beta', 't2']]));
    assert.deepEqual(plan.writes.map((w) => [w.line, w.input.email, w.exists, w.input.lists]), [
      [2, 'a@x.co', false, ['t2']],
      [5, 'old@x.co', true, []],
    ]);
    assert.deepEqual(plan.invalid.map((r) => [r.line, r.reason]), [[3, 'not an email address'], [6, 'no email address'], [7, 'no group or tag named "Nope"']]);
    assert.deepEqual(plan.duplicates, [{ line: 4, email: 'A@X.CO', firstLine: 2 }]);
    assert.deepEqual([plan.added, plan.updated], [1, 1]);
  });
  it("matches addresses as each service does: SendPortal exactly (another letter case is another person), Sender in any case", () => {
    const rows = [['u76.garcia@x.co'], ['U76.GARCIA@x.co'], ['Old@X.co']];
    const known = new Set(['Old@X.co'.toLowerCase()]);
    const exact = planImport(rows, { email: 0 }, (e) => e === 'Old@X.co', new Map(), 1, (e) => e);
    assert.deepEqual(exact.writes.map((w) => [w.input.email, w.exists]), [['u76.garcia@x.co', false], ['U76.GARCIA@x.co', false], ['Old@X.co', true]]);
    assert.deepEqual(exact.duplicates, []);
    const anyCase = planImport(rows, { email: 0 }, (e) => known.has(e), new Map(), 1, (e) => e.toLowerCase());
    assert.deepEqual(anyCase.writes.map((w) => [w.input.email, w.exists]), [['u76.garcia@x.co', false], ['Old@X.co', true]]);
    assert.deepEqual(anyCase.duplicates.map((d) => [d.line, d.firstLine]), [[3, 2]]);
  });
  it('writes one by one, reports refusals and goes on, stops at a fatal error keeping its place', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => [`p${i}@x.co`]);
    const plan = planImport(rows, { email: 0 }, (e) => e === 'p1@x.co', new Map());
    const sent: string[] = [];
    const out = await runImport({
      plan,
      write: async (row) => {
        sent.push(row.input.email);
        if (row.input.email === 'p2@x.co') throw new Error('refused');
        if (row.input.email === 'p3@x.co') throw new Error('fatal');
        return {};
      },
      isFatal: (e) => (e as Error).message === 'fatal',
      reason: (e) => (e as Error).message,
      signal: new AbortController().signal,
    });
    assert.deepEqual(sent, ['p0@x.co', 'p1@x.co', 'p2@x.co', 'p3@x.co']);
    assert.deepEqual([out.added, out.updated, out.done, out.failed], [1, 1, 3, [{ line: 4, email: 'p2@x.co', reason: 'refused' }]]);
    const rest = await runImport({ plan, startAt: out.done, write: async (row) => (sent.push(row.input.email), { created: true }), isFatal: () => false, reason: String, signal: new AbortController().signal });
    assert.deepEqual(sent.slice(4), ['p3@x.co', 'p4@x.co'], 'rows done before were sent again');
    assert.equal(rest.added, 2);
  });
});

describe('CSV read a chunk at a time', () => {
  const text = '\ufeffemail;first;note\r\n"a@x.io";"Ada";"says ""hi""; twice"\r\nb@x.io;Bo;"two\r\nlines"\n\nc@x.io;Cy;last without a line break';
  const whole = parseCsv(text);

  it('gives the same rows however the text is cut, the last row kept without a final line break', () => {
    assert.deepEqual(whole, [
      ['email', 'first', 'note'],
      ['a@x.io', 'Ada', 'says "hi"; twice'],
      ['b@x.io', 'Bo', 'two\r\nlines'],
      ['c@x.io', 'Cy', 'last without a line break'],
    ]);
    for (let seed = 1; seed <= 200; seed++) {
      const parser = new CsvParser(';');
      const rows: string[][] = [];
      let at = 0;
      let r = seed;
      while (at < text.length) {
        r = (r * 1103515245 + 12345) % 2 ** 31;
        const next = Math.min(text.length, at + 1 + (r % 7));
        rows.push(...parser.push(text.slice(at, next)));
        at = next;
      }
      rows.push(...parser.end());
      assert.deepEqual(rows, whole, `cut by seed ${seed}`);
    }
  });

  it('a one-column file of addresses plans every row; a file without a final line break loses no row', () => {
    const rows = parseCsv('email\na@x.io\nb@x.io');
    const plan = planImport(rows.slice(1), guessMapping(rows[0])!, () => false, new Map(), 1);
    assert.deepEqual(plan.writes.map((w) => w.input.email), ['a@x.io', 'b@x.io']);
  });
});
