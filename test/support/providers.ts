import { createProvider, type NewsletterProvider, type ProviderOptions, type ResponseEvent } from '../../src/api';
import * as assert from 'node:assert/strict';
import { type Sandbox, type SandboxOptions, TOKENS, startSandbox } from '../sandbox/server';

export interface Made {
  provider: NewsletterProvider;
  logs: ResponseEvent[];
}

/** A provider pointed at the sandbox with fast retry timings, and the log lines it wrote. */
export function makeProvider(sandbox: Sandbox, kind: 'sender' | 'sendportal', over: Partial<ProviderOptions> = {}): Made {
  const logs: ResponseEvent[] = [];
  const token = kind === 'sender' ? TOKENS.sender : TOKENS.sendportal;
  const provider = createProvider({
    kind,
    baseUrl: kind === 'sender' ? sandbox.senderUrl : sandbox.sendPortalUrl,
    token: token,
    timeoutMs: 2000,
    retry: { baseDelayMs: 20, maxTotalWaitMs: 5000 },
    onResponse: (e) => logs.push(e),
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

/**
 * For a describe block: a sandbox on loopback for its tests, and a check after them that nothing rejected
 * unhandled meanwhile. `get()` returns the sandbox.
 */
export function useSandbox(options?: SandboxOptions): { get(): Sandbox } {
  let sb: Sandbox;
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  before(async () => {
    sb = await startSandbox(options);
    process.on('unhandledRejection', onUnhandled);
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await sb.stop();
    assert.deepEqual(unhandled, [], 'unhandled rejections');
  });
  return { get: () => sb };
}

/** useSandbox, and the sandbox as seeded again before each test: no fault, limit or edit left by another. */
export function useFreshSandbox(options?: SandboxOptions): { get(): Sandbox } {
  const sandbox = useSandbox(options);
  beforeEach(() => sandbox.get().reset());
  return sandbox;
}
