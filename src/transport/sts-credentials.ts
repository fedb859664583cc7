import type { AwsCredentialIdentityProvider } from '@smithy/types';

/**
 * A failure to get the role's credentials from STS. Without this mark an STS answer reads as if
 * SES had given it ("SES answered HTTP 404", "SES AccessDenied"), and a refused or hung STS gets
 * the hint for the SES endpoint.
 */
export class StsFailure extends Error {
  override name = 'StsFailure';
  constructor(
    override readonly cause: unknown,
    /** Where the STS client sent AssumeRole. */
    readonly stsEndpoint: string
  ) {
    // Stryker disable next-line ObjectLiteral: the parameter property sets cause as well
    super('Assuming the role through STS failed', { cause });
  }
}

/**
 * The STS endpoint the SDK picks: AWS_ENDPOINT_URL_STS, else AWS_ENDPOINT_URL, else the region's.
 * Read when a call fails, as the SDK reads the environment when it creates the STS client.
 */
export const stsEndpointFor = (region: string): string =>
  process.env.AWS_ENDPOINT_URL_STS ??
  process.env.AWS_ENDPOINT_URL ??
  `https://sts.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;

/** How many issued credentials are remembered: a few clients, each refreshing hourly. */
const maxRemembered = 16;
const issuedSecrets = new Set<string>();

const remember = (value: string | undefined) => {
  if (!value) {
    return;
  }
  issuedSecrets.delete(value);
  issuedSecrets.add(value);
  if (issuedSecrets.size > maxRemembered) {
    issuedSecrets.delete(issuedSecrets.values().next().value!);
  }
};

/**
 * The secrets and session tokens STS issued for the role: an endpoint may echo them as it may echo
 * the config's own, so errors redact them too.
 */
export const assumedRoleSecrets = (): string[] => [...issuedSecrets];

/**
 * The role's credential provider, with its failures marked as STS's. What STS issues is remembered
 * for redaction.
 */
export const markStsFailures =
  (provider: AwsCredentialIdentityProvider, region: string): AwsCredentialIdentityProvider =>
  async (properties) => {
    const stsEndpoint = stsEndpointFor(region);
    try {
      const identity = await provider(properties);
      remember(identity.secretAccessKey);
      remember(identity.sessionToken);
      return identity;
    } catch (error: unknown) {
      throw error instanceof StsFailure ? error : new StsFailure(error, stsEndpoint);
    }
  };
