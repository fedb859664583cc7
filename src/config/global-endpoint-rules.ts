/**
 * An SES FIPS host (`email-fips.us-east-1.amazonaws.com`) or any host with a `fips` label part.
 * Global endpoints have no FIPS variant: the SDK refuses `UseFIPS` with an endpoint ID, so an
 * endpoint URL that points at a FIPS host must be refused too, or the operator would believe the
 * global endpoint's mail goes through FIPS-validated endpoints.
 */
const isFipsHost = (endpoint: string) => {
  try {
    return /(?:^|[.-])fips(?:[.-]|$)/i.test(new URL(endpoint).hostname);
  } catch {
    return false; // The endpoint rule itself reports a URL that does not parse.
  }
};

/** Rules that `endpointId` adds between fields; each entry names the fields to fix. */
export const globalEndpointProblems = ({
  endpointId,
  endpoint,
}: {
  endpointId?: string;
  endpoint?: string;
}): string[] =>
  endpointId && endpoint && isFipsHost(endpoint)
    ? [
        'endpointId cannot be used with a FIPS endpoint (endpoint is a FIPS host): SES global endpoints have no FIPS variant, so clear endpointId or set endpoint to a non-FIPS URL',
      ]
    : [];
