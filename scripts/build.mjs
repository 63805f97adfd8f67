// Bundles with esbuild.
//   (default)  the extension for the .vsix: one minified CommonJS file, `vscode` external, no source maps.
//   --dev      the extension unminified with source maps (debugging); --watch rebuilds it on every change.
//   --tests    the sandbox, benchmarks and test suites into out/, each a bundle so that ESM-only node-fetch runs on Node 20.
import { build, context } from 'esbuild';
import { readdirSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: flags } = parseArgs({ options: { tests: { type: 'boolean' }, dev: { type: 'boolean' }, watch: { type: 'boolean' } } });
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'], logLevel: 'warning' };

if (flags.tests) {
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
} else {
  const dev = flags.dev || flags.watch;
  // node-fetch's fetch-blob falls back to web-streams-polyfill (59 KB) only where neither globalThis.ReadableStream
  // nor node:stream/web exists; every Node that runs VS Code has both, so the fallback is left out of the bundle.
  const external = [...common.external, 'web-streams-polyfill/*'];
  const options = { ...common, external, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', minify: !dev, sourcemap: dev ? 'linked' : false };
  if (flags.watch) {
    const ctx = await context({ ...options, logLevel: 'info' });
    await ctx.watch();
  } else {
    rmSync('dist/extension.js.map', { force: true });
    await build(options);
  }
}
