import { ConnectorConfigFormItemType, type ConnectorConfigFormItem } from '@logto/connector-kit';

/** The form items of the fields each message carries beside its content (config/send-options.ts), in its order. */
export const sendOptionFormItems: ConnectorConfigFormItem[] = [
  {
    key: 'tenantName',
    label: 'SES Tenant',
    type: ConnectorConfigFormItemType.Text,
    required: false,
    placeholder: '{{organization.id}}',
    description:
      "Optional: send under an SES tenant, so one customer's complaints pause only that customer's mail. A tenant name (letters, digits, - and _), or a placeholder such as {{organization.id}} or {{application.id}} to pick the tenant per email. The tenant must exist, with the sender identity and the configuration set associated with it.",
  },
  {
    key: 'tenants',
    label: 'Tenant Names by Placeholder Value',
    type: ConnectorConfigFormItemType.Json,
    required: false,
    placeholder: '{ "org_abc123": "acme" }',
    description:
      "Optional, with a placeholder in SES Tenant: maps the placeholder's value (an organization ID, say) to a tenant name. Without this table the value itself is the tenant name; a value that is not a valid tenant name sends the email without a tenant, and Logto's log says so once.",
  },
  {
    key: 'defaultTenantName',
    label: 'Default Tenant',
    type: ConnectorConfigFormItemType.Text,
    required: false,
    placeholder: 'shared',
    description:
      'Optional, with a placeholder in SES Tenant: the tenant for an email whose payload lacks the value (a sign-in outside any organization) or whose value the table does not list. Leave empty to send those without a tenant.',
  },
  {
    key: 'tracking',
    label: 'Open and Click Tracking',
    type: ConnectorConfigFormItemType.Select,
    required: false,
    selectItems: [
      { value: 'configuration-set', title: 'As the configuration set says (default)' },
      { value: 'off', title: 'Off for these emails' },
    ],
    description:
      'Tracking rewrites every link through SES\'s redirect host and adds a pixel: harmful for a magic link, and a privacy cost for a code. "Off" turns it off for this connector\'s emails alone; the configuration set keeps it for your other mail.',
  },
  {
    key: 'customHeaders',
    label: 'Custom Headers',
    type: ConnectorConfigFormItemType.Json,
    required: false,
    placeholder: '[{ "name": "X-Entity-Ref-ID", "value": "{{application.id}}" }]',
    description:
      'Optional: up to 14 headers added to every email, as [{ "name": …, "value": … }]. Placeholders are filled in values. Every email already carries Auto-Submitted: auto-generated; From, To, Subject, Reply-To, Content-Type, MIME-Version, Date, Message-ID and Return-Path are set by the connector or SES and refused here.',
  },
];
