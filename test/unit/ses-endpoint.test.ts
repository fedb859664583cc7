import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { sesEndpointOf } from '../../src/transport/ses-endpoint.js';

const sesv2 = 'http://127.0.0.1:8001';
const generic = 'http://127.0.0.1:8002';
const configured = 'http://127.0.0.1:8003';

describe('sesEndpointOf', () => {
  it("prefers the config's endpoint, then AWS_ENDPOINT_URL_SESV2, then AWS_ENDPOINT_URL", () => {
    const env = { AWS_ENDPOINT_URL_SESV2: sesv2, AWS_ENDPOINT_URL: generic };
    assert.deepEqual(sesEndpointOf({ endpoint: configured }, env), { url: configured, from: 'endpoint' });
    assert.deepEqual(sesEndpointOf({}, env), { url: sesv2, from: 'AWS_ENDPOINT_URL_SESV2' });
    assert.deepEqual(sesEndpointOf({}, { AWS_ENDPOINT_URL: generic }), { url: generic, from: 'AWS_ENDPOINT_URL' });
    assert.equal(sesEndpointOf({}, {}), undefined);
  });

  it('ignores both variables when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true, but not the config', () => {
    const env = {
      AWS_ENDPOINT_URL_SESV2: sesv2,
      AWS_ENDPOINT_URL: generic,
      AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
    };
    assert.equal(sesEndpointOf({}, env), undefined);
    assert.deepEqual(sesEndpointOf({ endpoint: configured }, env), { url: configured, from: 'endpoint' });
    assert.deepEqual(sesEndpointOf({}, { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' }), {
      url: sesv2,
      from: 'AWS_ENDPOINT_URL_SESV2',
    });
  });
});
