import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { TemplateType, connectorMetadataGuard } from '@logto/connector-kit';

import { awsSesConfigGuard, type Template } from '../../src/config/config.js';
import { metadata } from '../../src/connector/metadata.js';
import { chooseTemplate, renderTemplate } from '../../src/message/template.js';
import { consoleFormKeys, reviewedMetadata } from '../support/console-form.js';

describe('metadata', () => {
  it("passes connector-kit's metadata guard", () => {
    assert.doesNotThrow(() => connectorMetadataGuard.parse(metadata));
  });

  it("keeps the official connector's id and target", () => {
    assert.equal(metadata.id, 'aws-ses-mail');
    assert.equal(metadata.target, 'aws-ses');
    assert.equal(metadata.platform, null);
  });

  /**
   * The order Logto's console shows the form in (the form items' order), and the README's config
   * table lists the fields in: credentials, the role to assume, the region, the sender and feedback
   * addresses, the configuration set and reply-to, then the transport settings, the templates last.
   * The labels of each are in the reviewed text (console-form.json).
   */
  it('has a labelled form item for every config field, in the order the console shows them', () => {
    const items = metadata.formItems ?? [];
    assert.deepEqual(
      items.map(({ key }) => key),
      consoleFormKeys
    );
    for (const { key, label } of items) {
      assert.ok(label.trim(), `the form item for ${key} has no label`);
    }
    // Keys are optional: without them the AWS default credential chain applies.
    assert.deepEqual(
      items.filter(({ required }) => required).map(({ key }) => key),
      ['region', 'templates']
    );
    assert.deepEqual(
      items.filter(({ isConfidential }) => isConfidential).map(({ key }) => key),
      ['accessKeySecret', 'sessionToken']
    );
  });

  it("declares the config guard's fields in the form's order", () => {
    // So a field added to one goes to the same place in the other, and a config error lists bad fields in form order.
    assert.deepEqual(Object.keys(awsSesConfigGuard.shape), consoleFormKeys);
  });

  it('ships a default template for every TemplateType that renders its code or link', () => {
    const templates = metadata.formItems?.find(({ key }) => key === 'templates')?.defaultValue as Template[];
    assert.deepEqual(templates.map(({ usageType }) => usageType).sort(), Object.values(TemplateType).sort());
    assert.equal(awsSesConfigGuard.shape.templates.safeParse(templates).success, true);
    for (const type of Object.values(TemplateType)) {
      const { subject, html, text } = renderTemplate(chooseTemplate(type, templates), {
        code: '314159',
        link: 'https://example.com/accept',
      });
      assert.ok(subject && !subject.includes('<'), type);
      const expected = type === TemplateType.OrganizationInvitation ? 'https://example.com/accept' : '314159';
      assert.ok(html?.includes(expected), type);
      assert.ok(text.includes(expected), type);
    }
  });
});

describe('what Logto shows of the connector', () => {
  it('is exactly the reviewed text: name, description and every form item, in every language', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(metadata)), reviewedMetadata);
  });
});
