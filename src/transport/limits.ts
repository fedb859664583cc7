import { ConnectorErrorCodes } from '@logto/connector-kit';

/**
 * SES's two sending limits: the maximum send rate (per second) and the 24-hour quota. Both reach
 * Logto as a 429, so the sign-in page asks the user to try again later instead of blaming input.
 */
export type LimitKind = 'rate' | 'quota';

/** What SES (v2 and the v1 Throttling it maps from) and STS call throttling. */
const throttlingNames = new Set(['TooManyRequestsException', 'ThrottlingException', 'Throttling']);

/**
 * Whether SES's message says the 24-hour quota is used up. Only the message tells: SES v1 sends
 * both limits as `Throttling`, SES v2 as `TooManyRequestsException`.
 */
export const saysQuotaExhausted = (message: string): boolean => /daily message quota exceeded/i.test(message);

/** Which limit an exception is, if any: the quota by its message, the send rate by name or message. */
export const limitKindOf = (name: string, message: string): LimitKind | undefined => {
  if (saysQuotaExhausted(message)) {
    return 'quota';
  }
  if (throttlingNames.has(name) || /maximum sending rate exceeded/i.test(message)) {
    return 'rate';
  }
  return undefined;
};

/**
 * The code for a limit in the connector-kit enum Logto runs. `usage_limit_exceeded` exists only
 * from connector-kit 5.1.1 (Logto 1.43); on an older kit Logto's error handler would treat it as an
 * unknown code and show its text to end users, so the rate-limit code, which every supported kit
 * has and Logto also answers with 429, stands in for it. The enum is a parameter so both branches
 * can be tested against each kit's own enum.
 */
export const limitCodeIn = (codes: object, kind: LimitKind): ConnectorErrorCodes => {
  const table = codes as Record<string, string | undefined>;
  const usageLimit = table.UsageLimitExceeded;
  const code = kind === 'quota' && usageLimit === 'usage_limit_exceeded' ? usageLimit : table.RateLimitExceeded;
  return (code ?? 'rate_limit_exceeded') as ConnectorErrorCodes;
};

/** The code for a limit in the connector-kit this process loaded (Logto's own copy). */
export const limitCode = (kind: LimitKind): ConnectorErrorCodes => limitCodeIn(ConnectorErrorCodes, kind);
