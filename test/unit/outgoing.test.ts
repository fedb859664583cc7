import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { readOutgoingMessage } from '../../src/message/outgoing.js';
import { failureDataOf } from '../../src/transport/failure-data.js';

const refusal = (data: unknown): string => {
  try {
    readOutgoingMessage(data);
  } catch (error: unknown) {
    assert.ok(error instanceof ConnectorError);
    assert.equal(error.code, ConnectorErrorCodes.InvalidRequestParameters);
    return failureDataOf(error).message ?? '';
  }
  assert.fail('accepted');
};

const valid = { to: 'user@example.com', type: 'SignIn', payload: { code: '123456' } };

describe('readOutgoingMessage', () => {
  it('returns to, type and payload, and nothing else', () => {
    assert.deepEqual(readOutgoingMessage({ ...valid, extra: 1 }), valid);
  });

  const cases: Array<[string, unknown, string]> = [
    ['nothing', undefined, 'the message is missing; it must be an object with to, type and payload'],
    ['null', null, 'the message must be an object with to, type and payload, not null'],
    ['an array', [valid], 'the message must be an object with to, type and payload, not an array'],
    ['a string', 'user@example.com', 'the message must be an object with to, type and payload, not a string'],
    ['no recipient', { ...valid, to: undefined }, 'to is missing; it must be a string (one email address)'],
    ['a number as recipient', { ...valid, to: 42 }, 'to must be a string (one email address), not a number'],
    ['a list of recipients', { ...valid, to: ['a@x.io'] }, 'to must be a string (one email address), not an array'],
    ['no type', { ...valid, type: undefined }, 'type is missing; it must be a template type such as SignIn or Generic'],
    ['an empty type', { ...valid, type: '' }, 'type must be a template type such as SignIn or Generic, not empty'],
    [
      'an object as type',
      { ...valid, type: {} },
      'type must be a template type such as SignIn or Generic, not an object',
    ],
    ['no payload', { ...valid, payload: undefined }, 'payload is missing; it must be an object'],
    ['a null payload', { ...valid, payload: null }, 'payload must be an object, not null'],
    ['an array payload', { ...valid, payload: ['123456'] }, 'payload must be an object, not an array'],
    ['a string payload', { ...valid, payload: '123456' }, 'payload must be an object, not a string'],
  ];
  for (const [name, data, problem] of cases) {
    it(`refuses ${name}, naming the field and the kind of value, never the value`, () => {
      assert.equal(refusal(data), `Invalid message to send: ${problem}.`);
    });
  }
});
