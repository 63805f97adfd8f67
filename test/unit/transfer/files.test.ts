/** Files of our own, CSV at its edges, and the header of a file to import: on real files in a temporary folder. */
import * as assert from 'node:assert/strict';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvParser, csvField, parseCsv, sniffDelimiter } from '../../../src/transfer/csv';
import { readCsvHeader, streamCsv } from '../../../src/transfer/csvFile';
import { writeImportReport } from '../../../src/transfer/importReport';
import { createFree, createOwn, markOf, notOurs, reopenOwn } from '../../../src/transfer/ownFile';

const dir = mkdtempSync(join(tmpdir(), 'newsletter-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const path = (name = 'f.csv') => join(dir, `${++n}-${name}`);

describe('files of our own', () => {
  it('tells a missing file, a link, a folder, our file, and a file changed since (size, or content at the same size and time)', async () => {
    const f = path();
    assert.equal(await notOurs(f), 'missing');
    writeFileSync(f, 'abc');
    utimesSync(f, 1_700_000_000, 1_700_000_000); // whole seconds: a time the file system keeps exactly
    assert.equal(await notOurs(f), undefined);
    const mark = await markOf(f);
    assert.deepEqual([mark.size, mark.sha256.length], [3, 64]);
    assert.equal(await notOurs(f, mark), undefined);
    writeFileSync(f, 'abcd');
    assert.equal(await notOurs(f, mark), 'changed');
    writeFileSync(f, 'xyz');
    utimesSync(f, mark.mtimeMs / 1000, mark.mtimeMs / 1000);
    assert.equal(lstatSync(f).mtimeMs, mark.mtimeMs);
    assert.equal(await notOurs(f, mark), 'changed', 'same size and time, other content');
    const link = path();
    symlinkSync(f, link);
    assert.equal(await notOurs(link), 'link');
    const folder = path('folder');
    mkdirSync(folder);
    assert.equal(await notOurs(folder), 'notFile');
  });

  it('creates a new file, replaces one only when told, and never writes through a link or into a folder', async () => {
    const f = path();
    const h = await createOwn(f, false);
    await h.writeFile('one');
    await h.close();
    await assert.rejects(createOwn(f, false), (e: { code?: string }) => e.code === 'EEXIST');
    const again = await createOwn(f, true);
    await again.writeFile('two');
    await again.close();
    assert.equal(readFileSync(f, 'utf8'), 'two');
    const target = path('target');
    writeFileSync(target, 'precious');
    const link = path();
    symlinkSync(target, link);
    await assert.rejects(createOwn(link, true), /is a link: not written/);
    await assert.rejects(reopenOwn(link));
    const folder = path('folder');
    mkdirSync(folder);
    await assert.rejects(createOwn(folder, true), /is not a file: not written/);
    assert.equal(readFileSync(target, 'utf8'), 'precious');
    const mine = await reopenOwn(f);
    assert.equal((await mine.stat()).size, 3);
    await mine.close();
  });

  it('takes the first free name beside a taken one, with or without an extension', async () => {
    const report = path('people.report.csv');
    writeFileSync(report, 'theirs');
    writeFileSync(report.replace(/\.csv$/, '-2.csv'), 'theirs too');
    const made = await createFree(report);
    await made.handle.close();
    assert.equal(made.path, report.replace(/\.csv$/, '-3.csv'));
    const bare = path('notes');
    writeFileSync(bare, 'x');
    const other = await createFree(bare);
    await other.handle.close();
    assert.equal(other.path, `${bare}-2`);
    const fresh = path('new.csv');
    const first = await createFree(fresh);
    await first.handle.close();
    assert.equal(first.path, fresh);
  });
});

describe('CSV at its edges', () => {
  it('guesses the delimiter from the first line only, outside quotes, comma on a tie', () => {
    assert.equal(sniffDelimiter('"a;b;c",x,y\n1;2;3;4;5'), ',');
    assert.equal(sniffDelimiter('a;b,c'), ',');
    assert.equal(sniffDelimiter('a\tb\tc'), '\t');
    assert.equal(sniffDelimiter('a|b|c,d'), '|');
    assert.equal(sniffDelimiter('email'), ',');
    assert.equal(sniffDelimiter(`${'x'.repeat(5000)};a;b`), ',', 'only the first 4 KB are read');
  });

  it('ends rows at CRLF, LF or a lone CR; skips blank lines but keeps a row of empty fields', () => {
    assert.deepEqual(parseCsv('a\r\nb\nc\rd', ','), [['a'], ['b'], ['c'], ['d']]);
    assert.deepEqual(parseCsv('a\n\n\nb\n', ','), [['a'], ['b']]);
    assert.deepEqual(parseCsv(',\n', ','), [['', '']]);
    assert.deepEqual(parseCsv('"",x', ','), [['', 'x']]);
  });

  it('closes a quoted field at the very end, and keeps a quote inside an unquoted one', () => {
    assert.deepEqual(parseCsv('a,"b"', ','), [['a', 'b']]);
    assert.deepEqual(parseCsv('a,b"', ','), [['a', 'b"']]);
    assert.deepEqual(parseCsv('a,b"c', ','), [['a', 'b"c']]);
    assert.deepEqual(parseCsv('"a ""quoted"" word"', ','), [['a "quoted" word']]);
    const p = new CsvParser(',');
    assert.deepEqual([...p.push('x,"ab'), ...p.push('"'), ...p.end()], [['x', 'ab']]);
    const q = new CsvParser(',');
    assert.deepEqual([...q.push('x,"a"'), ...q.push('"b"\r'), ...q.push('\ny'), ...q.end()], [['x', 'a"b'], ['y']]);
  });

  it('drops a byte-order mark only at the very start, even after an empty chunk', () => {
    const p = new CsvParser(',');
    assert.deepEqual([...p.push(''), ...p.push('\ufeffa,b\n'), ...p.push('\ufeffc,d'), ...p.end()], [['a', 'b'], ['\ufeffc', 'd']]);
  });

  it('quotes a field that needs it, and defuses a formula', () => {
    assert.equal(csvField(undefined), '');
    assert.equal(csvField(null), '');
    assert.equal(csvField(0), '0');
    assert.equal(csvField('plain words'), 'plain words');
    assert.equal(csvField(' lead'), '" lead"');
    assert.equal(csvField('trail '), '"trail "');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    for (const f of ['=1+1', '+1', '-1', '@SUM(A1)']) assert.equal(csvField(f), `'${f}`);
    assert.equal(csvField('\tx'), '"\'\tx"');
    assert.equal(csvField('a-b'), 'a-b', 'a dash inside is no formula');
  });
});

describe('the header of a file to import', () => {
  it('reads the first row and the delimiter, with or without a line break after it; none from an empty file', async () => {
    const f = path();
    writeFileSync(f, 'email;name\na@x.io;A\n');
    assert.deepEqual(await readCsvHeader(f), { header: ['email', 'name'], delimiter: ';' });
    const g = path();
    writeFileSync(g, 'email');
    assert.deepEqual(await readCsvHeader(g), { header: ['email'], delimiter: ',' });
    const e = path();
    writeFileSync(e, '');
    assert.deepEqual(await readCsvHeader(e), { header: [], delimiter: ',' });
    assert.deepEqual(await streamCsv(e), { header: [], delimiter: ',', rows: 0 });
    assert.deepEqual(await streamCsv(f), { header: ['email', 'name'], delimiter: ';', rows: 1 });
  });
});

describe("an import's report", () => {
  const plan = (o: { invalid?: number[]; duplicates?: number[] }) => ({
    writes: [],
    invalid: (o.invalid ?? []).map((line) => ({ line, email: `bad${line}`, reason: 'not an address' })),
    duplicates: (o.duplicates ?? []).map((line) => ({ line, email: `twice${line}@example.com`, firstLine: 2 })),
    added: 0,
    updated: 0,
  });
  const outcome = (failed: number[]) => ({
    added: 0,
    updated: 0,
    done: 0,
    failed: failed.map((line) => ({ line, email: `refused${line}@example.com`, reason: 'The server refused it, "quoted"' })),
  });

  it('lists every row not written by its line, with why, beside the file and never over one there', async () => {
    const file = path('people.csv');
    const theirs = file.replace(/\.csv$/, '.report.csv');
    writeFileSync(theirs, 'theirs');
    const written = await writeImportReport(file, plan({ invalid: [7], duplicates: [3] }), outcome([5, 2]));
    assert.equal(written, file.replace(/\.csv$/, '.report-2.csv'));
    assert.equal(readFileSync(theirs, 'utf8'), 'theirs');
    assert.deepEqual(readFileSync(written!, 'utf8').split('\n'), [
      'line,email,reason',
      '2,refused2@example.com,"The server refused it, ""quoted"""',
      '3,twice3@example.com,repeats line 2',
      '5,refused5@example.com,"The server refused it, ""quoted"""',
      '7,bad7,invalid: not an address',
      '',
    ]);
  });

  it('writes nothing when every row was written', async () => {
    const file = path('all.csv');
    assert.equal(await writeImportReport(file, plan({}), outcome([])), undefined);
    assert.throws(() => lstatSync(file.replace(/\.csv$/, '.report.csv')), /ENOENT/);
  });
});
