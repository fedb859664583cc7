import type {
  GetConnectorConfig,
  GetI18nEmailTemplate,
  SendMessageData,
  SendMessageFunction,
} from '@logto/connector-kit';

import { composeSendEmailInput } from '../message/compose.js';
import { chooseTemplate } from '../message/template.js';
import { sendEmail } from '../transport/send-email.js';

import { parseConfig } from './config.js';
import { connectorId } from './metadata.js';

/** A failing custom-template lookup must not stop a sign-in email: the config templates remain. */
const findCustomTemplate = async (
  getI18nEmailTemplate: GetI18nEmailTemplate | undefined,
  { type, payload }: SendMessageData
): Promise<unknown> => {
  if (!getI18nEmailTemplate) {
    return undefined;
  }
  try {
    return await getI18nEmailTemplate(type, payload.locale);
  } catch {
    return undefined;
  }
};

/**
 * Logto's `sendMessage`: the console's "Send" test passes the config being edited, every other
 * caller relies on the saved one.
 */
export const createSendMessage =
  (getConfig: GetConnectorConfig, getI18nEmailTemplate?: GetI18nEmailTemplate): SendMessageFunction =>
  async (data, inputConfig) => {
    const config = parseConfig(inputConfig ?? (await getConfig(connectorId)));
    const template = chooseTemplate(data.type, config.templates, await findCustomTemplate(getI18nEmailTemplate, data));
    const input = composeSendEmailInput(config, template, data);
    return sendEmail(
      {
        region: config.region,
        endpoint: config.endpoint,
        accessKeyId: config.accessKeyId,
        secretAccessKey: config.accessKeySecret,
      },
      input
    );
  };
