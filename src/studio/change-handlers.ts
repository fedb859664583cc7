/**
 * What the studio does on a change: Send (one template through the connector, to the address
 * typed) and a sample payload replaced.
 */
import type { SendMessagePayload, TemplateType } from '@logto/connector-kit';

import { parseRecipient } from '../config/address.js';
import { messageOf } from '../connector/error-text.js';
import { readTemplateFolder } from '../templates/folder.js';
import { templateTypes } from '../templates/template-file.js';
import { redactText } from '../transport/redact.js';

import { connectorTemplatesOf, withTemplates } from './model.js';
import { renderPage } from './page.js';
import { parseBody, payloadExample, payloadGuard, readBody, sendBodyGuard, sendExample } from './request-body.js';
import { failureText, reply } from './responses.js';
import type { Exchange } from './exchange.js';
import { sendThroughConnector } from './send.js';
import { modelOf, publish, type StudioState } from './state.js';

export const send = async (state: StudioState, { request, response }: Exchange) => {
  const { options, secrets } = state;
  if (options.sendUnavailable) {
    reply(response, 503, { error: options.sendUnavailable });
    return;
  }
  const body = parseBody(await readBody(request), sendBodyGuard, sendExample);
  // The model as it is once the body is in: a file may have changed meanwhile.
  const template = state.model.templates.find(({ key }) => key === body.key);
  if (!template) {
    reply(response, 404, { error: `no template ${JSON.stringify(body.key)} in the folder` });
    return;
  }
  try {
    parseRecipient(body.to);
  } catch (error: unknown) {
    reply(response, 400, { error: `the recipient ${messageOf(error)}` });
    return;
  }
  try {
    const messageId = await sendThroughConnector({
      config: withTemplates(
        options.config,
        connectorTemplatesOf(await readTemplateFolder(options.folder), options.connector)
      ),
      kind: template.kind,
      details: template.details,
      type: template.type as TemplateType,
      payload: template.payload,
      to: body.to,
    });
    reply(response, 200, {
      messageId: redactText(String(messageId), secrets),
      ...(options.sentNote && { note: options.sentNote }),
    });
  } catch (error: unknown) {
    reply(response, 502, { error: redactText(messageOf(error), secrets) });
  }
};

/**
 * A payload is kept only once the page renders with it, so no payload can leave the page
 * unable to answer; the one in use stays otherwise.
 */
export const savePayload = async (state: StudioState, { request, response, params }: Exchange) => {
  const type = params[0] ?? '';
  if (!templateTypes.includes(type)) {
    reply(response, 404, { error: `no usage type ${type}` });
    return;
  }
  const payload = parseBody(await readBody(request), payloadGuard, payloadExample) as SendMessagePayload;
  const candidate = await modelOf(state.options, { ...state.payloads, [type]: payload });
  try {
    renderPage(candidate, state.options.sendLabel, { token: '', nonce: '' }, state.version);
  } catch (error: unknown) {
    reply(response, 400, { error: `the page cannot show this payload: ${failureText(error, state.secrets)}` });
    return;
  }
  state.payloads[type] = payload;
  publish(state, candidate);
  reply(response, 200, { ok: true });
};
