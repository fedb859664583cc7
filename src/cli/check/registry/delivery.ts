import type { FindingDoc, FindingEntry } from './entry.js';

/** Every open recommendation of Virtual Deliverability Manager, whatever its type. */
const recommendation: FindingDoc = {
  checked: 'one open recommendation, quoted as SES words it (`vdm.other` for a type SES added since)',
  failsWhen: '`FAIL` for impact HIGH, `WARN` for LOW',
  fix: 'follow it in the SES console (Virtual Deliverability Manager, Recommendations)',
};
const vdm = (vdmType: string): FindingEntry => ({ subject: 'VDM', vdmType, doc: recommendation });

/**
 * Why a code SES accepted may not arrive: the suppression list, the domain's DNS, the delivery
 * window, and what VDM recommends, in the order they are printed.
 */
export const deliveryFindings = {
  'suppression.recipient': {
    subject: 'suppression list',
    doc: {
      checked: "`--to` is not on the account's suppression list (`skip` without `--to`)",
      failsWhen:
        'it is: SES accepts and drops the mail. The line says why (hard bounce or complaint), since when and after which message',
      fix: 'check the address; remove it (SES console, Suppression list, or `aws sesv2 delete-suppressed-destination`)',
    },
  },
  'suppression.account': {
    subject: 'suppression list',
    doc: { checked: 'which events put addresses on the list automatically' },
  },
  'suppression.configuration-set': {
    subject: 'suppression list',
    doc: { checked: 'whether the configuration set overrides that' },
  },
  'domain-authentication': {
    subject: 'domain authentication',
    doc: {
      checked:
        'only as `skip`: the DNS checks below were not made, as SES did not answer a call before them, the config has no `emailAddress`, or SES is a local one (a loopback endpoint without `--dns-server`)',
    },
  },
  'dkim.records': {
    subject: 'DKIM records',
    doc: {
      checked: 'Easy DKIM: each `<token>._domainkey.<domain>` is a CNAME to `<token>.dkim.amazonses.com`',
      failsWhen: 'a record is missing or points elsewhere',
      fix: 'publish the three CNAMEs the SES console lists (Identities, the domain, Authentication)',
    },
  },
  'dmarc.record': {
    subject: 'DMARC',
    doc: {
      checked:
        'a `v=DMARC1` TXT record at `_dmarc.<domain>`, or at its organizational domain (DNS tree walk, RFC 9989); its policy',
      failsWhen: 'none (Gmail and Yahoo junk or refuse such bulk mail), or no valid `p=`',
      fix: 'publish `v=DMARC1; p=none; rua=mailto:…` at `_dmarc.<domain>`, then raise `p`',
    },
  },
  'dmarc.alignment': {
    subject: 'DMARC alignment',
    doc: {
      checked: "SES's DKIM domain (d=) aligns with the From domain (`adkim`)",
      failsWhen:
        '`FAIL`: neither DKIM nor SPF aligns (an address identity alone signs as amazonses.com); `WARN`: only SPF aligns',
      fix: 'verify the domain with Easy DKIM; with `adkim=s`, send from the signing domain itself',
    },
  },
  'mail-from': {
    subject: 'MAIL FROM',
    doc: {
      checked: "a custom MAIL FROM domain's status (`skip` when none)",
      failsWhen:
        '`FAIL`: not verified and SES rejects on MX failure (every send fails); `WARN`: not verified, SES falls back to amazonses.com',
      fix: 'publish its MX and SPF records; or set "Behavior on MX failure" to use the default MAIL FROM',
    },
  },
  'mail-from.mx': {
    subject: 'MAIL FROM MX',
    doc: {
      checked: 'an MX to `feedback-smtp.<region>.amazonses.com` on the MAIL FROM domain',
      failsWhen: 'missing',
      fix: 'publish `10 feedback-smtp.<region>.amazonses.com`',
    },
  },
  'mail-from.spf': {
    subject: 'MAIL FROM SPF',
    doc: {
      checked: 'one SPF record with `include:amazonses.com` on the MAIL FROM domain',
      failsWhen: 'none, several, or without amazonses.com',
      fix: 'publish (or merge into) `v=spf1 include:amazonses.com ~all`',
    },
  },
  'delivery-window': {
    subject: 'delivery window',
    doc: {
      checked: "the configuration set's `MaxDeliverySeconds` against `--code-ttl`",
      failsWhen:
        '`WARN`: SES may still deliver after the code expired (no configuration set or no limit: up to 14 hours)',
      fix: "set the configuration set's maximum delivery time to the code lifetime (300 s at least)",
    },
  },
  vdm: {
    subject: 'VDM',
    doc: {
      checked: "Virtual Deliverability Manager has no open recommendation for the sender's address or domain",
      failsWhen: '"could not check" without VDM',
    },
  },
  'vdm.dkim': vdm('DKIM'),
  'vdm.dmarc': vdm('DMARC'),
  'vdm.spf': vdm('SPF'),
  'vdm.bimi': vdm('BIMI'),
  'vdm.bounce': vdm('BOUNCE'),
  'vdm.complaint': vdm('COMPLAINT'),
  'vdm.feedback-3p': vdm('FEEDBACK_3P'),
  'vdm.ip-listing': vdm('IP_LISTING'),
  /** A recommendation of a type SES added after these (or without a type). */
  'vdm.other': { subject: 'VDM', doc: recommendation },
} as const satisfies Record<string, FindingEntry>;
