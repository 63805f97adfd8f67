import { ConfigError } from './errors';

/** Trims a pasted token and refuses one that cannot be right, before it is ever sent. */
export function normalizeToken(raw: string): string {
  const token = raw.trim();
  const problem = tokenProblem(token);
  if (problem) throw new ConfigError(problem, 'setToken');
  return token;
}

/** Why a (trimmed) token is malformed, or undefined when it looks usable. Also used to validate input boxes. */
export function tokenProblem(token: string): string | undefined {
  if (!token) return 'The API token is empty.';
  if (/\s/.test(token)) return 'The API token contains spaces or line breaks inside it; copy it again in one piece.';
  if (/[^\x21-\x7e]/.test(token)) return 'The API token contains characters that cannot be part of a token; copy it again.';
  if (token.length < 8) return 'The API token is too short to be valid.';
  return undefined;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces every occurrence of the secrets in `text`, in any letter case (a server may echo a token upper-cased);
 * used on anything that may reach a log or a message.
 */
export function redact(text: string, ...secrets: (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.replace(new RegExp(escape(s), 'gi'), '•••');
  return out.replace(/(api_token=)[^&\s"]+/gi, '$1•••').replace(/(Bearer\s+)[^\s"]+/gi, '$1•••');
}
