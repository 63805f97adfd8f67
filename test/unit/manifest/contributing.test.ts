import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';

/**
 * CONTRIBUTING's figures are its table, written by `npm run bench` from bench/results.json: the prose around it says
 * how to read them and restates none, so that it cannot disagree with a later run.
 */
describe("CONTRIBUTING: the prose restates no figure of the bench's table", () => {
  const text = fs.readFileSync('CONTRIBUTING.md', 'utf8');
  const from = text.indexOf('<!-- bench:end -->');
  const prose = text.slice(from, text.indexOf('\n## ', from));

  it('the table is there, and the prose after it is', () => {
    assert.ok(from > 0 && text.includes('<!-- bench:start -->'), 'no bench table');
    assert.ok(prose.length > 200, 'no prose after the table');
  });

  it('no measured figure (a number of ms, s, KB or MB, or a percentage) in the prose', () => {
    const figures = prose.match(/\b\d[\d.,]*\s?(ms|KB|MB|s|%)(?![\w-])/g) ?? [];
    assert.deepEqual(figures, []);
  });

});
