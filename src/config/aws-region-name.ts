/**
 * Whether a region code is spelled as AWS names its regions: a partition's prefix (`us`, `eu`,
 * `ap`, … `cn`, `us-gov`, the ISO ones, `eusc-de`), a compass direction, a number. The config's
 * own rule admits any code of that shape (`xx-nowhere-1`, `us-esat-1`), so that a region AWS opens
 * tomorrow keeps working; this one tells a typo from a real region, where a region's SES host
 * does not resolve and the hint must say whether to fix the region or the network. A rule, not
 * SDK's list of regions: a list goes stale with each new region, the naming scheme does not.
 */
const awsRegionName =
  /^(?:us|eu|ap|sa|ca|me|af|il|mx|cn|us-gov|us-iso[bf]?|eu-isoe|eusc-de)-(?:central|(?:north|south)(?:east|west)?|east|west)-\d{1,2}$/;

export const isAwsRegionName = (region: string): boolean => awsRegionName.test(region);
