import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { messageTags, toTagValue } from '../../src/message/tags.js';
import { trackingOverrides } from '../../src/message/tracking.js';

describe('messageTags', () => {
  it('the usage type always; locale, application and organization from the payload when it has them', () => {
    assert.deepEqual(messageTags('SignIn', { code: '1' }), [{ Name: 'logto-usage-type', Value: 'SignIn' }]);
    assert.deepEqual(
      messageTags('OrganizationInvitation', {
        locale: 'zh-TW',
        application: { id: 'app_1' },
        organization: { id: 'org_1', name: 'Acme' },
      }),
      [
        { Name: 'logto-usage-type', Value: 'OrganizationInvitation' },
        { Name: 'logto-locale', Value: 'zh-TW' },
        { Name: 'logto-application', Value: 'app_1' },
        { Name: 'logto-organization', Value: 'org_1' },
      ]
    );
  });

  it("values follow SES's tag rule, sanitized as the usage type's is", () => {
    assert.deepEqual(messageTags('X', { locale: 'fr CA/é', organization: { id: 'o'.repeat(300) } }), [
      { Name: 'logto-usage-type', Value: 'X' },
      { Name: 'logto-locale', Value: 'fr_CA__' },
      { Name: 'logto-organization', Value: 'o'.repeat(256) },
    ]);
  });

  it('leaves a tag out for an empty value, a value that is not text, or a getter that throws: a tag never refuses a mail', () => {
    const throwing = {
      get id(): string {
        throw new Error('boom');
      },
    };
    assert.deepEqual(messageTags('X', { locale: '', application: throwing, organization: { id: { nested: 1 } } }), [
      { Name: 'logto-usage-type', Value: 'X' },
    ]);
    assert.deepEqual(messageTags('X', { organization: 'org_flat', application: Object.create({ id: 'inherited' }) }), [
      { Name: 'logto-usage-type', Value: 'X' },
    ]);
  });
});

describe('toTagValue', () => {
  it('a value with no character left is "unknown", since SES refuses an empty tag value', () => {
    assert.equal(toTagValue(''), 'unknown');
    assert.equal(toTagValue('é'), '_');
  });

  it('a number in the payload is a tag value too', () => {
    assert.deepEqual(messageTags('X', { organization: { id: 42 } }), [
      { Name: 'logto-usage-type', Value: 'X' },
      { Name: 'logto-organization', Value: '42' },
    ]);
  });
});

describe('trackingOverrides', () => {
  it('"off" disables open and click tracking; otherwise nothing is sent', () => {
    assert.deepEqual(trackingOverrides('off'), {
      Tracking: { OpenTrackingEnabled: 'DISABLED', ClickTrackingEnabled: 'DISABLED' },
    });
    assert.equal(trackingOverrides('configuration-set'), undefined);
    assert.equal(trackingOverrides(undefined), undefined);
  });
});
