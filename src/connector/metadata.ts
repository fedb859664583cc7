import { ConnectorConfigFormItemType, type ConnectorMetadata } from '@logto/connector-kit';

import { defaultTemplates } from './default-templates.js';
import { sendOptionFormItems } from './send-options-form.js';

/**
 * The same id and target as Logto's own `@logto/connector-aws-ses`, so a Logto database that
 * already holds that connector's config keeps working when this package replaces it.
 */
export const connectorId = 'aws-ses-mail';

const text = ConnectorConfigFormItemType.Text;

export const metadata: ConnectorMetadata = {
  id: connectorId,
  target: 'aws-ses',
  platform: null,
  name: {
    en: 'AWS Direct Mail',
    'zh-CN': 'AWS 邮件推送',
    'zh-TW': 'AWS 郵件推送',
    de: 'AWS Direct Mail',
    fr: 'AWS Direct Mail',
    es: 'AWS Direct Mail',
    ja: 'AWS ダイレクトメール',
    ko: 'AWS 다이렉트 메일',
    'pt-BR': 'AWS Direct Mail',
    'tr-TR': 'AWS Direct Mail',
  },
  logo: './logo.svg',
  logoDark: './logo.svg',
  description: {
    en: 'Send Logto verification emails through Amazon SES from your own AWS account, with a plain-text part, encoded sender names and a reused keep-alive connection.',
    'zh-CN': '通过你自己的 AWS 账户使用 Amazon SES 发送 Logto 验证邮件。',
    'zh-TW': '透過你自己的 AWS 帳戶使用 Amazon SES 寄送 Logto 驗證郵件。',
    de: 'Versendet Logto-Bestätigungs-E-Mails über Amazon SES aus Ihrem eigenen AWS-Konto.',
    fr: 'Envoie les e-mails de vérification de Logto via Amazon SES depuis votre propre compte AWS.',
    es: 'Envía los correos de verificación de Logto mediante Amazon SES desde tu propia cuenta de AWS.',
    ja: 'ご自身の AWS アカウントの Amazon SES から Logto の確認メールを送信します。',
    ko: '자신의 AWS 계정에서 Amazon SES를 통해 Logto 인증 이메일을 보냅니다.',
    'pt-BR': 'Envia os e-mails de verificação do Logto pelo Amazon SES da sua própria conta AWS.',
    'tr-TR': 'Logto doğrulama e-postalarını kendi AWS hesabınızdaki Amazon SES üzerinden gönderir.',
  },
  // Logto shows this file beside the form: written for the operator filling it in, not the repository's README.
  readme: './docs/console-guide.md',
  formItems: [
    {
      key: 'accessKeyId',
      label: 'Access Key ID',
      type: text,
      required: false,
      placeholder: 'AKIA…',
      description:
        'An access key allowed to call ses:SendEmail. Not required: leave both keys empty when Logto runs on AWS, and the default credential chain applies (environment variables, shared files, IRSA / web identity, ECS task role, EC2 instance role).',
    },
    {
      key: 'accessKeySecret',
      label: 'Access Key Secret',
      type: text,
      required: false,
      isConfidential: true,
      placeholder: '<access-key-secret>',
      description: 'Required with an Access Key ID; leave empty with it to use the default credential chain.',
    },
    {
      key: 'sessionToken',
      label: 'Session Token',
      type: text,
      required: false,
      isConfidential: true,
      placeholder: '<session-token>',
      description: 'Only for temporary keys (ASIA…): the session token issued with them.',
    },
    {
      key: 'roleArn',
      label: 'Role ARN',
      type: text,
      required: false,
      placeholder: 'arn:aws:iam::123456789012:role/logto-ses',
      description:
        'Optional: a role to assume through STS on top of the keys above (or the default chain). Its credentials are refreshed before they expire.',
    },
    {
      key: 'externalId',
      label: 'External ID',
      type: text,
      required: false,
      description: "Only with Role ARN, when the role's trust policy requires an external ID.",
    },
    {
      key: 'roleSessionName',
      label: 'Role Session Name',
      type: text,
      required: false,
      placeholder: 'logto-connector-aws-ses',
      description: 'Only with Role ARN: the session name CloudTrail shows.',
    },
    {
      key: 'region',
      label: 'Region',
      type: text,
      required: true,
      placeholder: 'us-east-1',
      description: 'The AWS region where your sender identity is verified.',
    },
    {
      key: 'emailAddress',
      label: 'Email Address',
      type: text,
      required: false,
      placeholder: 'Logto <noreply@example.com>',
      description:
        'The sender: a verified address, optionally with a display name (non-ASCII names are encoded for you).',
    },
    {
      key: 'emailAddressIdentityArn',
      label: 'Email Address Identity ARN',
      type: text,
      required: false,
      placeholder: 'arn:aws:ses:us-east-1:123456789012:identity/example.com',
      description: 'Only for sending authorization: the ARN of the identity you are allowed to send for.',
    },
    {
      key: 'feedbackForwardingEmailAddress',
      label: 'Feedback Forwarding Email Address',
      type: text,
      required: false,
      placeholder: 'bounces@example.com',
      description: 'Where SES forwards bounces and complaints.',
    },
    {
      key: 'feedbackForwardingEmailAddressIdentityArn',
      label: 'Feedback Forwarding Email Address Identity ARN',
      type: text,
      required: false,
      placeholder: 'arn:aws:ses:us-east-1:123456789012:identity/example.com',
    },
    {
      key: 'configurationSetName',
      label: 'Configuration Set Name',
      type: text,
      required: false,
      placeholder: 'my-configuration-set',
      description: 'An SES configuration set for event publishing; it must exist in the region.',
    },
    {
      key: 'replyTo',
      label: 'Reply-To Address',
      type: text,
      required: false,
      placeholder: 'Support <support@example.com>',
      description: "Where replies go. A custom email template's own reply-to takes precedence.",
    },
    {
      key: 'endpoint',
      label: 'SES Endpoint',
      type: text,
      required: false,
      placeholder: 'https://email.us-east-1.amazonaws.com',
      description:
        "Leave empty to use the region's endpoint. An https URL (a VPC endpoint, say); http only for a local SES on 127.0.0.1.",
    },
    {
      key: 'endpointId',
      label: 'Global Endpoint ID',
      type: text,
      required: false,
      placeholder: 'abcd1234.ef5g',
      description:
        'Optional: the ID of an SES global endpoint, so verification emails keep flowing when one region of SES is down. The sender identity must be verified in both of its regions; set Region to its primary region.',
    },
    {
      key: 'timeoutMs',
      label: 'Timeout (ms)',
      type: ConnectorConfigFormItemType.Number,
      required: false,
      placeholder: '10000',
      description: 'The longest a send may take, retries included, before it fails (default 10000).',
    },
    {
      key: 'maxAttempts',
      label: 'Max Attempts',
      type: ConnectorConfigFormItemType.Number,
      required: false,
      placeholder: '3',
      description:
        'Tries per email for failures a retry can cure: throttling, SES 5xx, a dropped connection (default 3, 1 to disable retries).',
    },
    {
      key: 'logLevel',
      label: 'Log Level',
      type: ConnectorConfigFormItemType.Select,
      required: false,
      selectItems: [
        { value: 'error', title: 'Failed sends only (default)' },
        { value: 'info', title: 'Every send, with its SES MessageId' },
      ],
      description:
        'What the connector writes to Logto\'s log: a line for every failed send (usage type, recipient domain, error code, SES request id), and with "info" one for every email sent too.',
    },
    {
      key: 'logFormat',
      label: 'Log Format',
      type: ConnectorConfigFormItemType.Select,
      required: false,
      selectItems: [
        { value: 'text', title: 'Text (default)' },
        { value: 'json', title: 'JSON, one object per line' },
      ],
      description: "JSON for a log shipper; also JSON when Logto's environment sets LOG_FORMAT=json.",
    },
    ...sendOptionFormItems,
    {
      key: 'templates',
      label: 'Templates',
      type: ConnectorConfigFormItemType.Json,
      required: true,
      defaultValue: defaultTemplates,
      description:
        'One template per usage type ({{code}}, {{link}} and payload paths such as {{organization.name}} are filled in). A "Generic" template serves every type that has none.',
    },
  ],
};
