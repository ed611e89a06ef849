import { describe, expect, it } from 'vitest';
import { statusFault, transportFault } from './http-faults.js';

const TARGET = 'http://hub:8080';

function systemError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('faults from a broken exchange', () => {
  it.each([
    ['ECONNREFUSED', 'refused'],
    ['ENOTFOUND', 'refused'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
    ['UND_ERR_BODY_TIMEOUT', 'timeout'],
    ['UND_ERR_SOCKET', 'reset'],
    ['ECONNRESET', 'reset'],
    ['ECONNABORTED', 'reset'],
    ['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'malformed'],
  ])('%s is a %s fault', (code, kind) => {
    expect(transportFault('reads', TARGET, systemError(code, 'it broke')).kind).toBe(kind);
  });

  it('finds the code inside the error Node gives when every address refused', () => {
    const err = new AggregateError([systemError('ECONNREFUSED', 'refused')], '');

    const fault = transportFault('info', TARGET, err);

    expect([fault.kind, fault.message]).toEqual([
      'refused',
      'info: cannot connect to http://hub:8080: ECONNREFUSED',
    ]);
  });

  it('throws a failure of the program on unchanged', () => {
    const bug = new TypeError('x is not a function');

    expect(() => transportFault('reads', TARGET, bug)).toThrow(bug);
    expect(() => transportFault('reads', TARGET, systemError('UND_ERR_INVALID_ARG', ''))).toThrow();
  });
});

describe('faults from an answer that is not a success', () => {
  it.each([
    [401, 'unauthorised', false],
    [403, 'unauthorised', false],
    [404, 'refused-request', false],
    [409, 'refused-request', false],
    [413, 'too-large', false],
    [500, 'server-error', true],
    [503, 'server-error', true],
    [302, 'malformed', true],
  ])('%i is a %s fault', (status, kind, retryable) => {
    const fault = statusFault('reads', status, '');

    expect([fault.kind, fault.retryable, fault.status]).toEqual([kind, retryable, status]);
  });

  it('tells the title, detail and field errors of a problem', () => {
    const problem = {
      type: 'about:blank',
      title: 'Invalid batch',
      status: 400,
      detail: 'Two reads are malformed',
      errors: [
        { path: '/reads/3/vrm', message: 'Expected upper case' },
        { path: '/reads/9/readId', message: 'Required' },
      ],
    };

    const fault = statusFault('reads', 400, JSON.stringify(problem));

    expect(fault.message).toBe(
      'reads: the hub answered 400 Bad Request: Invalid batch: Two reads are malformed ' +
        '[/reads/3/vrm: Expected upper case; /reads/9/readId: Required]',
    );
  });

  it('tells the error and message of other JSON, and quotes anything else', () => {
    const json = JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: 'x' });

    expect(statusFault('clock', 500, json).message).toBe(
      'clock: the hub answered 500 Internal Server Error: Internal Server Error: x',
    );
    expect(statusFault('clock', 502, '<html>Bad gateway</html>').message).toBe(
      'clock: the hub answered 502 Bad Gateway: <html>Bad gateway</html>',
    );
  });
});
