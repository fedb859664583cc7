import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { parseRecipient } from '../../src/config/address.js';
import { awsSesConfigGuard, parseConfig } from '../../src/config/config.js';
import { clientSettingsOf } from '../../src/transport/client-settings.js';
import { failureDataOf } from '../../src/transport/failure-data.js';
import { secret } from '../support/fixtures.js';

const validConfig = () => ({
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  accessKeySecret: secret,
  region: 'us-east-1',
  emailAddress: 'Logto<noreply@logto.io>',
  templates: [{ usageType: 'Generic', subject: 'Code', content: 'Your code is {{code}}' }],
});

/** A config exactly as `@logto/connector-aws-ses` 1.5.4 documents and requires it. */
const officialConfig = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  accessKeySecret: secret,
  region: 'eu-west-1',
  emailAddress: '<noreply@logto.io>',
  emailAddressIdentityArn: 'arn:aws:ses:eu-west-1:123456789012:identity/logto.io',
  feedbackForwardingEmailAddress: 'bounces@logto.io',
  feedbackForwardingEmailAddressIdentityArn: 'arn:aws:ses:eu-west-1:123456789012:identity/logto.io',
  configurationSetName: 'logto-events',
  templates: ['SignIn', 'Register', 'ForgotPassword', 'Generic'].map((usageType) => ({
    usageType,
    subject: `<${usageType}-subject>`,
    content: `Your Logto ${usageType} code is {{code}}.`,
  })),
};

/** The ConnectorError thrown for `config`, and the sentence Logto shows (`data.message`). */
const configError = (config: unknown): { error: ConnectorError; message: string } => {
  try {
    parseConfig(config);
  } catch (error: unknown) {
    assert.ok(error instanceof ConnectorError);
    assert.equal(error.code, ConnectorErrorCodes.InvalidConfig);
    const message = failureDataOf(error).message ?? '';
    return { error, message };
  }
  assert.fail('the config was accepted');
};

describe('parseConfig', () => {
  it('accepts a config written for the official connector 1.5.4', () => {
    const parsed = parseConfig(structuredClone(officialConfig));
    assert.equal(parsed.configurationSetName, 'logto-events');
    assert.equal(parsed.templates.length, 4);
  });

  it('accepts a Generic template alone, and templates of types it does not know', () => {
    assert.doesNotThrow(() => parseConfig(validConfig()));
    assert.doesNotThrow(() =>
      parseConfig({ ...validConfig(), templates: [{ usageType: 'SomeFutureType', subject: 's', content: 'c' }] })
    );
  });

  it('keeps unknown keys, as the official guard does', () => {
    const parsed = parseConfig({ ...validConfig(), somethingElse: 42 });
    assert.equal((parsed as Record<string, unknown>).somethingElse, 42);
  });

  it('treats an optional field left blank in the console as not set', () => {
    const parsed = parseConfig({ ...validConfig(), configurationSetName: '', replyTo: '', endpoint: '' });
    assert.equal(parsed.configurationSetName, undefined);
    assert.equal(parsed.replyTo, undefined);
    assert.equal(parsed.endpoint, undefined);
  });

  it('leaves credentials to the AWS default chain when no keys are set', () => {
    const { accessKeyId, accessKeySecret, ...withoutKeys } = validConfig();
    const parsed = parseConfig(withoutKeys);
    assert.equal(parsed.accessKeyId, undefined);
    assert.ok(accessKeyId && accessKeySecret);
    assert.doesNotThrow(() => parseConfig({ ...withoutKeys, accessKeyId: '', accessKeySecret: '' }));
  });

  it('accepts temporary keys and a role to assume', () => {
    const parsed = parseConfig({
      ...validConfig(),
      sessionToken: 'FwoGZXIvYXdzEJr//////////wEaDH',
      roleArn: 'arn:aws:iam::123456789012:role/logto-ses',
      externalId: 'tenant-42',
      roleSessionName: 'logto',
    });
    assert.equal(parsed.roleArn, 'arn:aws:iam::123456789012:role/logto-ses');
    assert.doesNotThrow(() =>
      parseConfig({ ...validConfig(), roleArn: 'arn:aws-cn:iam::123456789012:role/path/to/role' })
    );
  });

  it("reads timeoutMs and maxAttempts from numbers or the console's numeric strings", () => {
    assert.deepEqual(
      (({ timeoutMs, maxAttempts }) => ({ timeoutMs, maxAttempts }))(
        parseConfig({ ...validConfig(), timeoutMs: '2500', maxAttempts: 1 })
      ),
      { timeoutMs: 2500, maxAttempts: 1 }
    );
    const parsed = parseConfig({ ...validConfig(), timeoutMs: '', maxAttempts: null });
    assert.equal(parsed.timeoutMs, undefined);
    assert.equal(parsed.maxAttempts, undefined);
  });

  it("reads logLevel and logFormat as the console's selects send them, and names the values a wrong one may take", () => {
    const parsed = parseConfig({ ...validConfig(), logLevel: 'info', logFormat: 'json' });
    assert.deepEqual([parsed.logLevel, parsed.logFormat], ['info', 'json']);
    const blank = parseConfig({ ...validConfig(), logLevel: '', logFormat: '' });
    assert.deepEqual([blank.logLevel, blank.logFormat], [undefined, undefined]);
    assert.equal(
      configError({ ...validConfig(), logLevel: 'debug', logFormat: 'xml' }).message,
      'Invalid AWS SES connector config: logLevel must be one of "error", "info"; logFormat must be one of "text", "json".'
    );
  });

  it('accepts regions of every partition', () => {
    for (const region of [
      'us-east-1',
      'eu-central-2',
      'ap-southeast-7',
      'cn-northwest-1',
      'us-gov-west-1',
      'us-isob-east-1',
      'eusc-de-east-1',
    ]) {
      assert.doesNotThrow(() => parseConfig({ ...validConfig(), region }), region);
    }
  });

  it('accepts https endpoints anywhere and http only on loopback', () => {
    for (const endpoint of [
      'https://email.us-east-1.amazonaws.com',
      'http://127.0.0.1:8005',
      'http://localhost:8005',
      'http://[::1]:8005',
      'http://127.45.6.7:8005',
    ]) {
      assert.doesNotThrow(() => parseConfig({ ...validConfig(), endpoint }), endpoint);
    }
  });

  it('refuses plain http to any address off the loopback, IPv4 and IPv6 alike', () => {
    for (const endpoint of [
      'http://10.0.0.5:8005',
      'http://192.168.1.20',
      'http://128.0.0.1',
      'http://[fd00::1]:8005',
      'http://127.0.0.1.nip.io',
    ]) {
      assert.match(
        configError({ ...validConfig(), endpoint }).message,
        /endpoint may use http only for a loopback/,
        endpoint
      );
    }
  });

  it('leaves timeoutMs and maxAttempts unset, so the transport applies 10000 ms and 3 attempts', () => {
    const settings = clientSettingsOf(parseConfig(validConfig()));
    assert.equal(settings.timeoutMs, 10_000);
    assert.equal(settings.maxAttempts, 3);
  });

  it('validates once per config object', () => {
    const config = validConfig();
    assert.equal(parseConfig(config), parseConfig(config));
    assert.notEqual(parseConfig(validConfig()), parseConfig(config));
  });

  for (const [name, change, expected] of [
    ['a missing secret', { accessKeySecret: undefined }, /accessKeySecret is required when accessKeyId is set/],
    ['a secret without its key id', { accessKeyId: '' }, /accessKeyId is required when accessKeySecret is set/],
    [
      'a session token without keys',
      { accessKeyId: undefined, accessKeySecret: undefined, sessionToken: 'FwoGZXIvYXdzEJr-session-token' },
      /sessionToken needs accessKeyId and accessKeySecret/,
    ],
    ['an external id without a role', { externalId: 'tenant-42' }, /externalId is used only with roleArn/],
    ['a session name without a role', { roleSessionName: 'logto' }, /roleSessionName is used only with roleArn/],
    [
      'a role ARN that is not a role',
      { roleArn: 'arn:aws:iam::123456789012:user/logto' },
      /roleArn must be an IAM role ARN/,
    ],
    [
      'a role session name with spaces',
      { roleArn: 'arn:aws:iam::123456789012:role/logto', roleSessionName: 'my session' },
      /roleSessionName must be 2 to 64/,
    ],
    ['a fractional timeout', { timeoutMs: 1500.5 }, /timeoutMs must be a whole number/],
    ['a timeout below 100 ms', { timeoutMs: 50 }, /timeoutMs must be at least 100/],
    ['a timeout that is not a number', { timeoutMs: 'soon' }, /timeoutMs must be a number, not string/],
    ['too many attempts', { maxAttempts: 11 }, /maxAttempts must be at most 10/],
    ['zero attempts', { maxAttempts: 0 }, /maxAttempts must be at least 1/],
    ['an empty key id', { accessKeyId: '  ' }, /accessKeyId must not be empty/],
    ['an unknown region shape', { region: 'nowhere' }, /region must be an AWS region code/],
    ['a sender list', { emailAddress: 'a@x.io, b@x.io' }, /emailAddress .*exactly one/],
    ['a sender with a line break', { emailAddress: 'a@x.io\r\nBcc: b@x.io' }, /emailAddress contains a line break/],
    ['a non-ASCII local part', { emailAddress: 'jörg@x.io' }, /emailAddress .*non-ASCII/],
    ['a plain-http remote endpoint', { endpoint: 'http://example.com' }, /endpoint may use http only for a loopback/],
    ['a non-URL endpoint', { endpoint: 'email.us-east-1' }, /endpoint must be a URL/],
    ['an ftp endpoint', { endpoint: 'ftp://127.0.0.1' }, /endpoint must be an https URL/],
    ['a bad reply-to', { replyTo: 'support' }, /replyTo .*not an email address/],
    ['a bad configuration set name', { configurationSetName: 'has spaces' }, /configurationSetName must be 1 to 64/],
    [
      'a bad identity ARN',
      { emailAddressIdentityArn: 'logto.io' },
      /emailAddressIdentityArn must be an SES identity ARN/,
    ],
    ['templates that are not an array', { templates: {} }, /templates must be an array, not object/],
    [
      'a template without content',
      { templates: [{ usageType: 'Generic', subject: 's' }] },
      /templates\[0\]\.content is required/,
    ],
    [
      'an unknown content type',
      { templates: [{ usageType: 'Generic', subject: 's', content: 'c', contentType: 'text/markdown' }] },
      /templates\[0\]\.contentType must be one of "text\/html", "text\/plain"/,
    ],
  ] as const) {
    it(`names the field for ${name}`, () => {
      assert.match(configError({ ...validConfig(), ...change }).message, expected);
    });
  }

  it('names every bad field at once', () => {
    assert.match(
      configError({ accessKeyId: 5, templates: [] }).message,
      /accessKeyId must be a string, not number; region is required/
    );
  });

  it('refuses a config that is not an object', () => {
    assert.match(configError('{"region":"us-east-1"}').message, /config must be a JSON object/);
    assert.match(configError(null).message, /config must be a JSON object/);
  });

  it('never echoes the secret', () => {
    const { error, message } = configError({ ...validConfig(), region: secret, accessKeyId: 7 });
    assert.match(message, /accessKeyId must be a string, not number; region must be an AWS region code/);
    for (const text of [
      message,
      error.message,
      String(error.stack),
      JSON.stringify(error),
      inspect(error, { showHidden: true, depth: null }),
    ]) {
      assert.ok(!text.includes(secret), text);
    }
  });

  it('is the guard Logto validates saved configs with', () => {
    assert.equal(awsSesConfigGuard.safeParse(officialConfig).success, true);
    assert.equal(awsSesConfigGuard.safeParse({ ...officialConfig, region: 'nowhere' }).success, false);
  });
});

describe('the edges of each field', () => {
  const roleArn = 'arn:aws:iam::123456789012:role/logto';
  const refused: Array<[string, Record<string, unknown> | string, string]> = [
    ['a region with a leading digit', { region: '1us-east-1' }, 'region must be an AWS region code such as us-east-1'],
    [
      'a region with a trailing letter',
      { region: 'us-east-1a' },
      'region must be an AWS region code such as us-east-1',
    ],
    [
      'a region with a character no region has',
      { region: 'us-ea_st-1' },
      'region must be an AWS region code such as us-east-1',
    ],
    [
      'a region with a 3-digit number',
      { region: 'us-east-123' },
      'region must be an AWS region code such as us-east-1',
    ],
    ...['user:pass@', 'user@', ':pass@'].map((credentials): [string, Record<string, unknown>, string] => [
      `an endpoint with ${credentials}`,
      { endpoint: `https://${credentials}email.us-east-1.amazonaws.com` },
      'endpoint must not contain a user name or password (user:pass@): SES takes no credentials in the URL',
    ]),
    [
      'a key id with a space inside',
      { accessKeyId: 'AKIA EXAMPLE' },
      'accessKeyId must be visible ASCII characters only (no spaces, line breaks or non-ASCII characters): it is sent in an HTTP header',
    ],
    [
      'a role ARN with a prefix',
      { roleArn: `x${roleArn}` },
      'roleArn must be an IAM role ARN (arn:aws:iam::123456789012:role/name)',
    ],
    [
      'a role ARN with more after the role name',
      { roleArn: `${roleArn} extra` },
      'roleArn must be an IAM role ARN (arn:aws:iam::123456789012:role/name)',
    ],
    [
      'an external id with a space before',
      { roleArn, externalId: ' tenant-42' },
      'externalId must be 2 to 1224 letters, digits or +=,.@:/-',
    ],
    [
      'an external id with a space after',
      { roleArn, externalId: 'tenant-42 ' },
      'externalId must be 2 to 1224 letters, digits or +=,.@:/-',
    ],
    ['a timeout with a unit', { timeoutMs: '2500ms' }, 'timeoutMs must be a number, not string'],
    ['a timeout after a letter', { timeoutMs: 'x2500' }, 'timeoutMs must be a number, not string'],
    ['a timeout in a list', { timeoutMs: [2500] }, 'timeoutMs must be a number, not array'],
    [
      'an identity ARN with a prefix',
      { emailAddressIdentityArn: 'xarn:aws:ses:us-east-1:1:identity/logto.io' },
      'emailAddressIdentityArn must be an SES identity ARN (arn:aws:ses:…)',
    ],
    [
      'two problems, both named in order',
      { region: 'nowhere', timeoutMs: 5 },
      'region must be an AWS region code such as us-east-1; timeoutMs must be at least 100',
    ],
    ['a config that is not an object', 'config', 'config must be a JSON object'],
    [
      'endpointId with a FIPS host that ends in fips',
      { endpointId: 'abcd1234.ef5g', endpoint: 'https://email-fips' },
      'endpointId cannot be used with a FIPS endpoint (endpoint is a FIPS host): SES global endpoints have no FIPS variant, so clear endpointId or set endpoint to a non-FIPS URL',
    ],
    [
      'endpointId with an endpoint that is no URL: the URL is the problem',
      { endpointId: 'abcd1234.ef5g', endpoint: 'not a url' },
      'endpoint must be a URL such as https://email.us-east-1.amazonaws.com',
    ],
  ];
  for (const [name, change, problem] of refused) {
    it(`refuses ${name}`, () => {
      const config = typeof change === 'string' ? change : { ...validConfig(), ...change };
      assert.equal(configError(config).message, `Invalid AWS SES connector config: ${problem}.`);
    });
  }

  it('accepts a two-digit region number and a timeout written with spaces around it', () => {
    const parsed = parseConfig({ ...validConfig(), region: 'ap-southeast-12', timeoutMs: ' 2500 ' });
    assert.equal(parsed.region, 'ap-southeast-12');
    assert.equal(parsed.timeoutMs, 2500);
  });

  it('accepts a region pasted with spaces around it, and keeps it without them', () => {
    assert.equal(parseConfig({ ...validConfig(), region: ' eu-west-1 ' }).region, 'eu-west-1');
  });

  it('accepts a role ARN pasted with spaces around it, and keeps it without them', () => {
    assert.equal(parseConfig({ ...validConfig(), roleArn: ` ${roleArn} ` }).roleArn, roleArn);
  });
});

describe('misspelled fields', () => {
  const { region: _region, ...withoutRegion } = validConfig();

  it('a missing field beside a misspelling of it: the error names the misspelling', () => {
    assert.equal(
      configError({ ...withoutRegion, regoin: 'us-east-1' }).message,
      'Invalid AWS SES connector config: region is required (found "regoin": did you mean "region"?).'
    );
  });

  it("a template's field too, and every misspelling of one field", () => {
    assert.equal(
      configError({ ...validConfig(), templates: [{ usageType: 'Generic', subject: 's', contnet: 'c', Content: 'c' }] })
        .message,
      'Invalid AWS SES connector config: templates[0].content is required (found "contnet", "Content": did you mean "content"?).'
    );
    assert.equal(
      configError({ ...validConfig(), templates: undefined, template: [] }).message,
      'Invalid AWS SES connector config: templates is required (found "template": did you mean "templates"?).'
    );
  });

  it('a field that another one needs, misspelled', () => {
    const { accessKeyId: _id, ...withoutKeyId } = validConfig();
    assert.equal(
      configError({ ...withoutKeyId, accessKeyID: 'AKIAIOSFODNN7EXAMPLE' }).message,
      'Invalid AWS SES connector config: accessKeyId is required when accessKeySecret is set (found "accessKeyID": did you mean "accessKeyId"?).'
    );
    assert.equal(
      configError({ ...validConfig(), rolearn: 'arn:aws:iam::123456789012:role/logto', externalId: 'tenant-42' })
        .message,
      'Invalid AWS SES connector config: externalId is used only with roleArn, which is not set (found "rolearn": did you mean "roleArn"?).'
    );
  });

  it('a key that is no typo of the missing field adds nothing', () => {
    assert.equal(
      configError({ ...withoutRegion, zone: 'us-east-1', replyto: 'a@example.com' }).message,
      'Invalid AWS SES connector config: region is required.'
    );
  });

  it('the guard still accepts the misspelled key itself, as Logto stores what it is given', () => {
    const parsed = parseConfig({ ...validConfig(), replyto: 'help@logto.io' }) as Record<string, unknown>;
    assert.equal(parsed.replyto, 'help@logto.io');
    assert.equal(parsed.replyTo, undefined);
    assert.equal(awsSesConfigGuard.safeParse({ ...officialConfig, regoin: 'eu-west-1' }).success, true);
  });

  it('a key is quoted with its control characters escaped', () => {
    assert.equal(
      configError({ ...withoutRegion, 'regio\u001b\u009bn': 'us-east-1' }).message,
      'Invalid AWS SES connector config: region is required (found "regio\\u001b\\u009bn": did you mean "region"?).'
    );
  });
});

describe('a sender written without angle brackets', () => {
  it('says which form is meant', () => {
    assert.equal(
      configError({ ...validConfig(), emailAddress: 'Logto noreply@example.com' }).message,
      'Invalid AWS SES connector config: emailAddress "Logto noreply@example.com" has a name but no angle brackets around the address: write it as Logto <noreply@example.com>.'
    );
    assert.equal(
      configError({ ...validConfig(), replyTo: 'Logto Support  help@example.com' }).message,
      'Invalid AWS SES connector config: replyTo "Logto Support  help@example.com" has a name but no angle brackets around the address: write it as Logto Support <help@example.com>.'
    );
  });

  it('a recipient has no name: no form with one is suggested', () => {
    assert.throws(() => parseRecipient('Logto noreply@example.com'), {
      name: 'AddressError',
      message: '"Logto noreply@example.com" must be exactly one email address',
    });
  });

  it('two addresses are still two addresses', () => {
    assert.equal(
      configError({ ...validConfig(), emailAddress: 'a@example.com b@example.com' }).message,
      'Invalid AWS SES connector config: emailAddress "a@example.com b@example.com" must be exactly one email address.'
    );
  });
});

describe('templates', () => {
  it('are required, as the official connector requires them (its console form pre-fills them)', () => {
    const { templates: _templates, ...withoutTemplates } = validConfig();
    assert.equal(configError(withoutTemplates).message, 'Invalid AWS SES connector config: templates is required.');
  });
});
