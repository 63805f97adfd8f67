import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

interface Entry { command: string; when?: string }
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { menus: Record<string, Entry[]> } };
const entries = Object.entries(manifest.contributes.menus).flatMap(([menu, list]) => list.map((e) => ({ menu, ...e })));

describe('commands are offered where they apply', () => {
  // What only SendPortal's API can do: templates, and updating a draft (Sender's API documents no campaign update).
  const sendPortalOnly = ['newsletter.openTemplate', 'newsletter.newTemplate', 'newsletter.previewTemplate', 'newsletter.updateDraftFromFile'];

  it('every menu entry of a SendPortal-only command asks for SendPortal (the active connection or the file’s)', () => {
    const offered = entries.filter((e) => sendPortalOnly.includes(e.command) && e.when !== 'false');
    assert.ok(offered.length >= sendPortalOnly.length, 'each is on some menu');
    const loose = offered.filter((e) => !/newsletter\.(provider|fileService) == sendportal/.test(e.when ?? ''));
    assert.deepEqual(loose.map((e) => `${e.menu}: ${e.command}`), []);
  });

  it('Update Draft is offered only for a file linked to a draft; New Newsletter File is on File → New File…', () => {
    for (const e of entries.filter((x) => x.command === 'newsletter.updateDraftFromFile')) assert.match(e.when ?? '', /newsletter\.fileLinked/, e.menu);
    assert.ok(entries.some((e) => e.menu === 'file/newFile' && e.command === 'newsletter.newNewsletterFile'));
  });
});
