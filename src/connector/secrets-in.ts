/**
 * The config's own secrets, and the default chain's from the environment, as written: what no
 * error, log line or span of a send may show. Read only when something is about to be shown.
 */
export const secretsIn = (config: unknown): string[] => {
  const fields = config !== null && typeof config === 'object' ? (config as Record<string, unknown>) : {};
  return [
    fields.accessKeySecret,
    fields.sessionToken,
    process.env.AWS_SECRET_ACCESS_KEY,
    process.env.AWS_SESSION_TOKEN,
  ].flatMap((value) => (typeof value === 'string' && value.trim() ? [value, value.trim()] : []));
};
