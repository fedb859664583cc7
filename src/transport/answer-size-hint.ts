import type { AnswerTooLarge } from './bounded-answer.js';
import { sesEndpointOf } from './ses-endpoint.js';

/** What the message needs to know of the failed call (a part of errors.ts's FailureContext). */
type AnswerContext = {
  operation?: string;
  region: string;
  endpoint?: string;
  roleArn?: string;
  sts?: { endpoint: string };
};

/** "1 MB" for the limit as people say it, its bytes beside it. */
const sizeOf = (bytes: number) => (bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${bytes} bytes`);

/**
 * Why an answer over the size limit was refused, naming the endpoint that sent it and the setting
 * that points there. SES's and STS's answers are a few KB, so such an answer comes from something
 * else: a wrong endpoint URL, or a proxy answering in SES's place.
 */
export const answerTooLargeMessage = (
  { limitBytes, declaredBytes }: AnswerTooLarge,
  { operation = 'SendEmail', region, endpoint, roleArn, sts }: AnswerContext
): string => {
  const size =
    declaredBytes === undefined
      ? `more than ${limitBytes} bytes arrived`
      : `its Content-Length was ${declaredBytes} bytes`;
  const refused = `larger than the ${sizeOf(limitBytes)} limit (${size}), so Logto closed the connection without reading the rest`;
  if (sts) {
    return `STS at ${sts.endpoint} answered AssumeRole for ${roleArn ?? 'the role'} with a body ${refused}; STS's answers are a few KB. Check AWS_ENDPOINT_URL_STS: it must be the STS API's base URL, such as https://sts.${region}.amazonaws.com.`;
  }
  const configured = sesEndpointOf({ endpoint });
  const where = configured ? `The endpoint ${configured.url}` : `SES in ${region}`;
  const advice = configured
    ? `Check ${configured.from}: it must be the SES API's base URL, such as https://email.${region}.amazonaws.com.`
    : 'Something between Logto and SES (a proxy or a firewall) may be answering in its place.';
  return `${where} answered ${operation} with a body ${refused}; SES's answers are a few KB. ${advice}`;
};
