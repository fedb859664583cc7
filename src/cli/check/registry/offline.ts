import type { FindingDoc, FindingEntry } from './entry.js';

/** Told, not checked: they fail nothing. */
const sentAsConfigured: FindingDoc = {
  checked: '`replyTo`, `feedbackForwardingEmailAddress` as sent',
  failsWhen: '— (`skip` when unset)',
};
const howItConnects: FindingDoc = { checked: "the region's form; where the keys come from" };

/** The findings of the config alone (`check --offline`), in the order they are printed. */
export const offlineFindings = {
  config: {
    subject: 'config',
    doc: {
      checked: 'the config parses',
      failsWhen: 'a field is missing or wrong (each is named)',
      fix: 'correct each field named',
    },
  },
  'config.unknown-key': {
    subject: 'config',
    doc: {
      checked: 'each key of the config, and of each template, is a field the connector reads (once per unknown key)',
      failsWhen:
        '`WARN`: it is not; the key is ignored. The line names the field it most likely meant, when one is near (edit distance)',
      fix: 'rename it to that field, or remove it',
    },
  },
  'templates.render': {
    subject: 'templates',
    doc: { checked: "usage types whose template renders with the console's test payload" },
  },
  'templates.missing': {
    subject: 'templates',
    doc: {
      checked: 'every usage type finds a template',
      failsWhen: 'a type has none and there is no Generic',
      fix: 'add a Generic template, or one per missing type',
    },
  },
  'templates.broken': {
    subject: 'templates',
    doc: {
      checked: 'a template renders and converts to text',
      failsWhen: 'it cannot (the error names it)',
      fix: 'what the error says',
    },
  },
  'templates.unknown-type': {
    subject: 'templates',
    doc: {
      checked: "each template's `usageType` is a type Logto sends (once per template)",
      failsWhen: 'it is not, so no email uses the template. The line names the nearest type, when one is near',
      fix: 'set `usageType` to that type, or to one of the nine',
    },
  },
  sender: {
    subject: 'sender',
    doc: {
      checked: '`emailAddress` as SendEmail gets it',
      failsWhen: 'it is missing or not an address',
      fix: 'correct `emailAddress`',
    },
  },
  'reply-to': { subject: 'reply-to', doc: sentAsConfigured },
  'feedback-forwarding': { subject: 'feedback forwarding', doc: sentAsConfigured },
  region: { subject: 'region', doc: howItConnects },
  credentials: { subject: 'credentials', doc: howItConnects },
} as const satisfies Record<string, FindingEntry>;
