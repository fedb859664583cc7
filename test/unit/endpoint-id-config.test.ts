/**
 * `endpointId` in the config: an SES global endpoint's ID, a host label the SDK puts into the
 * endpoint's host name; "" means not set; refused with a FIPS endpoint URL.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { parseConfig } from '../../src/config/config.js';
import { globalEndpointProblems } from '../../src/config/global-endpoint-rules.js';
import { configFor, secret } from '../support/fixtures.js';

/** The sentence Logto shows for a refused config. */
const refusal = (config: unknown): string => {
  try {
    parseConfig(config);
  } catch (error: unknown) {
    assert.ok(error instanceof ConnectorError);
    assert.equal(error.code, ConnectorErrorCodes.InvalidConfig);
    const text = typeof error.data === 'string' ? error.data : JSON.stringify(error.data);
    assert.ok(!text.includes(secret), 'the secret is never echoed');
    return text;
  }
  assert.fail('the config was accepted');
};

describe('endpointId', () => {
  for (const id of ['abcd1234.ef5g', 'abcdef', 'a1-b2.c3', `${'a'.repeat(63)}.b`]) {
    it(`accepts ${id}`, () => {
      assert.equal(parseConfig(configFor(undefined, { endpointId: id })).endpointId, id);
    });
  }

  it('trims surrounding spaces, as pasted from the console', () => {
    assert.equal(parseConfig(configFor(undefined, { endpointId: ' abcd1234.ef5g\n' })).endpointId, 'abcd1234.ef5g');
  });

  it('treats "" and null as not set', () => {
    assert.equal(parseConfig(configFor(undefined, { endpointId: '' })).endpointId, undefined);
    assert.equal(parseConfig(configFor(undefined, { endpointId: null })).endpointId, undefined);
  });

  for (const [id, why] of [
    ['https://abcd1234.ef5g.endpoints.email.amazonaws.com', 'a URL'],
    ['abcd1234.ef5g.endpoints.email.amazonaws.com/', 'a host with a path'],
    ['my global endpoint', 'a name with spaces'],
    ['logto_global', 'an underscore (an endpoint name, not an ID)'],
    ['-abc', 'a leading hyphen'],
    ['abc-', 'a trailing hyphen'],
    ['abc..def', 'an empty label'],
    ['.abc', 'a leading dot'],
    ['a'.repeat(64), 'a label longer than 63'],
    ['bücher', 'a non-ASCII letter'],
  ] as const) {
    it(`refuses ${why}, naming endpointId`, () => {
      assert.match(
        refusal(configFor(undefined, { endpointId: id })),
        /endpointId must be the ID of an SES global endpoint/
      );
    });
  }

  it('refuses a number, naming endpointId', () => {
    assert.match(refusal(configFor(undefined, { endpointId: 42 })), /endpointId must be a string/);
  });

  describe('with FIPS', () => {
    for (const endpoint of [
      'https://email-fips.us-east-1.amazonaws.com',
      'https://email-fips.us-gov-west-1.amazonaws.com',
      'https://fips.example.internal',
    ]) {
      it(`refuses endpointId with the FIPS endpoint ${endpoint}, naming both fields`, () => {
        assert.match(
          refusal(configFor(undefined, { endpointId: 'abcd1234.ef5g', endpoint })),
          /endpointId cannot be used with a FIPS endpoint \(endpoint is a FIPS host\).*clear endpointId or set endpoint/
        );
      });
    }

    it('keeps a FIPS endpoint without endpointId, and endpointId with another endpoint', () => {
      assert.doesNotThrow(() =>
        parseConfig(configFor(undefined, { endpoint: 'https://email-fips.us-east-1.amazonaws.com' }))
      );
      assert.doesNotThrow(() =>
        parseConfig(
          configFor(undefined, {
            endpointId: 'abcd1234.ef5g',
            endpoint: 'https://vpce-0abc.email.us-east-1.vpce.amazonaws.com',
          })
        )
      );
      assert.doesNotThrow(() =>
        parseConfig(configFor(undefined, { endpointId: 'abcd1234.ef5g', endpoint: 'http://127.0.0.1:8005' }))
      );
    });
  });
});

describe('globalEndpointProblems', () => {
  it('leaves an endpoint that is no URL to the endpoint rule, which names it', () => {
    assert.deepEqual(globalEndpointProblems({ endpointId: 'abcd1234.ef5g', endpoint: 'not a url' }), []);
  });
});
