import { ConnectorError, ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';

import { parseConfig, type AwsSesConfig } from '../../config/config.js';
import { composeSendEmailInput } from '../../message/compose.js';
import { chooseTemplate, renderTemplate, type ChosenTemplate } from '../../message/template.js';
import { clientSettingsOf } from '../../transport/client-settings.js';
import { credentialSourceNames, credentialSourceOf } from '../../transport/credential-source.js';
import { messageOf } from '../output.js';

import { fail, pass, skip, type Finding } from './finding.js';
import type { FindingId } from './registry.js';
import { unknownKeyFindings, unknownUsageTypeFindings } from './unknown-names.js';

/** The console's test payload: every template must render with it. */
const samplePayload = { code: '000000' };
const sampleRecipient = 'user@example.com';

/**
 * Every type Logto sends must find a template (its own, else Generic) and render. A template of
 * any other usage type is never chosen, which unknownUsageTypeFindings reports.
 */
const templateFindings = (config: AwsSesConfig): Finding[] => {
  const types: string[] = Object.values(TemplateType);
  const rendered: string[] = [];
  const missing: string[] = [];
  // A template that does not render fails every type it serves; said once per problem.
  const broken = new Set<string>();
  for (const type of types) {
    try {
      renderTemplate(chooseTemplate(type, config.templates), samplePayload);
      rendered.push(type);
    } catch (error: unknown) {
      if (!(error instanceof ConnectorError)) {
        throw error;
      }
      if (error.code === ConnectorErrorCodes.TemplateNotFound) {
        missing.push(type);
      } else {
        broken.add(messageOf(error));
      }
    }
  }
  const renderedFinding =
    rendered.length === types.length
      ? pass('templates.render', `all ${types.length} usage types render`)
      : pass('templates.render', `${rendered.join(', ')} ${rendered.length === 1 ? 'renders' : 'render'}`);
  const missingFinding = fail(
    'templates.missing',
    `no template for ${missing.join(', ')}, and no Generic template to fall back to.`,
    'add a Generic template (it serves every usage type without its own), or one per missing type.'
  );
  return [
    ...(rendered.length > 0 ? [renderedFinding] : []),
    // A misspelled type first: it is often why a type has no template.
    ...unknownUsageTypeFindings(config.templates),
    ...(missing.length > 0 ? [missingFinding] : []),
    ...[...broken].map((problem) => fail('templates.broken', problem)),
  ];
};

/** Empty text, so composing it checks the addresses and nothing else. */
const addressesOnly: ChosenTemplate = { subject: '', content: '', contentType: 'text/plain' };

const shown = (id: FindingId, written: string, sent: string | undefined): Finding =>
  pass(id, sent === written.trim() ? sent : `${written} is sent as ${sent ?? '(nothing)'}`);

/**
 * The addresses as the connector puts them into SendEmail (names RFC 2047-encoded, domains
 * punycoded), composed by the connector's own code.
 */
const addressFindings = (config: AwsSesConfig): Finding[] => {
  let input;
  try {
    input = composeSendEmailInput(config, addressesOnly, {
      to: sampleRecipient,
      type: TemplateType.Generic,
      payload: {},
    });
  } catch (error: unknown) {
    return [fail('sender', messageOf(error))];
  }
  return [
    shown('sender', config.emailAddress ?? '', input.FromEmailAddress),
    config.replyTo
      ? shown('reply-to', config.replyTo, input.ReplyToAddresses?.[0])
      : skip('reply-to', 'not set (replies go to the sender)'),
    ...(config.feedbackForwardingEmailAddress
      ? [shown('feedback-forwarding', config.feedbackForwardingEmailAddress, input.FeedbackForwardingEmailAddress)]
      : []),
  ];
};

const credentialsFinding = (config: AwsSesConfig): Finding => {
  const settings = clientSettingsOf(config);
  const keys = credentialSourceNames[credentialSourceOf(settings)];
  return pass('credentials', `${keys}${settings.assumeRole ? `, assuming ${settings.assumeRole.roleArn}` : ''}`);
};

export type OfflineCheck = {
  findings: Finding[];
  /** The parsed config, when it is valid: the checks against SES need it. */
  config?: AwsSesConfig;
};

/** The checks that need no network: a pure function of the config. */
export const checkOffline = (rawConfig: unknown): OfflineCheck => {
  let config: AwsSesConfig;
  try {
    config = parseConfig(rawConfig);
  } catch (error: unknown) {
    return {
      findings: [fail('config', messageOf(error), 'correct each field named.'), ...unknownKeyFindings(rawConfig)],
    };
  }
  return {
    config,
    findings: [
      pass('config', 'valid'),
      ...unknownKeyFindings(rawConfig),
      ...templateFindings(config),
      ...addressFindings(config),
      pass('region', `${config.region} is well-formed`),
      credentialsFinding(config),
    ],
  };
};
