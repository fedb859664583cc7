import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { failureDataOf } from '../../src/transport/failure-data.js';

describe('failureDataOf', () => {
  it("reads the connector's fields and drops what it does not know", () => {
    const error = new ConnectorError(ConnectorErrorCodes.General, {
      message: 'SES AccessDeniedException: denied.',
      code: 'invalid_config',
      errorDescription: 'SES AccessDeniedException: denied.',
      sesError: 'AccessDeniedException',
      requestId: 'req-1',
      httpStatusCode: 403,
      attempts: 1,
      extra: 'not ours',
    });
    assert.deepEqual(failureDataOf(error), {
      message: 'SES AccessDeniedException: denied.',
      code: 'invalid_config',
      errorDescription: 'SES AccessDeniedException: denied.',
      sesError: 'AccessDeniedException',
      requestId: 'req-1',
      httpStatusCode: 403,
      attempts: 1,
    });
  });

  it('reads a string the kit stored as the message', () => {
    assert.deepEqual(failureDataOf(new ConnectorError(ConnectorErrorCodes.General, 'a string')), {
      message: 'a string',
    });
  });

  it('drops a field of the wrong type alone, keeping the message', () => {
    const error = new ConnectorError(ConnectorErrorCodes.General, { message: 'm', httpStatusCode: '404' });
    assert.deepEqual(failureDataOf(error), { message: 'm' });
  });

  it('is empty for data of another shape and for errors that are not ConnectorErrors', () => {
    assert.deepEqual(failureDataOf(new ConnectorError(ConnectorErrorCodes.General, { httpStatusCode: '404' })), {});
    assert.deepEqual(failureDataOf(new ConnectorError(ConnectorErrorCodes.General)), {});
    assert.deepEqual(failureDataOf(Object.assign(new Error('x'), { data: { message: 'm' } })), {});
  });
});
