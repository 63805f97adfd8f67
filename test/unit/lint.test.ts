import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The layer rules of scripts/lint.mjs, on small trees of their own. */
describe('the layer check', () => {
  const trees: string[] = [];
  after(() => trees.forEach((t) => rmSync(t, { recursive: true, force: true })));

  function lint(files: Record<string, string>): { code: number | null; out: string } {
    const root = mkdtempSync(join(tmpdir(), 'newsletter-lint-'));
    trees.push(root);
    for (const [path, text] of Object.entries({ 'src/commands/index.ts': 'export const x = 1;\n', 'src/api/ok.ts': 'export const y = 2;\n', ...files })) {
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
});
