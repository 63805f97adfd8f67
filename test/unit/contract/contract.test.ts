import * as assert from 'node:assert/strict';
import * as errors from '../../../src/api/errors';
import type { NewsletterProvider } from '../../../src/api';
import { CONTRACT, type Endpoint, entryFor, shapeDiff } from '../../contract';
import { type Sandbox, TOKENS } from '../../sandbox/server';
import { makeProvider, rejection, useSandbox } from '../../support/providers';

/** The path an entry names, as a pattern for the sandbox's faults (`^/subscribers/[^/]+$`). */
const pattern = (e: Endpoint) => `^/${e.path.replace(/\{[^}]+\}/g, '[^/]+')}$`;

function providerFor(sb: Sandbox, e: Endpoint): NewsletterProvider {
  return makeProvider(sb, e.provider, e.anonymous ? { token: undefined } : {}).provider;
}

/** The sandbox's answer to an entry's sample request, over real HTTP. */
async function ask(sb: Sandbox, e: Endpoint): Promise<{ status: number; text: string }> {
  const base = e.provider === 'sender' ? sb.senderUrl : `${sb.sendPortalUrl}/api/v1/`;
  const url = new URL(e.sample.path, base);
  for (const [k, v] of Object.entries(e.sample.query ?? {})) url.searchParams.set(k, v);
  const res = await fetch(url, {
    method: e.method,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...(e.anonymous ? {} : { Authorization: `Bearer ${e.provider === 'sender' ? TOKENS.sender : TOKENS.sendportal}` }) },
    body: e.sample.body === undefined ? undefined : JSON.stringify(e.sample.body),
  });
  return { status: res.status, text: await res.text() };
}

const name = (e: Endpoint) => `${e.provider} ${e.method} /${e.path}`;

describe('the API contract', () => {
  const box = useSandbox();
  beforeEach(() => box.get().reset());

  describe('every documented answer, through the provider', () => {
    for (const e of CONTRACT) {
      for (const a of e.answers) {
        it(`${name(e)}: ${a.status} → ${a.becomes}`, async () => {
          const sb = box.get();
          const body = a.body === undefined ? '' : typeof a.body === 'string' ? a.body : JSON.stringify(a.body);
          const type = typeof a.body === 'string' ? 'text/html; charset=UTF-8' : 'application/json';
          sb.addFaults({ kind: 'raw', provider: e.provider, method: e.method, pattern: pattern(e), status: a.status, body, headers: { 'Content-Type': type, ...a.headers }, times: 50 });
          const call = e.call(providerFor(sb, e));
          if (a.becomes === 'value') await call;
          else {
            const err = await rejection(call);
            assert.ok(err instanceof errors[a.becomes], `${err.name}: ${err.message}`);
          }
          assert.ok(sb.seen.some((r) => r.method === e.method && new RegExp(pattern(e)).test(new URL(r.url, 'http://x').pathname.replace(/^\/v2|^\/api\/v1/, ''))), 'the call did not reach the endpoint');
        });
      }
    }
  });

  describe('the sandbox answers as the sources show', () => {
    for (const e of CONTRACT) {
      it(name(e), async () => {
        const documented = e.answers.find((a) => a.status >= 200 && a.status < 300)!;
        const res = await ask(box.get(), e);
        assert.equal(res.status, documented.status, res.text.slice(0, 200));
        if (documented.body === undefined) return assert.equal(res.text, '');
        if (typeof documented.body === 'string') return assert.equal(typeof res.text, 'string');
        if (e.bodyUnknown) return; // no source shows it: the code does not read it (checked by the provider tests above)
        assert.deepEqual(shapeDiff(documented.body, JSON.parse(res.text)), []);
      });
    }

    it('fails an answer with a key the source does not show, a missing key or another type', async () => {
      const e = CONTRACT.find((x) => x.provider === 'sender' && x.path === 'subscribers/{key}' && x.method === 'GET')!;
      const real = JSON.parse((await ask(box.get(), e)).text) as { data: Record<string, unknown> };
      const doc = e.answers[0].body;
      assert.deepEqual(shapeDiff(doc, real), []);
      assert.deepEqual(shapeDiff(doc, { data: { ...real.data, planted: 1 } }), ['$.data.planted: a key the source does not show']);
      const noEmail = Object.fromEntries(Object.entries(real.data).filter(([k]) => k !== 'email'));
      assert.deepEqual(shapeDiff(doc, { data: noEmail }), ['$.data.email: missing']);
      assert.deepEqual(shapeDiff(doc, { data: { ...real.data, status: 'active' } }), ['$.data.status: string where the source shows object']);
    });
  });

  describe('coverage', () => {
    for (const provider of ['sender', 'sendportal'] as const) {
      it(`every request the ${provider} provider makes has an entry, and every method of it is exercised`, async () => {
        const sb = box.get();
        const called = new Set<string>();
        const unlisted = new Set<string>();
        let proto: object | undefined;
        for (const e of CONTRACT.filter((x) => x.provider === provider)) {
          sb.reset();
          const p = providerFor(sb, e);
          proto = Object.getPrototypeOf(p) as object;
          const recorder = new Proxy(p, {
            get(target, key, receiver) {
              const v = Reflect.get(target, key, receiver) as unknown;
              if (typeof v === 'function' && typeof key === 'string') called.add(key);
              return v;
            },
          });
          // The call's outcome is the provider tests' business; here what counts is what it asked.
          for (const call of [e.call, ...(e.also ?? [])]) await call(recorder).catch(() => undefined);
          for (const r of sb.seen) if (!entryFor(r.method, r.url)) unlisted.add(`${r.method} ${new URL(r.url, 'http://x').pathname}`);
        }
        assert.deepEqual([...unlisted], [], 'requests with no contract entry');
        const methods = Object.getOwnPropertyNames(proto!).filter((k) => k !== 'constructor' && typeof Object.getOwnPropertyDescriptor(proto!, k)?.value === 'function');
        assert.deepEqual(methods.filter((m) => !called.has(m)), [], 'provider methods no entry exercises');
      });
    }
  });
});
