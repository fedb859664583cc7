import { TemplateType } from '@logto/connector-kit';

import type { Template } from '../config/config.js';

const codeEmail = (subject: string, lead: string): Template => ({
  // Stryker disable next-line StringLiteral: a placeholder; defaultTemplates below sets each template's usageType from its key
  usageType: '',
  subject,
  content: `<p>${lead}</p><p style="font-size:24px;font-weight:bold;letter-spacing:4px">{{code}}</p><p>The code will remain active for 10 minutes. If you did not ask for it, you can ignore this email.</p>`,
  contentType: 'text/html',
});

/** One ready-to-send template for each of connector-kit's template types. */
const templatesByType: Record<TemplateType, Template> = {
  [TemplateType.SignIn]: codeEmail('Your sign-in code', 'Use this code to sign in:'),
  [TemplateType.Register]: codeEmail('Your sign-up code', 'Use this code to finish creating your account:'),
  [TemplateType.ForgotPassword]: codeEmail('Your password reset code', 'Use this code to reset your password:'),
  [TemplateType.OrganizationInvitation]: {
    // Stryker disable next-line StringLiteral: a placeholder; defaultTemplates below sets each template's usageType from its key
    usageType: '',
    subject: 'You have been invited to join an organization',
    content:
      '<p>You have been invited to join an organization.</p><p><a href="{{link}}">Accept the invitation</a></p><p>If the button does not work, open this link: {{link}}</p>',
    contentType: 'text/html',
  },
  [TemplateType.Generic]: codeEmail('Your verification code', 'Your verification code is:'),
  [TemplateType.UserPermissionValidation]: codeEmail(
    'Confirm it is you',
    'Use this code to confirm a sensitive change to your account:'
  ),
  [TemplateType.BindNewIdentifier]: codeEmail(
    'Confirm your new email address',
    'Use this code to link this email address to your account:'
  ),
  [TemplateType.MfaVerification]: codeEmail('Your 2-step verification code', 'Use this code to finish signing in:'),
  [TemplateType.BindMfa]: codeEmail(
    'Set up 2-step verification',
    'Use this code to set up 2-step verification for your account:'
  ),
};

export const defaultTemplates: Template[] = Object.entries(templatesByType).map(([usageType, template]) => ({
  ...template,
  usageType,
}));
