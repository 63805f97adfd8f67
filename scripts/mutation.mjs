// `npm run test:mutation`: StrykerJS over the files stryker.config.json lists, timed, then CONTRIBUTING's table
// written from its report (scripts/mutation-table.mjs), with how long it took.
import { spawnSync } from 'node:child_process';

const started = Date.now();
const stryker = spawnSync(process.execPath, ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run'], { stdio: 'inherit' });
if (stryker.status !== 0) process.exit(stryker.status ?? 1);
const env = { ...process.env, MUTATION_SECONDS: String((Date.now() - started) / 1000) };
process.exit(spawnSync(process.execPath, ['scripts/mutation-table.mjs'], { stdio: 'inherit', env }).status ?? 1);
