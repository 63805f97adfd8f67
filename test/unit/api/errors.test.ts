/** Each failure the API layer raises: its kind (what the views and the status bar branch on), the fix it offers, its words. */
import * as assert from 'node:assert/strict';
import {
  type ApiError,
  AuthError,
  BadRequestError,
  CancelledError,
  ConfigError,
  InvalidResponseError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '../../../src/api/errors';

describe('API errors', () => {
  it('each has its kind, the action offered, its status and its message', () => {
    const cases: [ApiError, string, string, number | undefined, string][] = [
      [new BadRequestError('bad limit'), 'badRequest', 'fixInput', 400, 'The API rejected the request as malformed: bad limit'],
      [new BadRequestError(), 'badRequest', 'fixInput', 400, 'The API rejected the request as malformed.'],
      [
        new AuthError('Set a new token.'),
        'auth',
        'setToken',
        401,
        'The API token was refused (401): it is missing, wrong or expired. Set a new token.',
      ],
      [
        new NotFoundError('Campaign 7'),
        'notFound',
        'none',
        404,
        "Campaign 7 was not found (404). Check the id, or the connection's base URL if nothing is found.",
      ],
      [
        new ValidationError({ email: ['is taken.'], name: ['is long.'] }, 'Invalid.'),
        'validation',
        'fixInput',
        422,
        'The API did not accept the data: is taken. is long.',
      ],
      [new ValidationError({}, 'Invalid.'), 'validation', 'fixInput', 422, 'The API did not accept the data: Invalid.'],
      [new ValidationError({}), 'validation', 'fixInput', 422, 'The API did not accept the data.'],
      [new RateLimitedError(), 'rateLimited', 'waitAndRetry', 429, "The API's rate limit is used up (429). Try again in a moment."],
      [new RateLimitedError(200), 'rateLimited', 'waitAndRetry', 429, "The API's rate limit is used up (429). Try again in 1 s."],
      [new RateLimitedError(30_001), 'rateLimited', 'waitAndRetry', 429, "The API's rate limit is used up (429). Try again in 31 s."],
      [new ServerError(503), 'server', 'retry', 503, "The API server failed (503). This is on the server's side; try again later."],
      [
        new TimeoutError(2500),
        'timeout',
        'retry',
        undefined,
        'The API did not answer within 2.5 s. Check the connection or raise newsletter.requestTimeout.',
      ],
      [
        new NetworkError('h.example', 'ECONNRESET'),
        'network',
        'retry',
        undefined,
        'Could not reach h.example (ECONNRESET). Check the URL and your network.',
      ],
      [
        new InvalidResponseError('it sent an HTML page', 200),
        'invalidResponse',
        'editConnection',
        200,
        "The server's answer is not the API's JSON: it sent an HTML page. Check that the base URL points at the API.",
      ],
      [new CancelledError(), 'cancelled', 'none', undefined, 'The request was cancelled.'],
      [new ConfigError('No URL.'), 'config', 'editConnection', undefined, 'No URL.'],
      [new ConfigError('Sent.', 'none'), 'config', 'none', undefined, 'Sent.'],
    ];
    for (const [e, kind, action, status, message] of cases) {
      assert.deepEqual([e.kind, e.action, e.status, e.message], [kind, action, status, message], message);
    }
  });

  it('a network failure before a connection existed was never sent; one after may have been', () => {
    assert.equal(new NetworkError('h', 'ECONNREFUSED').neverSent, true);
    assert.equal(new NetworkError('h', 'ENOTFOUND').neverSent, true);
    assert.equal(new NetworkError('h', 'ECONNRESET').neverSent, false);
  });
});
