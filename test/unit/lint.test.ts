import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The layer rules of scripts/lint.mjs, on small trees of their own. */
describe('the layer check', () => {
  const trees: string[] = [];
  after(() => trees.forEach((t) => rmSync(t, { recursive: true, force: true })));

  function lint(files: Record<string, string>): { code: number | null; out: string } {
    const root = mkdtempSync(join(tmpdir(), 'newsletter-lint-'));
    trees.push(root);
    for (const [path, text] of Object.entries({ 'src/commands/index.ts': 'export const x = 1;\n', 'src/api/ok.ts': `export const y = 2;\n${'\n'.repeat(100)}`, ...files })) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const r = spawnSync(process.execPath, ['scripts/lint.mjs', root], { encoding: 'utf8' });
    return { code: r.status, out: r.stdout + r.stderr };
  }

  it('passes a tree whose imports point down and whose exports are used', () => {
    const r = lint({
      'src/commands/a.ts': "import { y } from '../api/ok';\nexport const z = y;\n",
      'test/uses.ts': "import { x } from '../src/commands/index';\nimport { z } from '../src/commands/a';\nexport const all = [x, z];\n",
    });
    assert.equal(r.code, 0, r.out);
  });

  it('fails on an export no other file uses', () => {
    const r = lint({ 'src/commands/a.ts': "import { y } from '../api/ok';\nexport const z = y;\n", 'test/uses.ts': "import { x } from '../src/commands/index';\nexport const all = [x];\n" });
    assert.equal(r.code, 1);
    assert.match(r.out, /src\/commands\/a\.ts:2: z is exported but used only in its own file/);
  });

  for (const [how, text] of [
    ['a require() of a folder', 'const c = require("../commands");\nexport const u = c;\n'],
    ['a dynamic import()', "export const u = () => import('../commands/index');\n"],
    ['a double-quoted re-export', 'export { x } from "../commands/index";\n'],
  ]) {
    it(`fails on an upward import hidden in ${how}`, () => {
      const r = lint({ 'src/api/up.ts': text });
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /src\/api\/up\.ts:1: api imports upward from commands/);
    });
  }

  it('fails on vscode in src/api, and on a cycle', () => {
    const r = lint({
      'src/api/v.ts': "import * as vscode from 'vscode';\nexport const v = vscode;\n",
      'src/api/a.ts': "import { b } from './b';\nexport const a = b;\n",
      'src/api/b.ts': "import { a } from './a';\nexport const b = a;\n",
    });
    assert.equal(r.code, 1);
    assert.match(r.out, /src\/api\/v\.ts:1: src\/api must not import vscode/);
    assert.match(r.out, /import cycle: src\/api\/a\.ts → src\/api\/b\.ts → src\/api\/a\.ts/);
  });

  it('fails on a folder of src/ that is in no layer', () => {
    const r = lint({ 'src/helpers/h.ts': 'export const h = 1;\n', 'test/uses.ts': "import { x } from '../src/commands/index';\nimport { h } from '../src/helpers/h';\nexport const all = [x, h];\n" });
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /src\/helpers is in no layer/);
  });

  for (const pure of ['paging', 'transfer', 'insights']) {
    it(`fails on vscode in src/${pure}`, () => {
      const r = lint({ [`src/${pure}/p.ts`]: "import * as vscode from 'vscode';\nexport const p = vscode;\n", 'test/uses.ts': `import { x } from '../src/commands/index';\nimport { p } from '../src/${pure}/p';\nexport const all = [x, p];\n` });
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, new RegExp(`src/${pure}/p\\.ts:1: src/${pure} must not import vscode`));
    });
  }

  it('reads a .js specifier: an upward import and a cycle written with them fail', () => {
    const r = lint({
      'src/api/up.ts': "import { x } from '../commands/index.js';\nexport const u = x;\n",
      'src/api/a.ts': "import { b } from './b.js';\nexport const a = b;\n",
      'src/api/b.ts': "import { a } from './a.js';\nexport const b = a;\n",
    });
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /src\/api\/up\.ts:1: api imports upward from commands/);
    assert.match(r.out, /import cycle: src\/api\/a\.ts → src\/api\/b\.ts → src\/api\/a\.ts/);
  });

  it('counts an export behind export * by name: one nobody uses fails', () => {
    const r = lint({
      'src/api/index.ts': "export * from './m';\n",
      'src/api/m.ts': 'export const used = 1;\nexport const unused = 2;\n',
      'test/uses.ts': "import { x } from '../src/commands/index';\nimport { y } from '../src/api/ok';\nimport { used } from '../src/api/index';\nexport const all = [x, y, used];\n",
    });
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /src\/api\/m\.ts:2: unused is exported but used only in its own file/);
    assert.doesNotMatch(r.out, /m\.ts:1:/, 'a name used through the index was called unused');
  });

  for (const [how, text] of [
    ['a require alias', "const r = require;\nexport const u = r('../commands/index');\n"],
    ['createRequire', "import { createRequire } from 'node:module';\nexport const u = createRequire(__filename)('../commands/index');\n"],
  ]) {
    it(`fails on ${how}: an import the scanner cannot read`, () => {
      const r = lint({ 'src/api/up.ts': text, 'test/uses.ts': "import { x } from '../src/commands/index';\nimport { y } from '../src/api/ok';\nimport { u } from '../src/api/up';\nexport const all = [x, y, u];\n" });
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /used other than as require\('…'\)/);
    });
  }

  const uses = "import { x } from '../src/commands/index';\nimport { y } from '../src/api/ok';\nimport { long } from '../src/api/long';\nexport const all = [x, y, long];\n";
  for (const [what, text, said] of [
    ['a line over 140 characters', `export const long = '${'x'.repeat(150)}';\n`, /src\/api\/long\.ts:1: 173 characters \(at most 140\)/],
    ['a file over 300 lines', `export const long = [\n${'  1,\n'.repeat(300)}];\n`, /src\/api\/long\.ts: 303 lines \(at most 300\)/],
    ['a function over 60 lines', `export function long(): number {\n${'  void 0;\n'.repeat(60)}  return 1;\n}\n`, /src\/api\/long\.ts:1: long is 63 lines \(at most 60\)/],
  ] as const) {
    it(`fails on ${what}, where it is`, () => {
      const r = lint({ 'src/api/long.ts': text, 'test/uses.ts': uses });
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, said);
      assert.match(r.out, /lint: 1 problem\(s\)/);
    });
  }

  it('fails when commands/ holds more than a fifth of src/', () => {
    const lines = (n: number) => `export const x = [\n${'  1,\n'.repeat(n - 2)}];\n`;
    const fat = lint({ 'src/commands/index.ts': lines(21), 'src/api/ok.ts': `export const y = [\n${'  1,\n'.repeat(78)}];\n`, 'test/uses.ts': uses });
    assert.equal(fat.code, 1, fat.out);
    assert.match(fat.out, /src\/commands: 22 of 103 lines \(at most 20 %\)/);
    const thin = lint({ 'src/commands/index.ts': lines(19), 'src/api/ok.ts': `export const y = [\n${'  1,\n'.repeat(79)}];\n`, 'test/uses.ts': uses });
    assert.doesNotMatch(thin.out, /src\/commands:/, thin.out);
  });

  it('passes 140 characters, 300 lines and 60 lines exactly', () => {
    const text = `export function long(): string {\n${'  void 0;\n'.repeat(57)}  return '${'x'.repeat(128)}';\n}\n${'\n'.repeat(239)}`;
    assert.equal(text.split('\n').length, 300);
    assert.equal(Math.max(...text.split('\n').map((l) => l.length)), 140);
    const r = lint({ 'src/api/long.ts': text, 'test/uses.ts': uses });
    assert.equal(r.code, 0, r.out);
  });
});

describe('docs/ARCHITECTURE.md and the layer check agree', () => {
  it('lists the layers of scripts/lint.mjs, in its order, and says which are pure', () => {
    const lint = readFileSync('scripts/lint.mjs', 'utf8');
    const list = (name: string) => JSON.parse(lint.match(new RegExp(`const ${name} = (\\[[^\\]]*\\])`))![1].replace(/'/g, '"')) as string[];
    const doc = readFileSync('docs/ARCHITECTURE.md', 'utf8');
    const block = doc.slice(doc.indexOf('```', doc.indexOf('## Layers')) + 3, doc.indexOf('```', doc.indexOf('```', doc.indexOf('## Layers')) + 3));
    const named = [...block.matchAll(/^src\/([\w.]+)/gm)].map((m) => m[1]);
    assert.deepEqual(named, list('LAYERS'));
    const pure = named.filter((n) => new RegExp(`^src/${n.replace('.', '\\.')}\\b[\\s\\S]*?(?=^src/|$(?![\\s\\S]))`, 'm').exec(block)?.[0].includes('no vscode'));
    assert.deepEqual(pure, list('PURE'));
  });
});
