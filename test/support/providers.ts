import { createProvider, type NewsletterProvider, type ProviderOptions, type RequestLogEntry } from '../../src/api';
import { type Sandbox, TOKENS } from '../sandbox/server';

export interface Made {
  provider: NewsletterProvider;
  logs: RequestLogEntry[];
}

/** A provider pointed at the sandbox with fast retry timings, and the log lines it wrote. */
export function makeProvider(sandbox: Sandbox, kind: 'sender' | 'sendportal', over: Partial<ProviderOptions> = {}): Made {
  const logs: RequestLogEntry[] = [];
  const token = kind === 'sender' ? TOKENS.sender : TOKENS.sendportal;
  const provider = createProvider({
    kind,
    baseUrl: kind === 'sender' ? sandbox.senderUrl : sandbox.sendPortalUrl,
    getToken: () => token,
    timeoutMs: 2000,
    retry: { baseDelayMs: 20, maxTotalWaitMs: 5000 },
    onLog: (e) => logs.push(e),
    ...over,
  });
  return { provider, logs };
}

/** Resolves to the rejection of `p`, failing if it resolves. */
export async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
