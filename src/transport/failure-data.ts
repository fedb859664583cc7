import { ConnectorError } from '@logto/connector-kit';
import { z } from 'zod';

/**
 * What a ConnectorError of this connector carries in `data`. Logto logs it and the console's test
 * shows `errorDescription`; the CLI reads it to sort `check`'s findings and word its lines.
 */
export const failureDataGuard = z
  .object({
    /** The cause and the fix, in a sentence or two; the text an operator reads. */
    message: z.string(),
    /** The precise code, when the console's test path replaced it with `general`. */
    code: z.string(),
    /** The message again, in the field Logto's console shows for `general`. */
    errorDescription: z.string(),
    /** The SES (or STS) exception's name, e.g. MessageRejected or AccessDeniedException. */
    sesError: z.string(),
    requestId: z.string(),
    httpStatusCode: z.number(),
    attempts: z.number(),
    /** A socket error's code, e.g. ECONNREFUSED or ENOTFOUND. */
    networkError: z.string(),
    timeoutMs: z.number(),
    /** Where a redirect pointed. */
    location: z.string(),
  })
  .partial();

export type FailureData = z.infer<typeof failureDataGuard>;

/**
 * The data of a ConnectorError as this connector writes it; empty for anything else (another
 * error, a ConnectorError whose data has another shape), so a reader never guesses at a field.
 */
export const failureDataOf = (error: unknown): FailureData => {
  if (!(error instanceof ConnectorError)) {
    return {};
  }
  const result = failureDataGuard.safeParse(error.data);
  return result.success ? result.data : {};
};
