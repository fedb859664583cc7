import { z } from 'zod';

import { isTooShortToRedact, shortSecretRule } from './secret-length.js';

const nonEmptyText = z.string().trim().min(1, 'must not be empty');

/**
 * Keys travel in HTTP headers (authorization, x-amz-security-token), which take visible ASCII
 * only: a pasted line break or a non-ASCII character would fail every send with Node's "Invalid
 * character in header content". The value itself is never echoed.
 */
export const credentialText = nonEmptyText.regex(
  /^[\x21-\x7E]+$/,
  'must be visible ASCII characters only (no spaces, line breaks or non-ASCII characters): it is sent in an HTTP header'
);

/** A value that is redacted wherever it shows must be long enough to redact (see secret-length.ts). */
export const secretText = credentialText.refine((value) => value === '' || !isTooShortToRedact(value), shortSecretRule);

/** IAM's own rules for these STS AssumeRole parameters. */
export const roleArn = z
  .string()
  .trim()
  .regex(
    /^arn:[\w-]+:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
    'must be an IAM role ARN (arn:aws:iam::123456789012:role/name)'
  );
export const externalId = z.string().regex(/^[\w+=,.@:/-]{2,1224}$/, 'must be 2 to 1224 letters, digits or +=,.@:/-');
export const roleSessionName = z.string().regex(/^[\w+=,.@-]{2,64}$/, 'must be 2 to 64 letters, digits or +=,.@-');
