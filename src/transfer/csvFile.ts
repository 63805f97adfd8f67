/**
 * A CSV file read as a stream, a chunk at a time: the extension host parses at most CHUNK_BYTES between two turns of
 * its event loop, holds the rows planned so far rather than the text, stops on a signal between chunks, and refuses
 * a file too large to import before reading it.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { CsvParser, CsvTooLarge, sniffDelimiter } from './csv';

/** 64 KB: parsed in a few milliseconds, so a person typing meanwhile never waits on it. */
export const CHUNK_BYTES = 64 * 1024;

/**
 * The largest import: each row is one request, so 200,000 rows already take more than two days at 60 requests a
 * minute; and a planned row is held in memory until it is written. 50 MB holds that many rows of ordinary width.
 */
export const IMPORT_LIMITS = { bytes: 50 * 1024 * 1024, rows: 200_000 };

/** Why a file cannot be imported, in words. */
export class ImportRefused extends Error {}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** Refuses a file over the size limit before anything is read. */
export async function checkImportSize(path: string, limits = IMPORT_LIMITS): Promise<number> {
  const { size } = await stat(path);
  if (size > limits.bytes) {
    throw new ImportRefused(
      `The file is ${mb(size)}: an import takes files of up to ${mb(limits.bytes)} and ` +
        `${limits.rows.toLocaleString('en-US')} rows, one request each. Split it into smaller files.`,
    );
  }
  return size;
}

interface StreamOptions {
  signal?: AbortSignal;
  limits?: typeof IMPORT_LIMITS;
  /** Each chunk's text as read (a hash of the file). */
  onText?(text: string): void;
  /** The rows completed by a chunk (the header row is not among them), and the bytes read so far. */
  onRows?(rows: string[][], bytesRead: number): void;
}

/** A field past the parser's cap refuses the import in words (ImportRefused), like a file past the size limit. */
function refuseHuge<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw e instanceof CsvTooLarge ? new ImportRefused(e.message) : e;
  }
}

/**
 * Streams a CSV file: answers its header row and delimiter, and hands every other row to `onRows` a chunk at a time.
 * Rejects with an AbortError when the signal fires, and ImportRefused past the row limit.
 */
export async function streamCsv(path: string, opts: StreamOptions = {}): Promise<{ header: string[]; delimiter: string; rows: number }> {
  const limits = opts.limits ?? IMPORT_LIMITS;
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
  let parser: CsvParser | undefined;
  let header: string[] | undefined;
  let rows = 0;
  const take = (found: string[][]) => {
    if (!header && found.length) header = found.shift();
    rows += found.length;
    if (rows > limits.rows)
      throw new ImportRefused(
        `The file has more than ${limits.rows.toLocaleString('en-US')} rows: an import takes up to that many, ` +
          `one request each. Split it into smaller files.`,
      );
    if (found.length) opts.onRows?.(found, stream.bytesRead);
  };
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      opts.signal?.throwIfAborted();
      opts.onText?.(chunk);
      parser ??= new CsvParser(sniffDelimiter(chunk));
      const p = parser;
      take(refuseHuge(() => p.push(chunk)));
    }
    if (parser) take(parser.end());
  } finally {
    stream.destroy();
  }
  return { header: header ?? [], delimiter: parser?.delimiter ?? ',', rows };
}

/** Only the header row and the delimiter, from the first 256 KB of the file. */
export async function readCsvHeader(path: string): Promise<{ header: string[]; delimiter: string }> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4 * CHUNK_BYTES);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8');
    const parser = new CsvParser(sniffDelimiter(text));
    const rows = refuseHuge(() => parser.push(text));
    if (bytesRead < buf.length) rows.push(...parser.end());
    return { header: rows[0] ?? [], delimiter: parser.delimiter };
  } finally {
    await handle.close();
  }
}
