import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { decodeWords } from 'postal-mime';

import { messageHeaders } from '../../src/message/headers.js';

const autoSubmitted = { Name: 'Auto-Submitted', Value: 'auto-generated' };

describe('messageHeaders', () => {
  it('Auto-Submitted first, always, and alone without custom headers', () => {
    assert.deepEqual(messageHeaders(undefined, {}), [autoSubmitted]);
    assert.deepEqual(messageHeaders([], { code: '1' }), [autoSubmitted]);
  });

  it("fills placeholders in values with the templates' semantics", () => {
    assert.deepEqual(
      messageHeaders(
        [
          { name: 'X-Org', value: 'org={{organization.id}}' },
          { name: 'X-Absent', value: '{{nothing.here}}' },
          { name: 'X-Empty', value: '{{organization.missing}}' },
        ],
        { organization: { id: 'org_1' } }
      ),
      // An absent root stays as written; a header left empty is left out (SES refuses an empty value).
      [autoSubmitted, { Name: 'X-Org', Value: 'org=org_1' }, { Name: 'X-Absent', Value: '{{nothing.here}}' }]
    );
  });

  it('a payload value cannot add a header or carry a control character: line breaks and tabs become a space', () => {
    const [, filled] = messageHeaders([{ name: 'X-User', value: '{{user.name}}!' }], {
      user: { name: 'Eve\r\n\tBcc: victim@example.com\u0000\u001B[31m' },
    });
    assert.deepEqual(filled, { Name: 'X-User', Value: 'Eve Bcc: victim@example.com[31m!' });
  });

  it('non-ASCII text is RFC 2047-encoded, which SES takes and a mail client shows as written', () => {
    const [, filled] = messageHeaders([{ name: 'X-Org-Name', value: '{{organization.name}}' }], {
      organization: { name: 'Équipe Café' },
    });
    assert.match(filled!.Value!, /^[ -~]+$/);
    assert.equal(decodeWords(filled!.Value!), 'Équipe Café');
  });

  it('encodes in Q encoding, readable in the raw header', () => {
    const [, filled] = messageHeaders([{ name: 'X-Org-Name', value: '{{v}}' }], { v: 'Équipe' });
    assert.equal(filled!.Value, '=?UTF-8?Q?=C3=89quipe?=');
  });

  it('an encoded value cut at a space ends without it', () => {
    const [, cut] = messageHeaders([{ name: 'X-Long', value: '{{v}}' }], { v: 'é '.repeat(1000) });
    const text = decodeWords(cut!.Value!);
    assert.ok(cut!.Value!.length <= 870, String(cut!.Value!.length));
    assert.equal(text, text.trimEnd());
    assert.ok(text.startsWith('é é'));
  });

  it("a filled value is cut to SES's 870 characters, encoded or not", () => {
    const [, ascii] = messageHeaders([{ name: 'X-Long', value: '{{v}}' }], { v: 'a'.repeat(2000) });
    assert.equal(ascii!.Value, 'a'.repeat(870));
    const [, encoded] = messageHeaders([{ name: 'X-Long', value: '{{v}}' }], { v: 'é'.repeat(2000) });
    assert.ok(encoded!.Value!.length <= 870, String(encoded!.Value!.length));
    assert.ok(encoded!.Value!.length > 800, String(encoded!.Value!.length));
    assert.match(decodeWords(encoded!.Value!), /^é+$/);
  });
});
