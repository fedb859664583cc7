import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { messageOf } from '../../src/connector/error-text.js';

describe('messageOf', () => {
  it('reads a ConnectorError as its message and precise code, anything else as its message', () => {
    const general = new ConnectorError(ConnectorErrorCodes.General, { message: 'm', code: 'invalid_config' });
    assert.equal(messageOf(general), 'm (invalid_config)');
    assert.equal(
      messageOf(new ConnectorError(ConnectorErrorCodes.InvalidConfig, { message: 'm' })),
      'm (invalid_config)'
    );
    assert.equal(messageOf(new ConnectorError(ConnectorErrorCodes.InvalidConfig)), 'ConnectorError: invalid_config');
    assert.equal(messageOf(Object.assign(new Error('plain'), { data: { message: 'not read' } })), 'plain');
    assert.equal(messageOf('str'), 'str');
    assert.equal(messageOf(42), '42');
  });
});
