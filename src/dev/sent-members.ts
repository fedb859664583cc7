/**
 * The SendEmail members aws-ses-v2-local does not keep. Its request schema strips what it does not
 * know and its store holds only the mail itself (addresses, subject, body, attachments, headers),
 * so without this a developer running `logto-ses dev` could not see the tenant, the tags, the
 * tracking override or the configuration set the connector sent. The front door reads them from
 * each SendEmail it passes on (front-door.ts) and `/store` shows them beside the email.
 */
import type { SendEmailRequest } from '@aws-sdk/client-sesv2';
import { z } from 'zod';

/** Those members, as the request carried them (SES's names), each only when well-formed. */
export type SentMembers = Pick<
  SendEmailRequest,
  | 'TenantName'
  | 'ConfigurationSetName'
  | 'EmailTags'
  | 'ConfigurationOverrides'
  | 'FromEmailAddressIdentityArn'
  | 'FeedbackForwardingEmailAddress'
  | 'FeedbackForwardingEmailAddressIdentityArn'
  | 'EndpointId'
  | 'ListManagementOptions'
>;

/**
 * Bounds on what is kept, well above SES's own (a tenant or set name is at most 64 characters, a
 * tag's name and value 256, a message at most 50 tags): whatever SES would take is shown, and a
 * thousand kept requests stay a few megabytes whatever a client sends.
 */
const text = z.string().max(1024);
const tag = z.object({ Name: z.string().max(256), Value: z.string().max(256) });

/** A member that is not what SES takes is left out alone; the others are still kept. */
const member = <T extends z.ZodTypeAny>(schema: T) => schema.optional().catch(undefined);

const sentMembersSchema = z.object({
  TenantName: member(text),
  ConfigurationSetName: member(text),
  EmailTags: member(z.array(tag).max(50)),
  ConfigurationOverrides: member(
    z.object({
      Tracking: z.object({ OpenTrackingEnabled: text.optional(), ClickTrackingEnabled: text.optional() }).optional(),
    })
  ),
  FromEmailAddressIdentityArn: member(text),
  FeedbackForwardingEmailAddress: member(text),
  FeedbackForwardingEmailAddressIdentityArn: member(text),
  EndpointId: member(text),
  ListManagementOptions: member(z.object({ ContactListName: text, TopicName: text.optional() })),
});

/**
 * The members of a parsed SendEmail body worth showing; undefined when it is no JSON object or has
 * none of them. Members of the overrides or list options that SES does not define are not kept.
 */
export const sentMembers = (body: unknown): SentMembers | undefined => {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return undefined;
  }
  const parsed = sentMembersSchema.safeParse(body);
  if (!parsed.success) {
    return undefined;
  }
  const kept = Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined));
  return Object.keys(kept).length > 0 ? kept : undefined;
};

/** As many as the viewer could sensibly list; the local SES's own store has no bound. */
export const keptSendsCap = 1000;

/**
 * The members per MessageId, at most `cap` of them, the oldest dropped first. A Map: insertion
 * order is the order mails arrived, and a MessageId such as `__proto__` is a key like any other.
 */
export class KeptSends {
  private readonly byMessageId = new Map<string, SentMembers>();

  constructor(private readonly cap = keptSendsCap) {}

  /** Keeps `members` as the newest, or forgets what an earlier mail of that id had when there are none. */
  keep(messageId: string, members: SentMembers | undefined) {
    this.byMessageId.delete(messageId);
    if (!members) {
      return;
    }
    this.byMessageId.set(messageId, members);
    for (const oldest of this.byMessageId.keys()) {
      if (this.byMessageId.size <= this.cap) {
        break;
      }
      this.byMessageId.delete(oldest);
    }
  }

  get(messageId: string): SentMembers | undefined {
    return this.byMessageId.get(messageId);
  }

  get size() {
    return this.byMessageId.size;
  }

  clear() {
    this.byMessageId.clear();
  }
}
