// The project's own rules, the ones a generic linter does not know: the layers of DESIGN.md point down only,
// no module imports itself through others (no cycles), src/api never imports vscode, no commented-out code, and no
// Response.formData() (the bundle leaves its parser out).
// Run after ESLint by `npm run lint`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';

const LAYERS = ['extension.ts', 'commands', 'views', 'status', 'connections', 'transfer', 'paging', 'api'];
const layerOf = (file) => {
  const top = relative('src', file).split(/[\\/]/)[0];
  return LAYERS.indexOf(top);
};
const files = [];
const walk = (d) => {
  for (const f of readdirSync(d)) {
    const p = join(d, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.ts')) files.push(p);
  }
};
walk('src');

const problems = [];
/** file → the project files it imports (type-only imports included: they tie the design together too). */
const graph = new Map();
for (const file of files) {
  graph.set(file, []);
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const at = `${file}:${i + 1}`;
    if (/^\s*\/\/\s*(const|let|if|for|return|await|import)\b/.test(line)) problems.push(`${at}: commented-out code`);
    if (/\.formData\(/.test(line)) problems.push(`${at}: formData() needs node-fetch's multipart parser, which scripts/build.mjs leaves out`);
    const m = line.match(/from\s+'([^']+)'/);
    if (!m) return;
    const spec = m[1];
    if (spec === 'vscode' && file.startsWith(join('src', 'api'))) problems.push(`${at}: src/api must not import vscode`);
    if (spec.startsWith('.')) {
      const target = resolve(dirname(file), spec);
      const targetFile = [`${target}.ts`, join(target, 'index.ts')].map((t) => relative(process.cwd(), t)).find((t) => files.includes(t));
      if (targetFile) graph.get(file).push(targetFile);
      const from = layerOf(file);
      const to = layerOf(relative(process.cwd(), target) + (target.endsWith('.ts') ? '' : '.ts'));
      if (from >= 0 && to >= 0 && to < from) problems.push(`${at}: ${LAYERS[from]} imports upward from ${LAYERS[to]}`);
    }
  });
}
// Cycles: a depth-first walk; a back edge closes a cycle, reported once by its smallest member.
const seen = new Set();
const reported = new Set();
const visit = (file, stack) => {
  if (stack.includes(file)) {
    const cycle = stack.slice(stack.indexOf(file));
    const key = [...cycle].sort().join(' ');
    if (!reported.has(key)) {
      reported.add(key);
      problems.push(`import cycle: ${[...cycle, file].join(' → ')}`);
    }
    return;
  }
  if (seen.has(file)) return;
  seen.add(file);
  for (const next of graph.get(file) ?? []) visit(next, [...stack, file]);
};
for (const file of files) visit(file, []);

if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`lint: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`lint: ${files.length} files, no problems`);
