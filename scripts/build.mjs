// Bundles with esbuild. Default: the extension (one minified CommonJS file, `vscode` external).
// --tests: the sandbox, benchmarks and test suites into out/, each a bundle so that ESM-only node-fetch runs on Node 20.
import { build } from 'esbuild';
import { readdirSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const tests = process.argv.includes('--tests');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'], logLevel: 'warning' };

if (!tests) {
  await build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', minify: true, sourcemap: false, metafile: false });
} else {
  const entries = [];
  const add = (dir, pattern) => {
    if (!existsSync(dir)) return;
    for (const f of readdirSync(dir, { recursive: true })) if (pattern.test(f)) entries.push(join(dir, f));
  };
  add('test/sandbox', /^main\.ts$/);
  add('test/unit', /\.test\.ts$/);
  add('test/resilience', /\.test\.ts$/);
  add('test/security', /\.test\.ts$/);
  add('test/integration', /^index\.ts$|\.test\.ts$/);
  add('test/e2e', /\.ts$/);
  add('bench', /\.ts$/);
  rmSync('out', { recursive: true, force: true });
  await build({ ...common, entryPoints: entries, outdir: 'out', outbase: '.', sourcemap: 'inline', external: ['vscode', 'mocha', 'playwright-core'] });
}
