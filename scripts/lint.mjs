// The project's own rules, the ones a generic linter does not know (docs/ARCHITECTURE.md): every folder of src/ is a
// layer and the layers point down only, no module imports itself through others (no cycles), the pure folders never
// import vscode, `require` only as a direct call (no alias, no createRequire), no commented-out code, no
// Response.formData() (the bundle leaves its parser out), no file over 300 lines, no function over 60, no line over
// 140 characters (Prettier, `npm run format`, wraps code at 140; words and markup are split by hand), and commands/ at
// most 20 % of src/'s lines. Imports are read by TypeScript's own scanner: static imports and re-exports, `require()`
// and dynamic `import()`, either quote, `.js` specifiers, a folder's index; an export behind `export *` counts as used
// only by name. It also prints the longest file and function. Run after ESLint and Prettier's check by `npm run lint`;
// `node scripts/lint.mjs DIR` checks DIR/src.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(process.argv[2] ?? '.');
const src = join(root, 'src');
const LAYERS = ['extension.ts', 'agent', 'commands', 'pages', 'app', 'authoring', 'insights', 'views', 'status', 'connections', 'transfer', 'paging', 'api', 'webview'];
/** Layers that never import vscode: logic a unit test runs without an editor. */
const PURE = ['insights', 'transfer', 'paging', 'api', 'webview'];
const layerOf = (file) => LAYERS.indexOf(relative(src, file).split(/[\\/]/)[0]);
const files = [];
const walk = (d) => {
  for (const f of readdirSync(d)) {
    const p = join(d, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.ts')) files.push(p);
  }
};
walk(src);

const problems = [];
for (const entry of readdirSync(src)) {
  if (!LAYERS.includes(entry)) problems.push(`src/${entry} is in no layer: add it to LAYERS in scripts/lint.mjs and to docs/ARCHITECTURE.md`);
}
const show = (file, line) => `${relative(root, file)}:${line}`;
/** file → the project files it imports (type-only imports included: they tie the design together too). */
const graph = new Map();
let longestFile = { file: '', lines: 0 };
/** Lines of src/ in all, and in commands/ (which registers and orchestrates, and stays thin: at most a fifth). */
const share = { all: 0, commands: 0 };
let longestFunction = { at: '', name: '', lines: 0 };

for (const file of files) {
  graph.set(file, []);
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  if (lines.length > 300) problems.push(`${relative(root, file)}: ${lines.length} lines (at most 300): split it by what it does`);
  if (lines.length > longestFile.lines) longestFile = { file, lines: lines.length };
  share.all += lines.length;
  if (LAYERS[layerOf(file)] === 'commands') share.commands += lines.length;
  lines.forEach((line, i) => {
    if (line.length > 140) problems.push(`${show(file, i + 1)}: ${line.length} characters (at most 140)`);
    if (/^\s*\/\/\s*(const|let|if|for|return|await|import)\b/.test(line)) problems.push(`${show(file, i + 1)}: commented-out code`);
    if (/\.formData\(/.test(line)) problems.push(`${show(file, i + 1)}: formData() needs node-fetch's multipart parser, which scripts/build.mjs leaves out`);
  });
  const lineOf = (pos) => text.slice(0, pos).split('\n').length;
  for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
    const at = show(file, lineOf(ref.pos));
    const spec = ref.fileName;
    if (spec === 'vscode' && PURE.includes(LAYERS[layerOf(file)])) problems.push(`${at}: src/${LAYERS[layerOf(file)]} must not import vscode`);
    if (!spec.startsWith('.')) continue;
    const target = resolve(dirname(file), spec.replace(/\.js$/, ''));
    const targetFile = [`${target}.ts`, join(target, 'index.ts'), target].find((t) => files.includes(t) || (t === target && existsSync(t) && statSync(t).isFile()));
    if (targetFile && files.includes(targetFile)) graph.get(file).push(targetFile);
    const from = layerOf(file);
    const to = layerOf(targetFile ?? `${target}.ts`);
    if (from >= 0 && to >= 0 && to < from) problems.push(`${at}: ${LAYERS[from]} imports upward from ${LAYERS[to]}`);
  }
  // The longest function: every function-like node, by the lines it spans.
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visitNode = (node) => {
    // `require` as anything but the callee of require('…') (an alias, a property read) or createRequire: imports the
    // scanner cannot see.
    if (ts.isIdentifier(node) && (node.text === 'createRequire' || (node.text === 'require' && !(ts.isCallExpression(node.parent) && node.parent.expression === node)))) {
      if (!(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) problems.push(`${show(file, lineOf(node.getStart()))}: ${node.text} used other than as require('…'): an import the layer check cannot read`);
    }
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.end).line;
      const name = node.name?.getText?.(source) ?? '(anonymous)';
      if (end - start + 1 > 60) problems.push(`${show(file, start + 1)}: ${name} is ${end - start + 1} lines (at most 60)`);
      if (end - start + 1 > longestFunction.lines) longestFunction = { at: show(file, start + 1), name, lines: end - start + 1 };
    }
    ts.forEachChild(node, visitNode);
  };
  visitNode(source);
}

// Exports used nowhere but their own file (a test's import counts as a use): an export is a promise to others.
const used = new Map();
const use = (file, name) => used.set(file, (used.get(file) ?? new Set()).add(name));
const others = [];
for (const d of ['test', 'bench']) if (existsSync(join(root, d))) (function more(dir) {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) more(p);
    else if (p.endsWith('.ts')) others.push(p);
  }
})(join(root, d));
const exported = new Map();
/** file → the files it re-exports whole (`export * from`): a name used of the file is a use of theirs. */
const reexports = new Map();
for (const file of [...files, ...others]) {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const target = (spec) => [`${resolve(dirname(file), spec)}.ts`, join(resolve(dirname(file), spec), 'index.ts')].find((t) => files.includes(t));
  const names = [];
  const visitUses = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const t = target(node.moduleSpecifier.text.replace(/\.js$/, ''));
      const bindings = ts.isImportDeclaration(node) ? node.importClause?.namedBindings : node.exportClause;
      if (t && ts.isExportDeclaration(node) && !bindings) reexports.set(file, [...(reexports.get(file) ?? []), t]);
      else if (t && (!bindings || ts.isNamespaceImport(bindings) || ts.isNamespaceExport(bindings))) use(t, '*');
      else if (t) for (const e of bindings.elements) use(t, (e.propertyName ?? e.name).text);
    }
    // A dynamic import() takes the whole module.
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      const t = target(node.arguments[0].text);
      if (t) use(t, '*');
    }
    ts.forEachChild(node, visitUses);
  };
  visitUses(sf);
  if (!files.includes(file)) continue;
  for (const st of sf.statements) {
    if (!(ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))) continue;
    if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) names.push([d.name.getText(sf), sf.getLineAndCharacterOfPosition(st.getStart()).line + 1]);
    else if (st.name) names.push([st.name.getText(sf), sf.getLineAndCharacterOfPosition(st.getStart()).line + 1]);
  }
  exported.set(file, names);
}
// What is used of a file that re-exports others whole is used of them, name by name, through chains of them.
for (let changed = true; changed; ) {
  changed = false;
  for (const [file, targets] of reexports) {
    for (const name of used.get(file) ?? []) {
      for (const t of targets) {
        if (used.get(t)?.has(name)) continue;
        use(t, name);
        changed = true;
      }
    }
  }
}
const ENTRY = join(src, 'extension.ts');
for (const [file, names] of exported) {
  if (file === ENTRY) continue; // activate and deactivate are VS Code's to call
  const u = used.get(file) ?? new Set();
  if (u.has('*')) continue;
  for (const [name, line] of names) if (!u.has(name)) problems.push(`${show(file, line)}: ${name} is exported but used only in its own file`);
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
      problems.push(`import cycle: ${[...cycle, file].map((f) => relative(root, f)).join(' → ')}`);
    }
    return;
  }
  if (seen.has(file)) return;
  seen.add(file);
  for (const next of graph.get(file) ?? []) visit(next, [...stack, file]);
};
for (const file of files) visit(file, []);

if (share.commands > share.all * 0.2)
  problems.push(`src/commands: ${share.commands} of ${share.all} lines (at most 20 %): move what is not a command to its layer`);
console.log(`lint: the longest file is ${relative(root, longestFile.file)} (${longestFile.lines} lines); the longest function ${longestFunction.name} at ${longestFunction.at} (${longestFunction.lines} lines)`);
if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`lint: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`lint: ${files.length} files, no problems`);
