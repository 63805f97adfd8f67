// The README the .vsix carries (the page VS Code's Extensions view shows): README.md without its Development section
// and, while package.json names no repository to serve them from, without its images (the Extensions view shows
// README images only from public https: URLs; a relative one shows as a broken image). Writes out/store/README.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
let text = readFileSync('README.md', 'utf8');
text = text.slice(0, text.indexOf('\n## Development') + 1 || undefined);
if (!pkg.repository?.url) {
  text = text
    .replace(/<details><summary>[^<]*<\/summary>\s*!\[[^\]]*\]\([^)]*\)\s*<\/details>\n*/g, '')
    .replace(/^!\[[^\]]*\]\((?!https:)[^)]*\)\n*/gm, '');
}
mkdirSync('out/store', { recursive: true });
writeFileSync('out/store/README.md', text);
