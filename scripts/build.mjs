// Bundles with esbuild.
//   (default)  the extension for the .vsix: one minified CommonJS file, `vscode` external, no source maps.
//   --dev      the extension unminified with source maps (debugging); --watch rebuilds it on every change.
//   --metafile F  also writes esbuild's metafile (what each input costs the bundle) to F, for `npm run bench -- size`.
//   --tests    the sandbox, benchmarks and test suites into out/, each a bundle so that ESM-only node-fetch runs on Node 20.
import { build, context } from 'esbuild';
import { readdirSync, existsSync, rmSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: flags } = parseArgs({ options: { tests: { type: 'boolean' }, dev: { type: 'boolean' }, watch: { type: 'boolean' }, metafile: { type: 'string' } } });
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'], logLevel: 'warning' };

/**
 * The codicons the cards draw (CARD_ICONS in src/views/cardHtml.ts), copied out of @vscode/codicons' SVG sprite into
 * dist/codicons.json as name → `<svg>`: a few KB in the .vsix instead of the 126 KB icon font and its stylesheet.
 */
function copyCodicons() {
  const wanted = readFileSync('src/views/cardHtml.ts', 'utf8').match(/CARD_ICONS = \[([^\]]*)\]/)[1].match(/'[^']+'/g).map((q) => q.slice(1, -1));
  const sprite = readFileSync(createRequire(import.meta.url).resolve('@vscode/codicons/dist/codicon.svg'), 'utf8');
  const icons = { _license: 'Codicons © Microsoft Corporation, CC BY 4.0: https://github.com/microsoft/vscode-codicons' };
  for (const name of wanted) {
    const m = sprite.match(new RegExp(`<symbol[^>]*viewBox="([^"]+)"[^>]*id="${name}"[^>]*>(.*?)</symbol>`)) ?? sprite.match(new RegExp(`<symbol[^>]*id="${name}"[^>]*viewBox="([^"]+)"[^>]*>(.*?)</symbol>`));
    if (!m) throw new Error(`codicon "${name}" is not in @vscode/codicons`);
    icons[name] = `<svg viewBox="${m[1]}" aria-hidden="true">${m[2]}</svg>`;
  }
  mkdirSync('dist', { recursive: true });
  writeFileSync('dist/codicons.json', JSON.stringify(icons));
}
copyCodicons();

/**
 * `vscode` inside the ES modules: the API object this extension was given, which VS Code hands only to `require` in a
 * CommonJS file of the extension (dist/extension.js, the loader below). esbuild reads it as a CommonJS module.
 */
const VSCODE_KEY = 'newsletter-explorer.vscode';
const vscodeFromLoader = {
  name: 'vscode-from-loader',
  setup(b) {
    b.onResolve({ filter: /^vscode$/ }, () => ({ path: 'vscode', namespace: 'vscode-from-loader' }));
    b.onLoad({ filter: /.*/, namespace: 'vscode-from-loader' }, () => ({ contents: `module.exports = globalThis[Symbol.for('${VSCODE_KEY}')];`, loader: 'js' }));
  },
};

/**
 * `import script from 'page-script:<name>'`: the page's script (src/webview/<name>Page.ts, TypeScript, type-checked
 * and linted with the rest) bundled for the webview and handed over as a string, which the page carries inline with
 * its nonce. A script that could close its own element is refused.
 */
const pageScripts = (minify) => ({
  name: 'page-scripts',
  setup(b) {
    b.onResolve({ filter: /^page-script:/ }, (a) => ({ path: join('src', 'webview', `${a.path.slice('page-script:'.length)}Page.ts`), namespace: 'page-script' }));
    b.onLoad({ filter: /.*/, namespace: 'page-script' }, async (a) => {
      const out = await build({ entryPoints: [a.path], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', minify, metafile: true, logLevel: 'warning' });
      const code = out.outputFiles[0].text;
      if (/<\/script|<!--/i.test(code)) throw new Error(`${a.path}: its bundle contains "</script" or "<!--", which would end or hide its element`);
      return { contents: `export default ${JSON.stringify(code)};`, loader: 'js', watchFiles: Object.keys(out.metafile.inputs) };
    });
  },
});

/** package.json's main: CommonJS, so that it is given the API; it loads the ES modules and hands activate() over. */
const LOADER = `'use strict';
// Built by scripts/build.mjs: the extension itself is dist/esm/ (ES modules, split where first used).
globalThis[Symbol.for('${VSCODE_KEY}')] = require('vscode');
const main = import(require('node:url').pathToFileURL(require('node:path').join(__dirname, 'esm', 'main.mjs')).href);
exports.loaded = main;
exports.activate = async (context) => (await main).activate(context);
exports.deactivate = async () => (await main).deactivate();
`;

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
  await build({ ...common, entryPoints: entries, outdir: 'out', outbase: '.', sourcemap: 'inline', external: ['vscode', 'mocha', 'playwright-core'], plugins: [pageScripts(true)] });
} else {
  const dev = flags.dev || flags.watch;
  // node-fetch's fetch-blob falls back to web-streams-polyfill (59 KB) only where neither globalThis.ReadableStream
  // nor node:stream/web exists; every Node that runs VS Code has both, so the fallback is left out of the bundle.
  const external = [...common.external, 'web-streams-polyfill/*'];
  // node-fetch loads its multipart parser (4.3 KB) only inside `Response.formData()` on a multipart body, with a
  // dynamic import; the extension reads JSON and text and never calls formData(), so the parser stays out.
  const lazyMultipart = {
    name: 'lazy-multipart',
    setup(b) {
      b.onResolve({ filter: /\/multipart-parser\.js$/ }, (a) => (a.importer.includes('node-fetch') ? { path: a.path, external: true } : undefined));
    },
  };
  // The extension as ES modules split where the code says `await import(…)`: what activation loads is the entry and
  // the chunks it imports statically; Insights, transfer, the cards and the rest load when first used.
  const options = {
    ...common, format: 'esm', splitting: true, external, plugins: [lazyMultipart, vscodeFromLoader, pageScripts(!dev)],
    entryPoints: { main: 'src/extension.ts' }, outdir: 'dist/esm', outExtension: { '.js': '.mjs' }, chunkNames: '[name]-[hash]',
    minify: !dev, sourcemap: dev ? 'linked' : false,
  };
  rmSync('dist/esm', { recursive: true, force: true });
  rmSync('dist/extension.js.map', { force: true });
  writeFileSync('dist/extension.js', LOADER);
  if (flags.watch) {
    const ctx = await context({ ...options, logLevel: 'info' });
    await ctx.watch();
  } else {
    const result = await build({ ...options, metafile: !!flags.metafile });
    if (flags.metafile) writeFileSync(flags.metafile, JSON.stringify(result.metafile));
  }
}
