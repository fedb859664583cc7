/**
 * What a hostile or odd payload can do to a message: a getter that throws a value with no text
 * form, control characters in values that land in headers, a user's name with a TAB or angle
 * brackets in a custom reply-to. Every refusal is a ConnectorError naming the field; every header
 * value leaves without control characters.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ConnectorErrorCodes } from '@logto/connector-kit';

import { parseConfig, type AwsSesConfig } from '../../src/config/config.js';
import { composeSendEmailInput } from '../../src/message/compose.js';
import { readOutgoingMessage } from '../../src/message/outgoing.js';
import { renderTemplate } from '../../src/message/template.js';
import { configFor, signInMessage } from '../support/fixtures.js';

import { html, refusalOf } from './compose-cases.js';

const config = (extra: Record<string, unknown> = {}): AwsSesConfig =>
  parseConfig(configFor(undefined, { emailAddress: 'Logto <noreply@logto.io>', templates: [], ...extra }));

/** An object whose `key` getter throws a value that has no text form (String() of it throws). */
const throwingGetter = (key: string, rest: Record<string, unknown> = {}) =>
  Object.defineProperty({ ...rest }, key, {
    enumerable: true,
    get() {
      throw Object.create(null);
    },
  });

describe('a payload that throws when read', () => {
  it('a getter at the root of a placeholder: invalid_request_parameters naming the path', () => {
    assert.deepEqual(
      refusalOf(() => renderTemplate(html, throwingGetter('code'))),
      {
        code: ConnectorErrorCodes.InvalidRequestParameters,
        message:
          'Invalid message to send: payload.code could not be read (reading it threw), so {{code}} cannot be filled.',
      }
    );
  });

  it('a nested getter, and a proxy whose own-property trap throws', () => {
    const nested = { ...html, subject: 'Hi {{user.name}}' };
    assert.match(
      refusalOf(() => renderTemplate(nested, { user: throwingGetter('name') })).message,
      /^Invalid message to send: payload\.user\.name could not be read/
    );
    const trap = new Proxy(
      {},
      {
        getOwnPropertyDescriptor() {
          throw Object.create(null);
        },
      }
    );
    assert.match(
      refusalOf(() => renderTemplate(html, trap)).message,
      /^Invalid message to send: payload\.code could not/
    );
  });

  it('a getter on to, type or payload of the message itself', () => {
    for (const field of ['to', 'type', 'payload']) {
      const { to, type, payload } = signInMessage;
      const rest: Record<string, unknown> = { to, type, payload };
      delete rest[field];
      assert.deepEqual(
        refusalOf(() => readOutgoingMessage(throwingGetter(field, rest))),
        {
          code: ConnectorErrorCodes.InvalidRequestParameters,
          message: `Invalid message to send: ${field} could not be read (reading it threw).`,
        }
      );
    }
  });
});

describe('control characters in header values', () => {
  it('NUL, ESC and DEL are removed from the subject; TAB, CR and LF become one space', () => {
    const { subject } = renderTemplate(
      { ...html, subject: 'Code {{code}} for {{name}}' },
      { code: '12\u000034', name: 'Ann\tLee\u001B]0;owned\u0007\u007F\r\nBcc: x' }
    );
    assert.equal(subject, 'Code 1234 for Ann Lee]0;owned Bcc: x');
  });

  it("a user's name with a TAB in the custom reply-to: the mail goes out, the name cleaned", () => {
    const input = composeSendEmailInput(
      config(),
      { ...html, replyTo: '{{user.name}} <help@logto.io>' },
      { ...signInMessage, payload: { code: '1', user: { name: 'Ann\tLee\u0000' } } }
    );
    assert.deepEqual(input.ReplyToAddresses, ['AnnLee <help@logto.io>']);
  });

  it("a name cannot add an address to the reply-to: angle brackets and line breaks are dropped, the template's address kept", () => {
    const input = composeSendEmailInput(
      config(),
      { ...html, replyTo: '"{{org}} Support" <help@logto.io>' },
      { ...signInMessage, payload: { code: '1', org: 'Evil <ceo@evil.example>\r\nBcc: x@evil.example' } }
    );
    assert.deepEqual(input.ReplyToAddresses, ['"Evil ceo@evil.exampleBcc: x@evil.example Support" <help@logto.io>']);
  });

  it('an address part filled from the payload is cleaned too; one that is no address still refuses', () => {
    const filled = composeSendEmailInput(
      config(),
      { ...html, replyTo: 'Support <{{inviter.email}}>' },
      { ...signInMessage, payload: { code: '1', inviter: { email: 'ann@example.com\t' } } }
    );
    assert.deepEqual(filled.ReplyToAddresses, ['Support <ann@example.com>']);
    assert.deepEqual(
      refusalOf(() =>
        composeSendEmailInput(
          config(),
          { ...html, replyTo: 'Support <{{inviter.email}}>' },
          { ...signInMessage, payload: { code: '1', inviter: { email: 'nobody' } } }
        )
      ),
      {
        code: ConnectorErrorCodes.InvalidConfig,
        message: `The custom template's replyTo "nobody" is not an email address (expected name@domain).`,
      }
    );
  });

  it('a bare placeholder reply-to with a control character in the value is cleaned, not refused', () => {
    const input = composeSendEmailInput(
      config(),
      { ...html, replyTo: '{{who}}' },
      { ...signInMessage, payload: { code: '1', who: 'help@logto.io\u0000' } }
    );
    assert.deepEqual(input.ReplyToAddresses, ['help@logto.io']);
  });
});

describe('address lengths (RFC 5321)', () => {
  it('a recipient with a 100,000-character local part: refused, naming the field and the limit', () => {
    const to = `${'a'.repeat(100_000)}@example.com`;
    assert.deepEqual(
      refusalOf(() => composeSendEmailInput(config(), html, { ...signInMessage, to })),
      {
        code: ConnectorErrorCodes.InvalidRequestParameters,
        message: `The recipient address "${'a'.repeat(40)}…aaaaaaaa@example.com" is too long: its local part (before the @) has 100000 octets, and RFC 5321 allows at most 64.`,
      }
    );
  });

  it("a template's sendFrom and replyTo with an address over the limits: the field is named", () => {
    const long = `${'a'.repeat(65)}@logto.io`;
    assert.match(
      refusalOf(() => composeSendEmailInput(config(), { ...html, sendFrom: `Help <${long}>` }, signInMessage)).message,
      /^The custom template's sendFrom "a{65}@logto\.io" is too long: its local part \(before the @\) has 65 octets, and RFC 5321 allows at most 64\.$/
    );
    assert.match(
      refusalOf(() => composeSendEmailInput(config(), { ...html, replyTo: `Help <${long}>` }, signInMessage)).message,
      /^The custom template's replyTo "a{65}@logto\.io" is too long/
    );
  });
});
