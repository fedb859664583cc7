/**
 * The built package with HTML nested too deeply for the text converter, in a config template or in
 * Logto's custom template: either a text part that holds the code, or invalid_config naming the
 * template, never a crash (RangeError) and never a send without a text part.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ConnectorErrorCodes } from '@logto/connector-kit';

import { asConnectorError, useSesStub } from '../support/fault-helpers.js';
import { configFor, genericTemplate, signInMessage } from '../support/fixtures.js';
import { expectConnectorError, makeConnector, messageOf, textOf } from '../integration/harness.js';

const nested = (open: string, close: string, depth: number, inner = '{{code}}') =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

describe('the built package with deeply nested HTML', () => {
  const ses = useSesStub();

  describe('deeply nested HTML', () => {
    for (const [name, html] of [
      ['1000 nested tables', nested('<table><tr><td>', '</td></tr></table>', 1000)],
      ['3000 nested divs', nested('<div>', '</div>', 3000)],
      ['50000 nested divs', nested('<div>', '</div>', 50_000)],
    ] as const) {
      it(`${name} in a config template: a ConnectorError naming the template, or a text part`, async () => {
        const config = configFor(ses.stub.url, {
          templates: [genericTemplate, { usageType: 'SignIn', subject: 'Code', content: html }],
        });
        const { connector } = await makeConnector({ savedConfig: config });
        await settledWithoutCrash(connector.sendMessage(signInMessage), /^templates\[1\] \(usageType "SignIn"\)/);
      });

      it(`${name} in Logto's custom template: a ConnectorError naming the template, or a text part`, async () => {
        const { connector } = await makeConnector({
          savedConfig: configFor(ses.stub.url),
          getI18nEmailTemplate: async () => ({ subject: 'Code', content: html }),
        });
        await settledWithoutCrash(connector.sendMessage(signInMessage), /^Logto's custom email template for SignIn/);
      });
    }

    /** Either sent with a text part that holds the code, or refused as invalid_config naming the template. */
    const settledWithoutCrash = async (sending: Promise<unknown>, naming: RegExp) => {
      try {
        await sending;
        const [request] = ses.stub.requests.filter(({ operation }) => operation === 'SendEmail');
        const body = request?.body as { Content?: { Simple?: { Body?: { Text?: { Data?: string } } } } };
        assert.match(String(body.Content?.Simple?.Body?.Text?.Data), /123456/);
      } catch (error: unknown) {
        const refused = asConnectorError(error);
        assert.equal(refused.code, ConnectorErrorCodes.InvalidConfig);
        assert.match(textOf(refused), naming);
        assert.match(messageOf(refused), /nested too deeply/);
      }
    };

    it('50000 nested divs cannot convert, so the send is refused with the template named', async () => {
      const { connector } = await makeConnector({
        savedConfig: configFor(ses.stub.url, {
          templates: [{ usageType: 'Generic', subject: 's', content: nested('<div>', '</div>', 50_000) }],
        }),
      });
      const error = await expectConnectorError(connector.sendMessage(signInMessage), ConnectorErrorCodes.InvalidConfig);
      assert.match(textOf(error), /^templates\[0\] \(usageType "Generic"\) cannot be converted to plain text/);
      assert.equal(ses.stub.counts.sendEmail, 0);
    });
  });
});
