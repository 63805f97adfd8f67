/** What a connection check makes of each outcome: reachable, signed in, how long it took, and the error to show. */
import * as assert from 'node:assert/strict';
import {
  AuthError,
  CancelledError,
  ConfigError,
  InvalidResponseError,
  NetworkError,
  NotFoundError,
  ServerError,
  TimeoutError,
} from '../../../src/api/errors';
import { measureHealth } from '../../../src/api/providers/health';
import { RateLimitState } from '../../../src/api/rateLimit';

const limit = () => new RateLimitState(() => 0);
/** A check that takes `ms` of wall time (to tell a latency measured from one computed backwards), then ends so. */
const after = (ms: number, outcome: () => { authenticated?: boolean }) => () =>
  new Promise<{ authenticated?: boolean }>((resolve, reject) =>
    setTimeout(() => {
      try {
        resolve(outcome());
      } catch (e) {
        reject(e);
      }
    }, ms),
  );
const fail = (e: Error) => () => {
  throw e;
};

describe('a connection check', () => {
  it('an answer: reachable, signed in as told, its latency and the rate limit as it stands', async () => {
    const rate = limit();
    const h = await measureHealth(
      rate,
      after(30, () => ({ authenticated: true })),
      undefined,
    );
    assert.deepEqual([h.reachable, h.authenticated, h.error, h.rateLimit], [true, true, undefined, rate.snapshot]);
    assert.ok(h.latencyMs! >= 25 && h.latencyMs! < 10_000, `latency ${h.latencyMs}`);
  });

  it('a status from the server: reachable, with its latency; a 401 says not signed in, a 404 says the URL is wrong', async () => {
    const refused = await measureHealth(limit(), after(30, fail(new AuthError('Set a new token.'))), async () => assert.fail('probed'));
    assert.deepEqual([refused.reachable, refused.authenticated, refused.error?.kind], [true, false, 'auth']);
    assert.ok(refused.latencyMs! >= 25, `latency ${refused.latencyMs}`);
    const down = await measureHealth(limit(), fail(new ServerError(503)), undefined);
    assert.deepEqual([down.reachable, down.authenticated, down.error?.kind], [true, undefined, 'server']);
    const wrong = await measureHealth(limit(), fail(new NotFoundError('The resource')), undefined);
    assert.ok(wrong.error instanceof ConfigError);
    assert.equal(wrong.error.message, "No API answered at this URL (404): check the connection's URL.");
  });

  it('no answer: unreachable with no latency, unless the probe reaches the host; a probe that fails is unreachable', async () => {
    let probes = 0;
    const probe = (ok: boolean) => async () => (probes++, ok);
    const lost = await measureHealth(limit(), fail(new NetworkError('h.example', 'ECONNREFUSED')), undefined);
    assert.deepEqual([lost.reachable, lost.latencyMs, lost.authenticated, lost.error?.kind], [false, undefined, undefined, 'network']);
    assert.equal((await measureHealth(limit(), fail(new TimeoutError(5000)), probe(true))).reachable, true);
    assert.equal((await measureHealth(limit(), fail(new TimeoutError(5000)), probe(false))).reachable, false);
    const broken = async () => Promise.reject(new Error('probe failed'));
    assert.equal((await measureHealth(limit(), fail(new TimeoutError(5000)), broken)).reachable, false);
    assert.equal(probes, 2);
  });

  it("an answer that is not the API's: unreachable as an API, unless the probe finds it; a wrong setting is never probed", async () => {
    const html = await measureHealth(limit(), fail(new InvalidResponseError('it sent an HTML page', 200)), async () => true);
    assert.deepEqual([html.reachable, html.latencyMs !== undefined], [true, true]);
    assert.equal((await measureHealth(limit(), fail(new InvalidResponseError('it sent an HTML page', 200)), undefined)).reachable, false);
    const config = await measureHealth(limit(), fail(new ConfigError('Refusing http://')), async () =>
      assert.fail('a wrong setting was probed'),
    );
    assert.deepEqual([config.reachable, config.error?.kind], [false, 'config']);
  });

  it('a cancelled check, or a failure that is not an API error, is thrown on', async () => {
    await assert.rejects(
      measureHealth(limit(), fail(new CancelledError()), async () => true),
      CancelledError,
    );
    await assert.rejects(
      measureHealth(limit(), fail(new TypeError('bug')), async () => true),
      TypeError,
    );
  });
});
