/**
 * What the tests of composing a message share: an HTML template as a config or Logto chose it, and
 * the ConnectorError a refused message throws, as code and the connector's own message.
 */
import assert from 'node:assert/strict';

import { ConnectorError } from '@logto/connector-kit';

import type { ChosenTemplate } from '../../src/message/template.js';
import { failureDataOf } from '../../src/transport/failure-data.js';

export const html: ChosenTemplate = {
  subject: 'Code {{code}}',
  content: '<p>Your code is {{code}}</p>',
  contentType: 'text/html',
};

/** Runs `run`, which must throw a ConnectorError, and returns its code and message. */
export const refusalOf = (run: () => unknown): { code: string; message: string } => {
  try {
    run();
  } catch (error: unknown) {
    assert.ok(error instanceof ConnectorError, `not a ConnectorError: ${String((error as Error)?.name)}`);
    return { code: error.code, message: failureDataOf(error).message ?? '' };
  }
  assert.fail('no error');
};
