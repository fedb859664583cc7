import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { presentFailure } from '../../src/connector/present-failure.js';
import { logtoDisplay } from '../support/logto-display.js';
import { secret } from '../support/fixtures.js';

const token = 'FwoGZXIvYXdzEJr-session-token';

const failure = () =>
  new ConnectorError(ConnectorErrorCodes.InvalidConfig, {
    message: 'SES MessageRejected: Email address is not verified. Verify the recipient address.',
    sesError: 'MessageRejected',
    requestId: `echo ${token}`,
    nested: { headers: [`x-amz-security-token: ${token}`, encodeURIComponent(secret)] },
  });

describe('presentFailure', () => {
  it("gives the console's test general, the message as errorDescription, the precise code beside it", () => {
    const shown = presentFailure(failure(), 'console test', [secret, token]);
    assert.equal(shown.code, ConnectorErrorCodes.General);
    const data = shown.data as Record<string, unknown>;
    assert.equal(data.code, ConnectorErrorCodes.InvalidConfig);
    assert.equal(data.sesError, 'MessageRejected');
    assert.equal(data.errorDescription, data.message);
    assert.deepEqual(logtoDisplay(shown), {
      status: 400,
      code: 'connector.general',
      message:
        'Error occurred in connector: SES MessageRejected: Email address is not verified. Verify the recipient address.',
    });
  });

  it("keeps the precise code for Logto's own sends, so the sign-in page shows the neutral phrase", () => {
    const shown = presentFailure(failure(), 'end user', [secret, token]);
    assert.equal(shown.code, ConnectorErrorCodes.InvalidConfig);
    assert.equal((shown.data as Record<string, unknown>).errorDescription, undefined);
    assert.equal(logtoDisplay(shown).message, "The connector's config is invalid.");
  });

  it('redacts every string, in any field and any form, message and stack included', () => {
    for (const audience of ['console test', 'end user'] as const) {
      const shown = presentFailure(failure(), audience, [secret, token]);
      const data = shown.data as Record<string, unknown>;
      assert.equal(data.requestId, 'echo [redacted]');
      for (const text of [shown.message, String(shown.stack), JSON.stringify(shown), inspect(shown, { depth: null })]) {
        assert.ok(!text.includes(token), text);
        assert.ok(!text.includes(encodeURIComponent(secret)), text);
      }
    }
  });

  it('turns anything else thrown into a ConnectorError that says what it was', () => {
    const bug = new TypeError(`Cannot read properties of undefined (reading '${token}')`);
    const logto = presentFailure(bug, 'end user', [token]);
    assert.equal(logto.code, ConnectorErrorCodes.InvalidResponse);
    const consoleTest = presentFailure(bug, 'console test', [token]);
    assert.equal(
      logtoDisplay(consoleTest).message,
      "Error occurred in connector: The connector failed unexpectedly: TypeError: Cannot read properties of undefined (reading '[redacted]')"
    );
  });
});

describe('presentFailure, for every shape a failure can take', () => {
  const secrets = ['S3CRET'];
  const cases: Array<
    [string, unknown, { console: Record<string, unknown>; endUser: [string, Record<string, unknown>] }]
  > = [
    [
      'a ConnectorError without data',
      new ConnectorError(ConnectorErrorCodes.InvalidConfig),
      {
        console: { code: 'invalid_config', errorDescription: 'invalid_config' },
        endUser: ['invalid_config', {}],
      },
    ],
    [
      'a ConnectorError with a string',
      new ConnectorError(ConnectorErrorCodes.InvalidConfig, 'bad S3CRET value'),
      {
        console: { message: 'bad [redacted] value', code: 'invalid_config', errorDescription: 'bad [redacted] value' },
        endUser: ['invalid_config', { message: 'bad [redacted] value' }],
      },
    ],
    [
      'a ConnectorError with an array',
      new ConnectorError(ConnectorErrorCodes.InvalidConfig, ['S3CRET', 2]),
      {
        console: { message: '["[redacted]",2]', code: 'invalid_config', errorDescription: '["[redacted]",2]' },
        endUser: ['invalid_config', { message: '["[redacted]",2]' }],
      },
    ],
    [
      'a ConnectorError with null data',
      new ConnectorError(ConnectorErrorCodes.InvalidConfig, null),
      {
        console: { message: 'null', code: 'invalid_config', errorDescription: 'null' },
        endUser: ['invalid_config', { message: 'null' }],
      },
    ],
    [
      'a ConnectorError with a number',
      new ConnectorError(ConnectorErrorCodes.InvalidConfig, 42),
      {
        console: { message: '42', code: 'invalid_config', errorDescription: '42' },
        endUser: ['invalid_config', { message: '42' }],
      },
    ],
    [
      'a ConnectorError whose data was set to a string after it was made',
      Object.assign(new ConnectorError(ConnectorErrorCodes.InvalidConfig), { data: 'set S3CRET later' }),
      {
        console: { message: 'set [redacted] later', code: 'invalid_config', errorDescription: 'set [redacted] later' },
        endUser: ['invalid_config', { message: 'set [redacted] later' }],
      },
    ],
    [
      'a ConnectorError with data but no message',
      new ConnectorError(ConnectorErrorCodes.InvalidResponse, { sesError: 'X', note: 'has S3CRET' }),
      {
        console: {
          sesError: 'X',
          note: 'has [redacted]',
          code: 'invalid_response',
          errorDescription: '{"sesError":"X","note":"has [redacted]"}',
        },
        endUser: ['invalid_response', { sesError: 'X', note: 'has [redacted]' }],
      },
    ],
    [
      'an Error of any other kind',
      new TypeError('boom S3CRET'),
      {
        console: {
          message: 'The connector failed unexpectedly: TypeError: boom [redacted]',
          code: 'invalid_response',
          errorDescription: 'The connector failed unexpectedly: TypeError: boom [redacted]',
        },
        endUser: ['invalid_response', { message: 'The connector failed unexpectedly: TypeError: boom [redacted]' }],
      },
    ],
    [
      'a thrown string',
      'just S3CRET',
      {
        console: {
          message: 'The connector failed unexpectedly: Error: just [redacted]',
          code: 'invalid_response',
          errorDescription: 'The connector failed unexpectedly: Error: just [redacted]',
        },
        endUser: ['invalid_response', { message: 'The connector failed unexpectedly: Error: just [redacted]' }],
      },
    ],
    [
      'a thrown null',
      null,
      {
        console: {
          message: 'The connector failed unexpectedly: Error: a value with no text',
          code: 'invalid_response',
          errorDescription: 'The connector failed unexpectedly: Error: a value with no text',
        },
        endUser: ['invalid_response', { message: 'The connector failed unexpectedly: Error: a value with no text' }],
      },
    ],
    [
      'an object without a prototype, as a hostile payload getter may throw',
      Object.create(null) as unknown,
      {
        console: {
          message: 'The connector failed unexpectedly: Error: a value with no text',
          code: 'invalid_response',
          errorDescription: 'The connector failed unexpectedly: Error: a value with no text',
        },
        endUser: ['invalid_response', { message: 'The connector failed unexpectedly: Error: a value with no text' }],
      },
    ],
    [
      'an object whose name and message are not strings and whose toString throws',
      {
        name: 7,
        message: {
          toString: () => {
            throw new Error('no text');
          },
        },
      },
      {
        console: {
          message: 'The connector failed unexpectedly: 7: [object Object]',
          code: 'invalid_response',
          errorDescription: 'The connector failed unexpectedly: 7: [object Object]',
        },
        endUser: ['invalid_response', { message: 'The connector failed unexpectedly: 7: [object Object]' }],
      },
    ],
  ];
  for (const [name, thrown, expected] of cases) {
    it(name, () => {
      const shown = presentFailure(thrown, 'console test', secrets);
      assert.equal(shown.code, ConnectorErrorCodes.General);
      assert.deepEqual(shown.data, expected.console);
      const failed = presentFailure(thrown, 'end user', secrets);
      assert.deepEqual([failed.code, failed.data], expected.endUser);
    });
  }
});
