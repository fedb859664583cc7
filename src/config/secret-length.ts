/**
 * A secret is kept out of errors, logs and the CLI's output by finding its value (and its encoded
 * forms) in the text and replacing it. A short value cannot be kept out that way: it matches
 * ordinary text, so redacting it mangles messages and shows where the secret sits, and the parts
 * of its base64 form that redaction can find are only a few characters long. The secrets AWS
 * issues are far longer (access key secrets 40 characters, session tokens hundreds), as is a
 * Logto machine-to-machine app's secret (32), so a shorter one is a truncated paste or a
 * placeholder, and is refused as a config error instead.
 */
export const minimumSecretLength = 16;

/** Worded to follow the field's name: "accessKeySecret must be …". */
export const shortSecretRule = `must be at least ${minimumSecretLength} characters long (the secrets AWS and Logto issue are longer: was it pasted whole?); a shorter one could not be kept out of messages and logs`;

/** Whether `value`, as it is sent (surrounding spaces trimmed), is too short to redact safely. */
export const isTooShortToRedact = (value: string): boolean => value.trim().length < minimumSecretLength;

/**
 * The problem with the secret in `field`, for a caller's own error (a config error, a usage
 * error); undefined when it is long enough. An empty value is the caller's to judge: where a
 * secret is optional, empty means "not set".
 */
export const secretLengthProblem = (field: string, value: string): string | undefined =>
  value.trim() !== '' && isTooShortToRedact(value) ? `${field} ${shortSecretRule}` : undefined;
