/** Entry point the extension host loads (extensionTestsPath): runs every *.test.js beside it with mocha. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

interface Outcome {
  title: string;
  state: 'passed' | 'failed' | 'skipped';
  error?: string;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'dot' });
  // While working on one suite: NEWSLETTER_GREP=pattern npm run test:integration.
  if (process.env.NEWSLETTER_GREP) mocha.grep(new RegExp(process.env.NEWSLETTER_GREP));
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  // Each test makes its own state: NEWSLETTER_ORDER=reverse runs every suite's tests (and suites) last to first, so a
  // test that leans on one before it fails.
  const order = process.env.NEWSLETTER_ORDER === 'reverse' ? mocha.loadFilesAsync().then(() => reverse(mocha.suite)) : Promise.resolve();
  const outcomes: Outcome[] = [];
  return order.then(() => new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The page console mixes our output with the workbench's: the runner reads this file instead.
      const report = process.env.NEWSLETTER_REPORT;
      if (report) {
        const count = (s: Outcome['state']) => outcomes.filter((o) => o.state === s).length;
        fs.writeFileSync(report, JSON.stringify({ passed: count('passed'), failed: count('failed'), skipped: count('skipped'), tests: outcomes }));
      }
      if (failures) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => outcomes.push({ title: t.fullTitle(), state: 'passed' }));
    runner.on('fail', (t, err) => outcomes.push({ title: t.fullTitle(), state: 'failed', error: String(err?.stack ?? err) }));
    runner.on('pending', (t) => outcomes.push({ title: t.fullTitle(), state: 'skipped' }));
  }));
}

function reverse(suite: Mocha.Suite): void {
  suite.tests.reverse();
  suite.suites.reverse();
  suite.suites.forEach(reverse);
}
