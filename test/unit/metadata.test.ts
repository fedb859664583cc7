import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { TemplateType, connectorMetadataGuard } from '@logto/connector-kit';

import { awsSesConfigGuard, type Template } from '../../src/config/config.js';
import { metadata } from '../../src/connector/metadata.js';
import { chooseTemplate, renderTemplate } from '../../src/message/template.js';

const configKeys = Object.keys(awsSesConfigGuard.shape);

describe('metadata', () => {
  it("passes connector-kit's metadata guard", () => {
    assert.doesNotThrow(() => connectorMetadataGuard.parse(metadata));
  });

  it("keeps the official connector's id and target", () => {
    assert.equal(metadata.id, 'aws-ses-mail');
    assert.equal(metadata.target, 'aws-ses');
    assert.equal(metadata.platform, null);
  });

  it("has a labelled form item for every config field, in the guard's order", () => {
    const items = metadata.formItems ?? [];
    assert.deepEqual(items.map(({ key }) => key).sort(), [...configKeys].sort());
    for (const item of items) {
      assert.ok(item.label, item.key);
      assert.equal(typeof item.required, 'boolean', item.key);
    }
    const required = items.filter(({ required }) => required).map(({ key }) => key);
    // Keys are optional: without them the AWS default credential chain applies.
    assert.deepEqual(required.sort(), ['region', 'templates']);
    for (const key of ['accessKeySecret', 'sessionToken']) {
      assert.equal(items.find((item) => item.key === key)?.isConfidential, true, key);
    }
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
