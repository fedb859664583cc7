import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ConnectorError, ConnectorErrorCodes, replaceSendMessageHandlebars } from '@logto/connector-kit';

import type { Template } from '../../src/config/config.js';
import {
  chooseTemplate,
  fillPlaceholders,
  oneLine,
  payloadValueAt,
  placeholderText,
  placeholdersIn,
  renderTemplate,
} from '../../src/message/template.js';
import { failureDataOf } from '../../src/transport/failure-data.js';

const template = (usageType: string, extra: Partial<Template> = {}): Template => ({
  usageType,
  subject: `${usageType} subject`,
  content: `${usageType} content {{code}}`,
  ...extra,
});

describe('chooseTemplate', () => {
  const templates = [template('Generic'), template('SignIn', { contentType: 'text/plain' })];

  it('takes the template of the usage type', () => {
    assert.deepEqual(chooseTemplate('SignIn', templates), {
      subject: 'SignIn subject',
      content: 'SignIn content {{code}}',
      contentType: 'text/plain',
      source: 'templates[1] (usageType "SignIn")',
    });
  });

  it('falls back to Generic, as HTML unless told otherwise', () => {
    const chosen = chooseTemplate('ForgotPassword', templates);
    assert.equal(chosen.subject, 'Generic subject');
    assert.equal(chosen.contentType, 'text/html');
  });

  it("prefers Logto's custom template with its sender and reply-to", () => {
    const custom = { subject: 'Custom', content: '<p>{{code}}</p>', sendFrom: 'Acme', replyTo: 'help@acme.io' };
    assert.deepEqual(chooseTemplate('SignIn', templates, custom), {
      ...custom,
      contentType: 'text/html',
      source: "Logto's custom email template for SignIn",
    });
  });

  it('ignores a custom template that is not one', () => {
    assert.equal(chooseTemplate('SignIn', templates, { subject: 42 }).subject, 'SignIn subject');
    assert.equal(chooseTemplate('SignIn', templates, null).subject, 'SignIn subject');
  });

  it('fails with template_not_found naming the type when nothing fits', () => {
    assert.throws(
      () => chooseTemplate('Register', [template('SignIn')]),
      (error: unknown) => {
        assert.ok(error instanceof ConnectorError);
        assert.equal(error.code, ConnectorErrorCodes.TemplateNotFound);
        assert.match(failureDataOf(error).message ?? '', /"Register".*"Generic"/);
        return true;
      }
    );
  });
});

describe('fillPlaceholders', () => {
  const payload = {
    code: '123456',
    link: 'https://example.com/?a=1&b=2',
    organization: { name: 'Acme', owner: null },
    count: 0,
  };

  it('agrees with connector-kit on what it fills', () => {
    const cases = [
      'Code {{code}} / {{ code }} / {{link}}',
      'Org {{organization.name}}, missing nested [{{organization.missing}}]',
      'Missing root {{application.name}} and {{nope}}',
      'Null {{organization.owner}} zero {{count}}',
    ];
    for (const text of cases) {
      assert.equal(fillPlaceholders(text, payload), replaceSendMessageHandlebars(text, payload), text);
    }
  });

  it("reads only the payload's own properties", () => {
    assert.equal(
      fillPlaceholders('{{constructor}} {{toString}} {{code.length}}', payload),
      '{{constructor}} {{toString}} '
    );
    assert.equal(fillPlaceholders('{{organization.constructor}}', payload), '');
  });

  it('encodes each value, not the template', () => {
    assert.equal(
      fillPlaceholders('<b>{{v}}</b>', { v: '<i>&' }, (value) => `[${value}]`),
      '<b>[<i>&]</b>'
    );
  });
});

describe('renderTemplate', () => {
  const html = {
    subject: 'Your code {{code}}',
    content:
      '<h1>Hi {{name}}</h1><p>Code: <strong>{{code}}</strong></p><p><a href="{{link}}">Sign in</a></p><img src="data:image/png;base64,AAAA" alt="logo">',
    contentType: 'text/html' as const,
  };

  it('sends HTML with escaped values and a text part with the values as they are', () => {
    const rendered = renderTemplate(html, { code: '1<2>&"3', name: 'Zoë & co', link: 'https://x.io/?a=1&b=2' });
    assert.equal(
      rendered.html,
      '<h1>Hi Zoë &amp; co</h1><p>Code: <strong>1&lt;2&gt;&amp;&quot;3</strong></p><p><a href="https://x.io/?a=1&amp;b=2">Sign in</a></p><img src="data:image/png;base64,AAAA" alt="logo">'
    );
    assert.equal(rendered.text, 'Hi Zoë & co\n\nCode: 1<2>&"3\n\nSign in [https://x.io/?a=1&b=2]');
    assert.equal(rendered.subject, 'Your code 1<2>&"3');
  });

  it("keeps a heading's placeholder matchable (no upper-casing)", () => {
    assert.match(renderTemplate(html, { name: 'ann', code: 'x' }).text, /^Hi ann$/m);
  });

  it('keeps a subject on one line', () => {
    const { subject } = renderTemplate(html, { code: '12\r\nBcc: evil@example.com\n34' });
    assert.equal(subject, 'Your code 12 Bcc: evil@example.com 34');
  });

  it('sends only text for a text/plain template, unescaped', () => {
    assert.deepEqual(
      renderTemplate({ subject: 's', content: 'Code <{{code}}> & more', contentType: 'text/plain' }, { code: '7&7' }),
      { subject: 's', text: 'Code <7&7> & more' }
    );
  });

  it('turns layout tables into readable lines', () => {
    const { text } = renderTemplate(
      { subject: 's', content: '<table><tr><td>Code</td><td>{{code}}</td></tr></table>', contentType: 'text/html' },
      { code: '42' }
    );
    assert.equal(text, 'Code\n\n42');
  });
});

describe('placeholders, subjects and the text part', () => {
  it('lists the placeholder paths a template uses, in order', () => {
    assert.deepEqual(placeholdersIn('Hi {{ user.name }}, {{code}} at {{org.name}}; {{ not a placeholder }}'), [
      'user.name',
      'code',
      'org.name',
    ]);
  });

  it('renders a nested key under a value that is not an object as empty', () => {
    assert.equal(fillPlaceholders('[{{code.digits}}][{{user.name}}]', { code: '123456', user: null }), '[][]');
  });

  it('folds a subject with line breaks into one line, without spaces at its ends', () => {
    const rendered = renderTemplate(
      { subject: '\r\n Your code \r\n\r\n {{code}} \n', content: 'x', contentType: 'text/plain' },
      { code: '123456' }
    );
    assert.equal(rendered.subject, 'Your code 123456');
  });

  it('keeps header cells as written and a link that shows its own address once', () => {
    const rendered = renderTemplate(
      {
        subject: 's',
        content: '<table><tr><th>Your Code</th></tr></table><p><a href="https://logto.io">https://logto.io</a></p>',
        contentType: 'text/html',
      },
      {}
    );
    assert.equal(rendered.text, 'Your Code\n\nhttps://logto.io');
  });
});

describe('one placeholder read for a tag or a tenant', () => {
  it('undefined when the root key is not in the payload, as a placeholder that would stay as written', () => {
    assert.equal(payloadValueAt({}, 'organization.id'), undefined);
    assert.equal(placeholderText({}, 'organization.id'), undefined);
  });

  it('the value, and its text, when it is there; a missing nested key reads as empty text', () => {
    assert.equal(payloadValueAt({ organization: { id: 42 } }, 'organization.id'), 42);
    assert.equal(placeholderText({ organization: { id: 42 } }, 'organization.id'), '42');
    assert.equal(placeholderText({ organization: {} }, 'organization.id'), '');
  });
});

describe('oneLine', () => {
  it('turns each run of line breaks, and each tab, vertical tab and form feed, into one space', () => {
    assert.equal(oneLine('a\tb\vc\fd'), 'a b c d');
    assert.equal(oneLine(' a \r\n\r\n b\u0000c '), 'a bc');
  });
});
