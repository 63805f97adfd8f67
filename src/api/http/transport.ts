import { CancelledError, InvalidResponseError, NetworkError, TimeoutError } from '../errors';

/** node-fetch, loaded with the first request (a person who only opens a Markdown file never loads it). */
let loaded: Promise<typeof import('node-fetch').default> | undefined;
const nodeFetch = () => (loaded ??= import('node-fetch').then((m) => m.default));

/** A response as it came: status, headers and the body as text. */
export interface RawResponse {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
}

interface Attempt {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** The largest body we read: a page of the largest size either API serves is well under 1 MB. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * One HTTP attempt: fetch with a timeout, cancellation, redirects refused and a body cap. No agent of our own:
 * Node's global agents keep connections alive, and VS Code's proxy support (`http.proxy`) applies to them.
 * Throws TimeoutError, CancelledError, NetworkError (message redacted by the caller) or InvalidResponseError.
 */
export async function send(attempt: Attempt): Promise<RawResponse> {
  if (attempt.signal?.aborted) throw new CancelledError();
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  attempt.signal?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, attempt.timeoutMs);
  try {
    const res = await (
      await nodeFetch()
    )(attempt.url.href, {
      method: attempt.method,
      headers: attempt.headers,
      body: attempt.body,
      signal: controller.signal,
      redirect: 'manual',
      size: MAX_BODY_BYTES,
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  } catch (e) {
    if ((e as { type?: string }).type === 'max-size') {
      throw new InvalidResponseError(`the body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB, more than any API page`);
    }
    if (timedOut) throw new TimeoutError(attempt.timeoutMs);
    if (attempt.signal?.aborted) throw new CancelledError();
    const err = e as { code?: string; type?: string };
    throw new NetworkError(attempt.url.host, String(err.code ?? err.type ?? 'connection failed'));
  } finally {
    clearTimeout(timer);
    attempt.signal?.removeEventListener('abort', onAbort);
  }
}
