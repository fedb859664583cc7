import type { SentMembers } from './sent-members.js';

/** One email as `aws-ses-v2-local` stores it (the fields this project reads). */
export type StoredEmail = {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  /** `Content.Simple.Headers` as sent (absent for a raw or templated email). */
  headers?: Array<{ name: string; value: string }>;
  at: number;
  /**
   * The SendEmail members the local SES does not store (its tenant, tags, tracking override,
   * configuration set), which the front door adds to `/store`: absent when the request had none.
   */
  sent?: SentMembers;
};
