// Mocha's spec reporter, plus a JSON file of the counts (NEWSLETTER_REPORT) so that `npm test` can sum every suite.
const Mocha = require('mocha');
const fs = require('node:fs');

class CountingSpec extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const file = process.env.NEWSLETTER_REPORT;
      if (!file) return;
      const { passes, failures, pending } = this.stats;
      fs.writeFileSync(file, JSON.stringify({ passed: passes, failed: failures, skipped: pending }));
    });
  }
}

module.exports = CountingSpec;
