import { ConfigError } from './errors';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK.has(hostname.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Parses a base URL and enforces HTTPS (plain HTTP only to this machine); always ends in a slash. */
export function checkBaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError(`"${raw}" is not a URL. Enter one such as https://newsletter.example.com.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`The URL must start with https:// (got ${url.protocol}).`);
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new ConfigError(
      `Refusing http:// to ${url.hostname}: the token would travel unencrypted. Use https:// (plain http is allowed only for localhost).`,
    );
  }
  if (url.username || url.password) throw new ConfigError('Put the token in Set API Token, not in the URL.');
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** SendPortal users paste the host or the API root, with or without a trailing slash: all mean `<host>/api/v1/`. */
export function sendPortalApiBase(raw: string): URL {
  if (!raw.trim())
    throw new ConfigError('A SendPortal connection needs the URL of your SendPortal, such as https://newsletter.example.com.');
  const url = checkBaseUrl(raw);
  // `…/api/v1`, `…/API/V1` and `…/api` all mean the API root; Laravel's routes are lower case.
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api(\/v1)?$/i, '');
  url.pathname = `${path}/api/v1/`;
  return url;
}
