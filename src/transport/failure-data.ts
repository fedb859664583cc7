import { ConnectorError } from '@logto/connector-kit';
import { z } from 'zod';

/** A field of the wrong type is dropped alone, so one odd field never hides the message. */
const field = <T extends z.ZodTypeAny>(type: T) => type.optional().catch(undefined);

/**
 * What a ConnectorError of this connector carries in `data`. Logto logs it and the console's test
 * shows `errorDescription`; the CLI reads it to sort `check`'s findings and word its lines.
 */
export const failureDataGuard = z.object({
  /** The cause and the fix, in a sentence or two; the text an operator reads. */
  message: field(z.string()),
  /** The precise code, when the console's test path replaced it with `general`. */
  code: field(z.string()),
  /** The message again, in the field Logto's console shows for `general`. */
  errorDescription: field(z.string()),
  /** The SES (or STS) exception's name, e.g. MessageRejected or AccessDeniedException. */
  sesError: field(z.string()),
  requestId: field(z.string()),
  httpStatusCode: field(z.number()),
  attempts: field(z.number()),
  /** A socket error's code, e.g. ECONNREFUSED or ENOTFOUND. */
  networkError: field(z.string()),
  timeoutMs: field(z.number()),
  /** Where a redirect pointed. */
  location: field(z.string()),
});

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
  if (!result.success) {
    return {};
  }
  return Object.fromEntries(Object.entries(result.data).filter(([, value]) => value !== undefined));
};
