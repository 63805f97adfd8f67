/** `npm run sandbox -- [--port N] [--limit N] [--window-ms N]`: prints one JSON line, runs until stopped. */
import { TOKENS, startSandbox } from './server';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const limit = Number(arg('limit') ?? 60);
  const windowMs = Number(arg('window-ms') ?? 60_000);
  const rateLimit = { sender: { limit, windowMs }, sendportal: { limit, windowMs } };
  const sandbox = await startSandbox({ port: Number(arg('port') ?? 0), rateLimit });
  process.stdout.write(
    JSON.stringify({
      origin: sandbox.origin,
      sender: { baseUrl: sandbox.senderUrl, token: TOKENS.sender, expiredToken: TOKENS.senderExpired },
      sendportal: { baseUrl: sandbox.sendPortalUrl, token: TOKENS.sendportal, expiredToken: TOKENS.sendportalExpired },
      control: `${sandbox.origin}/__sandbox/`,
    }) + '\n',
  );
  const stop = () => sandbox.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
