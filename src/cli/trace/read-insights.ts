/**
 * The one read `trace` makes: GetMessageInsights, on the connector's shared client and within its
 * deadline, as `check`'s calls are. SES answers "no such message" and "VDM is off" with the same
 * two exceptions (NotFoundException, BadRequestException) and documents neither wording, so when
 * its message does not say which, the account itself is asked (GetAccount's VdmAttributes).
 */
import {
  GetAccountCommand,
  GetMessageInsightsCommand,
  type GetMessageInsightsCommandOutput,
} from '@aws-sdk/client-sesv2';

import { callSes } from '../../transport/call-ses.js';
import type { ClientSettings } from '../../transport/client-settings.js';
import { failureDataOf } from '../../transport/failure-data.js';
import { probe } from '../check/probe.js';
import { messageOf } from '../output.js';

import { insightsOf, type MessageInsights } from './insights.js';
import type { Unanswered } from './unanswered.js';

export type InsightsAnswer = { result: 'found'; insights: MessageInsights } | Unanswered;

/** SES's answer that it will not show this message, kept apart from the failures callSes maps. */
type Refusal = { refusal: { name: 'NotFoundException' | 'BadRequestException'; message: string } };

const refusalOf = (error: unknown): Refusal | undefined => {
  const { name, message, $metadata } = (error ?? {}) as { name?: unknown; message?: unknown; $metadata?: unknown };
  return $metadata && (name === 'NotFoundException' || name === 'BadRequestException')
    ? { refusal: { name, message: typeof message === 'string' ? message : '' } }
    : undefined;
};

/** SES's own words when it says VDM (or its engagement insights) is not on. */
const saysVdmIsOff = (message: string) =>
  /\bVDM\b|virtual deliverability|insights? (?:is|are) not enabled|not (?:enabled|subscribed)/i.test(message);

/** Whether the account has VDM in this region; undefined when SES would not say. */
const vdmEnabled = async (settings: ClientSettings): Promise<boolean | undefined> => {
  const account = await probe(settings, 'GetAccount', async (client, abortSignal) =>
    client.send(new GetAccountCommand({}), { abortSignal })
  );
  return account.outcome === 'ok' ? account.output.VdmAttributes?.VdmEnabled === 'ENABLED' : undefined;
};

export const readInsights = async (settings: ClientSettings, messageId: string): Promise<InsightsAnswer> => {
  let answer: { output: GetMessageInsightsCommandOutput } | Refusal;
  try {
    answer = await callSes(settings, 'GetMessageInsights', async (client, abortSignal) => {
      try {
        return { output: await client.send(new GetMessageInsightsCommand({ MessageId: messageId }), { abortSignal }) };
      } catch (error: unknown) {
        const refusal = refusalOf(error);
        if (refusal) {
          return refusal;
        }
        throw error;
      }
    });
  } catch (error: unknown) {
    const { sesError, httpStatusCode } = failureDataOf(error);
    if (sesError === 'AccessDeniedException') {
      return {
        result: 'failed',
        message:
          'these credentials may not call ses:GetMessageInsights: grant it (and ses:GetAccount, which trace asks whether VDM is on) to this IAM user or role; sending needs neither.',
      };
    }
    if (httpStatusCode === 404) {
      return {
        result: 'failed',
        message: `${settings.endpoint ? `the endpoint ${settings.endpoint}` : `SES's endpoint in ${settings.region}`} does not support GetMessageInsights (a local SES has no VDM).`,
      };
    }
    return { result: 'failed', message: messageOf(error) };
  }
  if ('output' in answer) {
    return { result: 'found', insights: insightsOf(messageId, answer.output) };
  }
  const { name, message } = answer.refusal;
  if (saysVdmIsOff(message)) {
    return { result: 'vdm-not-enabled', sesMessage: message };
  }
  const enabled = await vdmEnabled(settings);
  if (enabled === false) {
    return { result: 'vdm-not-enabled', sesMessage: message };
  }
  return name === 'NotFoundException'
    ? { result: 'unknown-message', sesMessage: message }
    : { result: 'refused', sesMessage: message };
};
