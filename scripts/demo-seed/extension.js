// A demo-only helper extension, never part of the .vsix: `npm run demo -- --connected` installs it next to Newsletter
// Explorer so that the two sandbox connections exist, with their tokens, when the browser first opens. It adds them
// through the extension's own commands, so the tokens go where every token goes: Newsletter Explorer's SecretStorage,
// after the same check a pasted token gets. The sandbox's URLs and tokens are written into seed.json by the demo.
const vscode = require('vscode');
const seed = require('./seed.json');

exports.activate = async () => {
  const have = vscode.workspace.getConfiguration('newsletter').get('connections') ?? [];
  for (const c of seed) {
    if (have.some((p) => p.baseUrl === c.baseUrl)) continue;
    const profile = await vscode.commands.executeCommand('newsletter.addConnection', { provider: c.provider, baseUrl: c.baseUrl, label: c.label });
    await vscode.commands.executeCommand('newsletter.setToken', { connectionId: profile.id, token: c.token });
  }
};
