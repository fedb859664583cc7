/**
 * What Logto passes to `sendMessage` for each usage type, with realistic values: `code`, `locale`,
 * `uiLocales`, and `application`, `organization` and `user` objects; an organization invitation
 * has `link` and `inviter` instead of a code (as a Logto 1.42 server sends them).
 * `push` renders every template with these, and a placeholder they cannot fill is reported as
 * unknown; the studio starts from them and lets the operator edit them.
 */
import { TemplateType, type SendMessagePayload } from '@logto/connector-kit';

const application = {
  id: 'k1mxcd2p9aw8v3qe',
  name: 'Acme Web',
  displayName: 'Acme',
  branding: { logoUrl: 'https://cdn.acme.example/logo.png', darkLogoUrl: 'https://cdn.acme.example/logo-dark.png' },
};

const organization = {
  id: 'o7t4rzg2bk1m',
  name: 'Acme Corporation',
  branding: { logoUrl: 'https://cdn.acme.example/org-logo.png' },
};

const user = {
  id: 'u3pnwq8x2c7d',
  name: 'Ada Lovelace',
  username: 'ada',
  primaryEmail: 'ada@acme.example',
  avatar: 'https://cdn.acme.example/avatars/ada.png',
};

const inviter = {
  id: 'u9hgtk4v1z0s',
  name: 'Grace Hopper',
  username: 'grace',
  primaryEmail: 'grace@acme.example',
};

/** The code Logto would send; six digits, as its default verification code policy. */
export const sampleCode = '123456';

/**
 * The payload for a usage type in a language. A sign-up (Register) has no user yet; the other
 * code emails go to a known user.
 */
export const samplePayload = (type: string, languageTag = 'en'): SendMessagePayload => {
  const locale = { locale: languageTag, uiLocales: languageTag };
  if (type === TemplateType.OrganizationInvitation) {
    return {
      link: `https://auth.acme.example/invitation?token=inv_7Qk2xW9p&organization_id=${organization.id}`,
      ...locale,
      application,
      organization,
      inviter,
    };
  }
  return {
    code: sampleCode,
    ...locale,
    application,
    organization,
    ...(type !== TemplateType.Register && { user }),
  };
};
