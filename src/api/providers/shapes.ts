import { InvalidResponseError } from '../errors';
import type { Page } from '../model';

/** A number from a field that may be a number, a numeric string, null or missing. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d{1,15}(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

/** A count: a whole number from 0 to a billion, or undefined. */
function count(v: unknown, min = 0): number | undefined {
  const n = num(v);
  return n !== undefined && Number.isInteger(n) && n >= min && n <= 1e9 ? n : undefined;
}

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/**
 * An id the server chose, fit to go into a URL path, a file or front matter: letters, digits, `_` and `-`, at most 64
 * (what both services' ids are: numbers, short hashes). Anything else — `..`, a line feed, a slash — is no id.
 */
export function idOf(v: unknown): string | undefined {
  const s = str(v);
  return s !== undefined && /^[A-Za-z0-9_-]{1,64}$/.test(s) ? s : undefined;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A page may hold a few more items than asked for (servers round); far more is a hostile or broken answer. */
const PAGE_MARGIN = 5;

/**
 * Builds a Page from a Laravel-style list body, trusting nothing. The client drives page numbers: the page is the
 * one asked for, and a `current_page` that says otherwise makes the answer invalid (a server that ignores `page`
 * would otherwise be walked forever). A page with far more items than asked for is invalid. An item that `map`
 * cannot read is skipped and counted, never a failed page. Counts that make no sense (negative, NaN, 1e12) are
 * ignored.
 */
export function toPage<T>(body: unknown, requestedPage: number, perPage: number, map: (item: Record<string, unknown>) => T): Page<T> {
  if (!isRecord(body) || !Array.isArray(body.data)) throw new InvalidResponseError('the list has no "data" array');
  if (body.data.length > perPage + PAGE_MARGIN) {
    throw new InvalidResponseError(`a page held ${body.data.length} items when ${perPage} were asked for`);
  }
  const meta = isRecord(body.meta) ? body.meta : {};
  const current = num(meta.current_page);
  if (current !== undefined && current !== requestedPage) {
    throw new InvalidResponseError(`the server answered page ${current} when page ${requestedPage} was asked for`);
  }
  const items: T[] = [];
  let skipped: Page<T>['skipped'];
  body.data.forEach((item, i) => {
    try {
      if (!isRecord(item)) throw new InvalidResponseError(`item ${i + 1} of the page is not an object`);
      items.push(map(item));
    } catch (e) {
      const reason = e instanceof InvalidResponseError ? e.detail : String(e);
      skipped = { count: (skipped?.count ?? 0) + 1, reason };
    }
  });
  const size = count(meta.per_page, 1) ?? perPage;
  const lastPage = count(meta.last_page, 1);
  const total = count(meta.total);
  const hasMoreFlag = typeof body.has_more_resources === 'boolean' ? body.has_more_resources : undefined;
  const received = body.data.length;
  let hasMore: boolean;
  if (received === 0) hasMore = false;
  else if (lastPage !== undefined) hasMore = requestedPage < lastPage;
  else if (hasMoreFlag !== undefined) hasMore = hasMoreFlag;
  else if (total !== undefined) hasMore = requestedPage * size < total;
  else hasMore = received >= size;
  return { items, page: requestedPage, lastPage, total, perPage: size, hasMore, skipped };
}

/** Single-item bodies come as `{data: {...}}` or, from some endpoints, bare. */
export function single(body: unknown): Record<string, unknown> {
  const inner = isRecord(body) && isRecord(body.data) ? body.data : body;
  if (!isRecord(inner)) throw new InvalidResponseError('the item is not an object');
  return inner;
}

/** The most pages one filtered call reads looking for a match. */
const SCAN_PAGES = 5;

/**
 * A list the API cannot filter, filtered here page by page and marked so. Pages without a match are skipped (at most
 * SCAN_PAGES per call) so that "Load more" rarely shows nothing; the returned `page` is the last one read.
 */
export async function filterPages<T>(
  fetch: (page: number) => Promise<Page<T>>,
  page: number,
  keep: (item: T) => boolean,
): Promise<Page<T>> {
  for (let scanned = 1; ; scanned++, page++) {
    const result = await fetch(page);
    const items = result.items.filter(keep);
    if (items.length || !result.hasMore || scanned >= SCAN_PAGES) return { ...result, items, filteredClientSide: true };
  }
}

/** One page of a list the API sends whole (SendPortal's tag members): pages cut here, `total` known. */
export function pageOf<T>(all: readonly T[], page: number, perPage: number): Page<T> {
  const items = all.slice((page - 1) * perPage, page * perPage);
  return {
    items,
    page,
    perPage,
    total: all.length,
    lastPage: Math.max(1, Math.ceil(all.length / perPage)),
    hasMore: page * perPage < all.length,
  };
}
