/** Which known name a misspelled one meant: the suggestions of the config error and of `check`. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { TemplateType } from '@logto/connector-kit';

import { awsSesConfigGuard } from '../../src/config/config.js';
import { editDistance, nearestName } from '../../src/config/nearest-name.js';

const fields = Object.keys(awsSesConfigGuard.shape);
const types: string[] = Object.values(TemplateType);

describe('editDistance', () => {
  for (const [a, b, distance] of [
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['region', 'region', 0],
    ['regoin', 'region', 1],
    ['sned', 'send', 1],
    ['ab', 'ba', 1],
    ['abc', 'ca', 3],
    ['regin', 'region', 1],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
  ] as const) {
    it(`${JSON.stringify(a)} → ${JSON.stringify(b)}: ${distance}`, () => {
      assert.equal(editDistance(a, b), distance);
      assert.equal(editDistance(b, a), distance);
    });
  }
});

describe('nearestName', () => {
  for (const [written, meant] of [
    ['regoin', 'region'],
    ['Region', 'region'],
    ['replyto', 'replyTo'],
    ['emailAdress', 'emailAddress'],
    ['accessKeySecet', 'accessKeySecret'],
    ['template', 'templates'],
    ['endpointID', 'endpointId'],
    ['timeout', 'timeoutMs'],
  ] as const) {
    it(`${written} meant ${meant}`, () => {
      assert.equal(nearestName(written, fields), meant);
    });
  }

  for (const [written, meant] of [
    ['generic', 'Generic'],
    ['signin', 'SignIn'],
    ['SignUp', 'SignIn'],
    ['ForgetPassword', 'ForgotPassword'],
    ['MFAVerification', 'MfaVerification'],
  ] as const) {
    it(`usage type ${written} meant ${meant}`, () => {
      assert.equal(nearestName(written, types), meant);
    });
  }

  it('a name far from every known one meant none of them', () => {
    for (const written of ['somethingElse', 'zone', 'x', 'Welcome', 'PasswordlessSignIn']) {
      assert.equal(nearestName(written, [...fields, ...types]), undefined, written);
    }
  });

  it('a known name is no misspelling', () => {
    assert.equal(nearestName('region', fields), undefined);
  });

  it('a short name tolerates one edit, a long one at most three', () => {
    assert.equal(nearestName('tx', ['to']), 'to');
    assert.equal(nearestName('xy', ['to']), undefined);
    assert.equal(nearestName('abcdefghijklXYZ', ['abcdefghijklmno']), 'abcdefghijklmno');
    assert.equal(nearestName('abcdefghijkWXYZ', ['abcdefghijklmno']), undefined);
  });

  it('the nearest wins over an earlier, further one; a tie goes to the first', () => {
    assert.equal(nearestName('abcdefx', ['abcdeyy', 'abcdefg']), 'abcdefg');
    assert.equal(nearestName('abc', ['abd', 'abe']), 'abd');
  });
});
