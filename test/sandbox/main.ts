/** `npm run sandbox -- [--port N] [--limit N] [--window-ms N] [--subscribers N] [--cost N] [--sparse-ids] [--id-gaps runs|random|clustered]` (cost: what one SendPortal request counts): prints one JSON line, runs until stopped. */
import { parseArgs } from 'node:util';
import type { IdGaps } from './data';
import { TOKENS, startSandbox } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '0' }, limit: { type: 'string', default: '60' }, 'window-ms': { type: 'string', default: '60000' }, subscribers: { type: 'string', default: '2500' }, cost: { type: 'string', default: '1' }, 'sparse-ids': { type: 'boolean' }, 'id-gaps': { type: 'string' } },
  });
  const limit = Number(values.limit);
  const windowMs = Number(values['window-ms']);
  const rateLimit = { sender: { limit, windowMs }, sendportal: { limit, windowMs, cost: Number(values.cost) } };
  const sandbox = await startSandbox({ port: Number(values.port), rateLimit, subscribers: Number(values.subscribers), sparseIds: (values['id-gaps'] as IdGaps | undefined) ?? values['sparse-ids'] });
  process.stdout.write(
    JSON.stringify({
      origin: sandbox.origin,
      sender: { baseUrl: sandbox.senderUrl, token: TOKENS.sender, expiredToken: TOKENS.senderExpired },
      sendportal: { baseUrl: sandbox.sendPortalUrl, token: TOKENS.sendportal, expiredToken: TOKENS.sendportalExpired },
      control: `${sandbox.origin}/__sandbox/`,
    }) + '\n',
  );
  const stop = () => void sandbox.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
