/**
 * The keys of a config that no field reads, each with the field it most likely meant, and how a
 * misspelling is named beside the required field it left missing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { z } from 'zod';

import { describeConfigError, misspellingOf } from '../../src/config/config-error.js';
import { quoteKey, unknownKeysOf, type KnownKeys } from '../../src/config/unknown-keys.js';

const known: KnownKeys = { config: ['region', 'templates'], template: ['subject', 'content'] };

describe('unknownKeysOf', () => {
  it('names only the unknown keys of the config and of each template, with what they meant', () => {
    const config = {
      regoin: 'eu-west-1',
      region: 'eu-west-1',
      logtoOwnKey: true,
      templates: [
        { subjct: 'Hi', content: 'x' },
        { subject: 'Hi', zzzzzzzz: 1 },
      ],
    };
    assert.deepEqual(unknownKeysOf(config, known), [
      { parent: [], key: 'regoin', meant: 'region' },
      { parent: [], key: 'logtoOwnKey' },
      { parent: ['templates', 0], key: 'subjct', meant: 'subject' },
      { parent: ['templates', 1], key: 'zzzzzzzz' },
    ]);
  });

  it('a config that is no object has no keys to name', () => {
    for (const config of [null, undefined, 'region', 42, ['regoin']]) {
      assert.deepEqual(unknownKeysOf(config, known), [], JSON.stringify(config));
    }
  });

  it('a template that is no object, or templates that are no list, add nothing', () => {
    assert.deepEqual(unknownKeysOf({ templates: [null, ['subjct'], 'subjct', 7] }, known), []);
    assert.deepEqual(unknownKeysOf({ templates: { 0: { subjct: 'Hi' } } }, known), []);
    assert.deepEqual(unknownKeysOf({ templates: 'subjct' }, known), []);
  });
});

describe('quoteKey', () => {
  it('shows a key of 64 characters whole and cuts a longer one after 64', () => {
    assert.equal(quoteKey('k'.repeat(64)), `"${'k'.repeat(64)}"`);
    assert.equal(quoteKey(`${'k'.repeat(64)}tail`), `"${'k'.repeat(64)}…"`);
  });

  it('escapes control and bidirectional characters', () => {
    assert.equal(quoteKey('a\u001B\u007F\u202Eb'), String.raw`"a\u001b\u007f\u202eb"`);
  });
});

describe('misspellingOf', () => {
  const typo = (parent: Array<string | number>) => [{ parent, key: 'subjct', meant: 'subject' }];

  it('names a misspelling found beside the missing field', () => {
    assert.equal(
      misspellingOf(['templates', 1, 'subject'], typo(['templates', 1])),
      ' (found "subjct": did you mean "subject"?)'
    );
  });

  it('not one in another template, nor one at another depth', () => {
    assert.equal(misspellingOf(['templates', 1, 'subject'], typo(['templates', 0])), '');
    assert.equal(misspellingOf(['templates', 1, 'subject'], typo([])), '');
    assert.equal(misspellingOf(['subject'], typo(['templates', 0])), '');
  });

  it('not an unknown key that meant no field', () => {
    assert.equal(misspellingOf([], [{ parent: [], key: 'zzzzzzzz' }]), '');
  });
});

describe('describeConfigError', () => {
  it('names the config itself when the whole of it is wrong', () => {
    const result = z.object({ region: z.string() }).safeParse(null);
    assert.ok(!result.success);
    assert.equal(
      describeConfigError(result.error),
      'Invalid AWS SES connector config: config must be an object, not null.'
    );
  });
});
