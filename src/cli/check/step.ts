import { couldNotCheck, fail, skip, type Finding } from './finding.js';
import type { Probe } from './probe.js';

/** The findings of one check against SES, and whether SES answered at all. */
export type Step = {
  findings: Finding[];
  /** False when SES did not answer at all (credentials, network, region): later calls would fail alike. */
  answered: boolean;
};

export const answered = (...findings: Finding[]): Step => ({ findings, answered: true });

/** What is checked: the finding id and the words that start its line. */
export type Subject = { id: string; name: string };

/** What a call that did not return data means for `subject`; "not found" is the caller's to word. */
export const unchecked = (
  { id, name }: Subject,
  api: string,
  result: Exclude<Probe<unknown>, { outcome: 'ok' }>
): Step => {
  switch (result.outcome) {
    case 'unsupported': {
      return answered(couldNotCheck(id, `${name}: the endpoint does not support ${api}`));
    }
    case 'denied': {
      return answered(
        couldNotCheck(id, `${name}: these credentials may not call ses:${api} (sending needs only ses:SendEmail)`)
      );
    }
    default: {
      return { findings: [fail(id, `${name}: ${result.message}`)], answered: false };
    }
  }
};

/** The subjects of the calls to SES, in the order `check` makes them. */
export const subjects = {
  account: { id: 'account', name: 'account' },
  globalEndpoint: { id: 'global-endpoint', name: 'global endpoint' },
  senderIdentity: { id: 'sender-identity', name: 'sender identity' },
  configurationSet: { id: 'configuration-set', name: 'configuration set' },
  suppression: { id: 'suppression.recipient', name: 'suppression list' },
  domainAuthentication: { id: 'domain-authentication', name: 'domain authentication' },
  deliveryWindow: { id: 'delivery-window', name: 'delivery window' },
  vdm: { id: 'vdm', name: 'VDM' },
} satisfies Record<string, Subject>;

/** The line for a check skipped because SES stopped answering before it. */
export const notReached = ({ id, name }: Subject): Finding =>
  skip(id, `${name}: not checked, as SES did not answer the call above`);
