/** One email as `aws-ses-v2-local` stores it (the fields this project reads). */
export type StoredEmail = {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  at: number;
};
