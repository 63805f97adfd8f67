// The project's own rules, the ones a generic linter does not know: the layers of DESIGN.md point down only,
// src/api never imports vscode, and nothing under src/ writes to the console (the log channel is the one place).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';

const LAYERS = ['extension.ts', 'commands', 'views', 'status', 'connections', 'paging', 'api'];
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
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const at = `${file}:${i + 1}`;
    if (/\bconsole\.(log|info|warn|error|debug)\(/.test(line)) problems.push(`${at}: console output; use the Newsletter log channel`);
    if (/^\s*\/\/\s*(const|let|if|for|return|await|import)\b/.test(line)) problems.push(`${at}: commented-out code`);
    const m = line.match(/from\s+'([^']+)'/);
    if (!m) return;
    const spec = m[1];
    if (spec === 'vscode' && file.startsWith(join('src', 'api'))) problems.push(`${at}: src/api must not import vscode`);
    if (spec.startsWith('.')) {
      const target = resolve(dirname(file), spec);
      const from = layerOf(file);
      const to = layerOf(relative(process.cwd(), target) + (target.endsWith('.ts') ? '' : '.ts'));
      if (from >= 0 && to >= 0 && to < from) problems.push(`${at}: ${LAYERS[from]} imports upward from ${LAYERS[to]}`);
    }
  });
}
if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`lint: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`lint: ${files.length} files, no problems`);
