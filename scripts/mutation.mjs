// `npm run test:mutation`: StrykerJS over the files stryker.config.json lists, timed, then CONTRIBUTING's table
// written from its report (scripts/mutation-table.mjs), with how long it took. `npm run test:mutation -- FILE…`
// runs those files again (after tests were added for them) and puts their results into the whole run's report; the
// table then says which files were run again, and the whole run's time stays the one it states.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const REPORT = 'reports/mutation/mutation.json';
const RUN = 'reports/mutation/run.json';
const files = process.argv.slice(2);
const whole = files.length && existsSync(REPORT) ? JSON.parse(readFileSync(REPORT, 'utf8')) : undefined;
if (files.length && !whole) throw new Error(`a partial run needs a whole run's report first (${REPORT})`);
const started = Date.now();
const args = ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run', ...(files.length ? ['--mutate', files.join(',')] : [])];
const stryker = spawnSync(process.execPath, args, { stdio: 'inherit' });
if (stryker.status !== 0) process.exit(stryker.status ?? 1);
const seconds = (Date.now() - started) / 1000;
let run = { seconds, date: new Date().toISOString().slice(0, 10), rerun: [] };
if (whole) {
  const part = JSON.parse(readFileSync(REPORT, 'utf8'));
  writeFileSync(REPORT, JSON.stringify({ ...whole, files: { ...whole.files, ...part.files } }));
  const before = existsSync(RUN) ? JSON.parse(readFileSync(RUN, 'utf8')) : run;
  run = { ...before, rerun: [...new Set([...(before.rerun ?? []), ...Object.keys(part.files)])], rerunSeconds: seconds };
}
writeFileSync(RUN, JSON.stringify(run));
const env = { ...process.env, MUTATION_SECONDS: String(run.seconds), MUTATION_RERUN: (run.rerun ?? []).join(',') };
process.exit(spawnSync(process.execPath, ['scripts/mutation-table.mjs'], { stdio: 'inherit', env }).status ?? 1);
