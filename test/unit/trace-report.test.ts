/**
 * `trace`'s pure parts, without a network: times in a given zone with its offset, durations, which
 * strings pass for a MessageId, what each timeline means, and the lines and document printed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { UsageError } from '../../src/cli/command.js';
import { insightsOf, type RecipientTimeline, type TraceEvent } from '../../src/cli/trace/insights.js';
import { durationText, localTimeZone, timeFormat } from '../../src/cli/trace/local-time.js';
import { messageIdOf } from '../../src/cli/trace/message-id.js';
import { outcomeOf } from '../../src/cli/trace/outcome.js';
import { traceDocument, traceLines } from '../../src/cli/trace/report.js';
import { unansweredDocument, unansweredLines } from '../../src/cli/trace/unanswered.js';

const utc = timeFormat('UTC');
const time = (iso: string) => new Date(iso);
const id = '0100018c3f1b2a3d-7e9f0c1a-2b3c-4d5e-8f90-123456789abc-000000';

describe('times in the operator’s zone', () => {
  const instant = time('2026-01-15T10:00:00Z');
  const cases: Array<[string, string]> = [
    ['UTC', '2026-01-15 10:00:00 +00:00'],
    ['Asia/Kolkata', '2026-01-15 15:30:00 +05:30'],
    ['Asia/Kathmandu', '2026-01-15 15:45:00 +05:45'],
    ['America/New_York', '2026-01-15 05:00:00 -05:00'],
  ];
  for (const [zone, expected] of cases) {
    test(`${zone}: ${expected}`, () => {
      assert.equal(timeFormat(zone).format(instant), expected);
    });
  }

  test('summer time moves the offset with the date', () => {
    assert.equal(timeFormat('America/New_York').format(time('2026-07-15T10:00:00Z')), '2026-07-15 06:00:00 -04:00');
  });

  const withTz = (value: string | undefined, action: () => void) => {
    const saved = process.env.TZ;
    if (value === undefined) {
      delete process.env.TZ;
    } else {
      process.env.TZ = value;
    }
    try {
      action();
    } finally {
      if (saved === undefined) {
        delete process.env.TZ;
      } else {
        process.env.TZ = saved;
      }
    }
  };

  test('TZ decides the zone, named as the operator wrote it', () => {
    withTz('Asia/Kolkata', () => {
      assert.equal(localTimeZone(), 'Asia/Kolkata');
      assert.equal(timeFormat().format(instant), '2026-01-15 15:30:00 +05:30');
    });
  });

  test('a TZ that names no zone: UTC, and the header says so', () => {
    withTz('Not/AZone', () => {
      assert.equal(localTimeZone(), 'UTC');
      assert.equal(timeFormat().format(instant), '2026-01-15 10:00:00 +00:00');
    });
  });

  test('midnight is 00, not 24', () => {
    assert.equal(utc.format(time('2026-01-15T00:00:05Z')), '2026-01-15 00:00:05 +00:00');
  });
});

describe('durations', () => {
  const cases: Array<[number, string]> = [
    [0, '0 s'],
    [2300, '2.3 s'],
    [9940, '9.9 s'],
    [45_000, '45 s'],
    [60_000, '1 min'],
    [185_000, '3 min 5 s'],
    [7_800_000, '2 h 10 min'],
    [3_600_000, '1 h'],
    [-500, '0 s'],
  ];
  for (const [milliseconds, expected] of cases) {
    test(`${milliseconds} ms: ${expected}`, () => {
      assert.equal(durationText(milliseconds), expected);
    });
  }
});

describe('which MessageIds are plausible', () => {
  test('the id as send prints it, or as the Message-ID header carries it', () => {
    assert.equal(messageIdOf(id), id);
    assert.equal(messageIdOf(` ${id.toUpperCase()} `), id);
    assert.equal(messageIdOf(`<${id}@email.amazonses.com>`), id);
    assert.equal(messageIdOf(`${id}@eu-west-1.amazonses.com`), id);
  });

  const wrong: Array<[string, string]> = [
    ['nothing', ''],
    ['too short', 'abc'],
    ['words', 'my code never came'],
    ['a path after the id', `${id}/../account`],
    ['a query after the id', `${id}?x=1`],
    ['too long', `${id}-${'0'.repeat(60)}`],
    ['a Message-ID header from another service', `<${id}@example.com>`],
  ];
  for (const [name, value] of wrong) {
    test(`refuses ${name}`, () => {
      assert.throws(() => messageIdOf(value), UsageError);
    });
  }

  test('a missing id names the argument', () => {
    assert.throws(() => messageIdOf(undefined), /^UsageError: MESSAGE_ID is required/);
  });

  test('a long wrong value is shortened in the message', () => {
    assert.throws(
      () => messageIdOf('x'.repeat(500)),
      (error: Error) => error.message.includes(`"${'x'.repeat(80)}…"`)
    );
  });
});

const timeline = (...events: TraceEvent[]): RecipientTimeline => ({ destination: 'user@example.org', events });
const sent: TraceEvent = { type: 'SEND', time: time('2026-01-15T10:00:00Z') };
const bounce = (type: string, subType: string, diagnosticCode?: string): TraceEvent => ({
  type: 'BOUNCE',
  time: time('2026-01-15T10:00:01Z'),
  bounce: { type, subType, ...(diagnosticCode && { diagnosticCode }) },
});

describe('what a timeline means', () => {
  const cases: Array<{ name: string; events: TraceEvent[]; status: string; text: string }> = [
    {
      name: 'a hard bounce: the address does not exist',
      events: [sent, bounce('PERMANENT', 'General', '550 5.1.1 user unknown')],
      status: 'bounced',
      text: 'Bounced (Permanent, General) at 2026-01-15 10:00:01 +00:00: 550 5.1.1 user unknown — the address does not exist; Logto will keep failing for it: remove it or ask the user to fix it.',
    },
    {
      name: 'on the account’s suppression list: SES did not try',
      events: [sent, bounce('PERMANENT', 'OnAccountSuppressionList')],
      status: 'bounced',
      text: "Bounced (Permanent, OnAccountSuppressionList) at 2026-01-15 10:00:01 +00:00: the receiving server gave no diagnostic — the address is on the account's suppression list, so SES did not try: logto-ses check --to ADDRESS says since when and why; remove it from the list once the address works.",
    },
    {
      name: "on SES's global suppression list",
      events: [sent, bounce('PERMANENT', 'Suppressed', 'Amazon SES has suppressed sending to this address')],
      status: 'bounced',
      text: "Bounced (Permanent, Suppressed) at 2026-01-15 10:00:01 +00:00: Amazon SES has suppressed sending to this address — the address is on SES's global suppression list after earlier hard bounces, so SES did not try: ask the user for another address.",
    },
    {
      name: 'a full mailbox',
      events: [sent, bounce('TRANSIENT', 'MailboxFull', '452 4.2.2 mailbox full')],
      status: 'bounced',
      text: 'Bounced (Transient, MailboxFull) at 2026-01-15 10:00:01 +00:00: 452 4.2.2 mailbox full — the mailbox is full: the user must make room, then ask for a new code.',
    },
    {
      name: 'a transient bounce of no known kind',
      events: [sent, bounce('TRANSIENT', 'General', '421 try later')],
      status: 'bounced',
      text: 'Bounced (Transient, General) at 2026-01-15 10:00:01 +00:00: 421 try later — the receiving server refused it for now and SES stopped retrying: the user can ask for a new code later.',
    },
    {
      name: 'an undetermined bounce',
      events: [sent, bounce('UNDETERMINED', 'Undetermined')],
      status: 'bounced',
      text: 'Bounced (Undetermined, Undetermined) at 2026-01-15 10:00:01 +00:00: the receiving server gave no diagnostic — SES could not tell from the bounce why the receiving server refused it.',
    },
    {
      name: 'a reject outweighs the send',
      events: [sent, { type: 'REJECT', time: time('2026-01-15T10:00:00.500Z') }],
      status: 'rejected',
      text: "Rejected by SES at 2026-01-15 10:00:00 +00:00: SES found a virus in it and did not send it; check the template's content.",
    },
    {
      name: 'a rendering failure',
      events: [{ type: 'RENDERING_FAILURE', time: time('2026-01-15T10:00:00Z') }],
      status: 'rendering failed',
      text: "SES could not render its template at 2026-01-15 10:00:00 +00:00, so nothing was sent: check the SES template's placeholders.",
    },
    {
      name: 'delivered, never opened',
      events: [sent, { type: 'DELIVERY', time: time('2026-01-15T10:03:05Z') }],
      status: 'delivered',
      text: 'Delivered to example.org at 2026-01-15 10:03:05 +00:00, 3 min 5 s after SES sent it; if the user did not see it, it is in their spam or another folder.',
    },
    {
      name: 'marked as spam without a delivery event',
      events: [{ type: 'COMPLAINT', time: time('2026-01-15T11:00:00Z') }],
      status: 'complained',
      text: "Marked as spam by the recipient at 2026-01-15 11:00:00 +00:00: SES counts complaints against the account's reputation; make sure the email reads as the code the user asked for.",
    },
    {
      name: 'delayed',
      events: [sent, { type: 'DELIVERY_DELAY', time: time('2026-01-15T10:10:00Z') }],
      status: 'delayed',
      text: 'Delayed: example.org has not accepted it yet (last delay at 2026-01-15 10:10:00 +00:00); SES keeps retrying, and the code may expire before it arrives.',
    },
    {
      name: 'sent, no answer yet',
      events: [sent],
      status: 'sent',
      text: 'No delivery event yet: SES sent it at 2026-01-15 10:00:00 +00:00 and example.org has not answered; events can take minutes to show, so run trace again.',
    },
    {
      name: 'no events at all',
      events: [],
      status: 'no events',
      text: 'No events yet for user@example.org: run trace again in a few minutes.',
    },
    {
      name: 'a delivery without a time',
      events: [{ type: 'DELIVERY' }],
      status: 'delivered',
      text: 'Delivered to example.org at an unknown time; if the user did not see it, it is in their spam or another folder.',
    },
  ];
  for (const { name, events, status, text } of cases) {
    test(name, () => {
      assert.deepEqual(outcomeOf(timeline(...events), utc), { status, text });
    });
  }
});

describe('the lines and the document', () => {
  test('events sort by time, those without one last; an unknown type shows as SES names it', () => {
    const insights = insightsOf(id, {
      $metadata: {},
      Insights: [
        {
          Destination: 'user@example.org',
          Events: [
            { Type: 'DELIVERY', Timestamp: time('2026-01-15T10:00:02Z') },
            { Type: 'NEW_KIND' as 'SEND' },
            { Type: 'SEND', Timestamp: time('2026-01-15T10:00:00Z') },
          ],
        },
        { Destination: 'other@example.net', Isp: 'Example' },
      ],
    });
    assert.deepEqual(traceLines(insights, utc), [
      `Message ${id} (times in UTC)`,
      '',
      'To user@example.org',
      '  2026-01-15 10:00:00 +00:00  sent: SES accepted it and handed it on',
      '  2026-01-15 10:00:02 +00:00  delivered: the receiving server accepted it',
      '  (no time)                  new_kind',
      '',
      'To other@example.net (ISP: Example)',
      '  (no events)',
      '',
      'Delivered to example.org at 2026-01-15 10:00:02 +00:00, 2 s after SES sent it; if the user did not see it, it is in their spam or another folder.',
      'No events yet for other@example.net: run trace again in a few minutes.',
    ]);
  });

  test('a message SES shows no recipient for yet', () => {
    const insights = insightsOf(id, { $metadata: {} });
    assert.deepEqual(traceLines(insights, utc).slice(-1), [
      'SES has no recipients for this message yet: run trace again in a few minutes.',
    ]);
    assert.equal(traceDocument(insights, utc).failed, false);
  });

  test('one bounced recipient of two fails the document', () => {
    const insights = insightsOf(id, {
      $metadata: {},
      Insights: [
        { Destination: 'a@example.org', Events: [{ Type: 'DELIVERY', Timestamp: time('2026-01-15T10:00:02Z') }] },
        {
          Destination: 'b@example.org',
          Events: [{ Type: 'BOUNCE', Details: { Bounce: { BounceType: 'PERMANENT', BounceSubType: 'General' } } }],
        },
      ],
    });
    const document = traceDocument(insights, utc);
    assert.equal(document.failed, true);
    assert.deepEqual(document.recipients[1]?.events, [
      {
        type: 'BOUNCE',
        time: null,
        localTime: null,
        bounce: { type: 'PERMANENT', subType: 'General', diagnosticCode: null },
      },
    ]);
  });
});

describe('when SES has no timeline', () => {
  const where = { messageId: id, region: 'eu-west-1' };

  test('VDM off: the command names the region', () => {
    const [first, command] = unansweredLines({ result: 'vdm-not-enabled' }, where);
    assert.equal(
      first,
      `SES has no insights for message ${id}: Virtual Deliverability Manager (VDM) is not enabled for the account in eu-west-1.`
    );
    assert.equal(
      command,
      'Enable it with: aws sesv2 put-account-vdm-attributes --region eu-west-1 --vdm-attributes VdmEnabled=ENABLED'
    );
  });

  test("an unknown id with a global endpoint: the endpoint's other region may have it", () => {
    const lines = unansweredLines(
      { result: 'unknown-message', sesMessage: 'not found' },
      { ...where, endpointId: 'abcd1234.xyz' }
    );
    assert.ok(
      lines.includes(
        "With the global endpoint abcd1234.xyz, the message may have gone out from the endpoint's other region: trace it with a config whose region is that one."
      )
    );
  });

  test('the document carries the text and SES’s words', () => {
    assert.deepEqual(unansweredDocument({ result: 'refused', sesMessage: 'Bad id' }, where), {
      result: 'refused',
      messageId: id,
      region: 'eu-west-1',
      text: `SES refused to show message ${id} in eu-west-1 (SES: "Bad id").\nMeanwhile, logto-ses check --to ADDRESS says whether the address is on the suppression list and whether the sender is set up for codes to arrive.`,
      sesMessage: 'Bad id',
    });
  });
});
