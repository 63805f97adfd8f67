/** The README the .vsix carries (VS Code's Extensions view shows it): no broken image, no developer section. */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

describe('the packaged README', () => {
  it('leaves out the images no https host serves and the Development section, and keeps what a user reads', () => {
    execFileSync(process.execPath, ['scripts/store-readme.mjs']);
    const text = readFileSync('out/store/README.md', 'utf8');
    assert.doesNotMatch(text, /!\[[^\]]*\]\((?!https:)/, 'a relative image: broken in the Extensions view');
    assert.doesNotMatch(text, /^## Development|npm ci|CONTRIBUTING/m, 'developer set-up on the store page');
    for (const heading of ['## Install', '## Using it', '## Security']) assert.ok(text.includes(heading), heading);
    assert.match(readFileSync('README.md', 'utf8'), /!\[[^\]]+\]\(media\/screenshot\.jpg\)/, 'the repository README lost its screenshot');
  });
});
