import type { ClientSettings } from './client-settings.js';

/** Where a client's keys come from: each source has its own fix when SES refuses them. */
export type CredentialSource = 'config' | 'config with session token' | 'default chain';

export const credentialSourceOf = ({ credentials }: ClientSettings): CredentialSource => {
  if (!credentials) {
    return 'default chain';
  }
  return credentials.sessionToken ? 'config with session token' : 'config';
};

/** How `check` names each source, so its wording and the connector's choice cannot drift apart. */
export const credentialSourceNames: Record<CredentialSource, string> = {
  config: 'the access key in the config',
  'config with session token': 'the access key in the config, with its session token',
  'default chain': 'the AWS default credential chain (environment, shared files, IRSA, ECS task or EC2 instance role)',
};
