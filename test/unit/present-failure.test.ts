import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { presentFailure } from '../../src/connector/present-failure.js';
import { logtoDisplay } from '../support/logto-display.js';

const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY';
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
