import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONTRACT, type Endpoint, shapeDiff } from '../../contract';
import { type Sandbox, TOKENS } from '../../sandbox/server';
import { useSandbox } from '../../support/providers';

const name = (e: Endpoint) => `${e.provider} ${e.method} /${e.path}`;

/** A request to the sandbox over real HTTP, as the provider would send it (or without the token). */
async function send(sb: Sandbox, e: Endpoint, req: { path?: string; body?: unknown; token?: boolean }): Promise<{ status: number; body: unknown; text: string }> {
  const base = e.provider === 'sender' ? sb.senderUrl : `${sb.sendPortalUrl}/api/v1/`;
  const url = new URL(req.path ?? e.sample.path, base);
  for (const [k, v] of Object.entries(e.sample.query ?? {})) url.searchParams.set(k, v);
  const token = e.provider === 'sender' ? TOKENS.sender : TOKENS.sendportal;
  const res = await fetch(url, {
    method: e.method,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...(req.token === false ? {} : { Authorization: `Bearer ${token}` }) },
    body: req.body === undefined ? (e.sample.body === undefined ? undefined : JSON.stringify(e.sample.body)) : JSON.stringify(req.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // a text answer (SendPortal's plain 401)
  }
  return { status: res.status, body, text };
}

/** Whether an answer has the shape of one of the entry's documented answers of that status. */
function conforms(e: Endpoint, status: number, body: unknown): string[] {
  const documented = e.answers.filter((a) => a.status === status);
  if (!documented.length) return [`${status} is not among the documented answers`];
  const diffs = documented.map((a) => (typeof a.body === 'string' ? (typeof body === 'string' ? [] : ['a JSON body where the source shows text']) : shapeDiff(a.body, body)));
  return diffs.find((d) => !d.length) ?? diffs[0];
}

/** The sample's path with its first `{…}` segment replaced by an id that names nothing. */
function missingPath(e: Endpoint): string | undefined {
  const at = e.path.split('/').findIndex((s) => s.startsWith('{'));
  if (at < 0) return undefined;
  const parts = e.sample.path.split('/');
  parts[at] = e.provider === 'sendportal' ? '999999' : 'nothing999';
  return parts.join('/');
}

describe("the servers' rules and error answers, in the sandbox", () => {
  const box = useSandbox();
  beforeEach(() => box.get().reset());

  describe('every rule: the request it refuses (422 naming the field) and the one it takes', () => {
    for (const e of CONTRACT) {
      for (const r of e.rules ?? []) {
        it(`${name(e)}: ${r.name}`, async () => {
          assert.ok(r.refused || r.accepted, 'a rule with nothing to send');
          if (r.refused) {
            const res = await send(box.get(), e, r.refused);
            assert.equal(res.status, 422, res.text.slice(0, 300));
            assert.ok((res.body as { errors?: Record<string, unknown> }).errors?.[r.refused.field], `no error for ${r.refused.field}: ${res.text.slice(0, 300)}`);
            assert.deepEqual(conforms(e, 422, res.body), [], 'the 422 is not shaped as documented');
          }
          if (r.accepted) {
            box.get().reset();
            const res = await send(box.get(), e, r.accepted);
            assert.ok(res.status >= 200 && res.status < 300, `${res.status}: ${res.text.slice(0, 300)}`);
          }
        });
      }
    }
  });

  describe('every documented error the sandbox can be asked for comes back in its documented shape', () => {
    for (const e of CONTRACT) {
      if (!e.anonymous && e.answers.some((a) => a.status === 401)) {
        it(`${name(e)}: 401 without a token`, async () => {
          const res = await send(box.get(), e, { token: false });
          assert.equal(res.status, 401);
          assert.deepEqual(conforms(e, 401, res.body), []);
        });
      }
      const gone = missingPath(e);
      if (gone && e.answers.some((a) => a.status === 404)) {
        it(`${name(e)}: 404 for an id that names nothing`, async () => {
          const res = await send(box.get(), e, { path: gone });
          assert.equal(res.status, 404, res.text.slice(0, 200));
          assert.deepEqual(conforms(e, 404, res.body), []);
        });
      }
    }
  });

  it('fails when the sandbox accepts what the server refuses, or an error answer changes shape', () => {
    const e = CONTRACT.find((x) => x.provider === 'sendportal' && x.method === 'POST' && x.path === 'campaigns')!;
    assert.deepEqual(conforms(e, 422, { message: 'The given data was invalid.', errors: { tags: ['x'] } }), []);
    assert.notDeepEqual(conforms(e, 422, { message: 'The given data was invalid.', errors: 'tags' }), [], 'errors as a string passed');
    assert.notDeepEqual(conforms(e, 422, { message: 'The given data was invalid.', errors: { tags: ['x'] }, planted: 1 }), [], 'a planted key passed');
    assert.notDeepEqual(conforms(e, 201, { data: { id: 1 } }), [], 'a missing key passed');
  });
});

describe('every source the contract cites can be checked from this repository', () => {
  const dir = path.join('test', 'contract', 'sources'); // mocha runs in the repository's root
  const core = fs.readFileSync(path.join(dir, 'sendportal-core-v2.0.5.md'), 'utf8');
  const cited = CONTRACT.flatMap((e) => [
    { where: `${name(e)}`, source: e.source },
    ...e.answers.map((a) => ({ where: `${name(e)} ${a.status}`, source: a.source })),
    ...(e.rules ?? []).map((r) => ({ where: `${name(e)} rule ${r.name}`, source: r.source })),
  ]);

  it('names a file of sources/, a SendPortal source file that sources/ describes, a public URL, or no public source', () => {
    const unresolved: string[] = [];
    for (const { where, source } of cited) {
      const files = [...source.matchAll(/sources\/([\w.-]+\.md)/g)].map((m) => m[1]);
      const core205 = [...source.matchAll(/mettle\/sendportal-core v2\.0\.5 src\/([\w/]+\.php)/g)].map((m) => m[1]);
      const ok =
        files.every((f) => fs.existsSync(path.join(dir, f))) &&
        core205.every((f) => core.includes(`\`${path.basename(f)}\``) || core.includes(`\`Api/${path.basename(f)}\``)) &&
        (files.length > 0 || core205.length > 0 || /https:\/\//.test(source) || /^no public source/.test(source));
      if (!ok) unresolved.push(`${where}: ${source}`);
    }
    assert.deepEqual(unresolved, []);
  });

  it('cites no file outside this repository (the reference texts and notes a reader does not have)', () => {
    assert.deepEqual(cited.filter((c) => /API-NOTES|requirements\.txt|authentication\.txt/.test(c.source)).map((c) => c.where), []);
  });

  it('lists the entries whose success answer has no public source; the coverage test holds the code to not reading them', () => {
    const unknown = CONTRACT.filter((e) => e.bodyUnknown).map(name);
    assert.ok(unknown.length > 0);
    for (const n of unknown) assert.ok(CONTRACT.find((e) => name(e) === n)!.answers.some((a) => /^no public source/.test(a.source)), n);
  });
});
