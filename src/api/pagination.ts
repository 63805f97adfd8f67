import { InvalidResponseError } from './errors';
import type { Page } from './model';

/** A number from a field that may be a number, a numeric string, null or missing. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Builds a Page from a Laravel-style list body, trusting nothing: `meta` may be missing or not an object,
 * numbers may be strings, a page past the end is empty. Items go through `map`, which throws on a bad item.
 */
export function toPage<T>(body: unknown, requestedPage: number, perPage: number, map: (item: Record<string, unknown>) => T): Page<T> {
  if (!isRecord(body) || !Array.isArray(body.data)) {
    throw new InvalidResponseError('the list has no "data" array');
  }
  const items = body.data.map((item, i) => {
    if (!isRecord(item)) throw new InvalidResponseError(`item ${i + 1} of the list is not an object`);
    return map(item);
  });
  const meta = isRecord(body.meta) ? body.meta : {};
  const page = num(meta.current_page) ?? requestedPage;
  const size = num(meta.per_page) ?? perPage;
  const lastPage = num(meta.last_page);
  const total = num(meta.total);
  const hasMoreFlag = typeof body.has_more_resources === 'boolean' ? body.has_more_resources : undefined;
  let hasMore: boolean;
  if (items.length === 0) hasMore = false;
  else if (lastPage !== undefined) hasMore = page < lastPage;
  else if (hasMoreFlag !== undefined) hasMore = hasMoreFlag;
  else if (total !== undefined) hasMore = page * size < total;
  else hasMore = items.length >= size;
  return { items, page, lastPage, total, perPage: size, hasMore };
}

/** Single-item bodies come as `{data: {...}}` or, from some endpoints, bare. */
export function single(body: unknown): Record<string, unknown> {
  const inner = isRecord(body) && isRecord(body.data) ? body.data : body;
  if (!isRecord(inner)) throw new InvalidResponseError('the item is not an object');
  return inner;
}
