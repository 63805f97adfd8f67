// Writes the mutation table in CONTRIBUTING.md from StrykerJS's report (reports/mutation/mutation.json), between its markers:
// figures come from the tool, never by hand. Run by `npm run test:mutation` after Stryker.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

const report = JSON.parse(readFileSync('reports/mutation/mutation.json', 'utf8'));
const rows = ['| file | mutants | killed | survived | no coverage | score |', '| --- | --- | --- | --- | --- | --- |'];
let all = { killed: 0, survived: 0, none: 0, total: 0 };
for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const count = (...s) => mutants.filter((m) => s.includes(m.status)).length;
  const killed = count('Killed', 'Timeout');
  const survived = count('Survived');
  const none = count('NoCoverage');
  const total = killed + survived + none;
  all = { killed: all.killed + killed, survived: all.survived + survived, none: all.none + none, total: all.total + total };
  const score = (100 * killed) / Math.max(1, total);
  rows.push(`| \`${file}\` | ${total} | ${killed} | ${survived} | ${none} | ${score.toFixed(1)} %${score < 85 ? ' — **below 85 %**' : ''} |`);
}
rows.push(`| all | ${all.total} | ${all.killed} | ${all.survived} | ${all.none} | ${((100 * all.killed) / Math.max(1, all.total)).toFixed(1)} % |`);
const date = new Date().toISOString().slice(0, 10);
// How long StrykerJS took, when `npm run test:mutation` timed it (MUTATION_SECONDS), and on how many cores.
const secs = Number(process.env.MUTATION_SECONDS);
const took = Number.isFinite(secs) && secs > 0 ? ` in ${Math.round(secs / 60)} min with ${JSON.parse(readFileSync('stryker.config.json', 'utf8')).concurrency} test runners on ${cpus().length} cores` : '';
// Files run again after tests were added for them (npm run test:mutation -- FILE…): their rows are from that run.
const rerun = (process.env.MUTATION_RERUN ?? '').split(',').filter(Boolean);
const again = rerun.length ? ` Run again after tests were added for them: ${rerun.map((f) => `\`${f}\``).join(', ')}.` : '';
const readme = readFileSync('CONTRIBUTING.md', 'utf8');
const [start, end] = ['<!-- mutation:start -->', '<!-- mutation:end -->'];
if (!readme.includes(start)) throw new Error('CONTRIBUTING.md has no mutation markers');
writeFileSync('CONTRIBUTING.md', `${readme.slice(0, readme.indexOf(start) + start.length)}\n${rows.join('\n')}\n\nMeasured ${date}${took} (ignored: mutants of static values, as \`ignoreStatic\` says).${again}\n${readme.slice(readme.indexOf(end))}`);
console.log(rows.join('\n'));
