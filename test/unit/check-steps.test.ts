/**
 * How `check` runs its steps: in order, each step's findings in turn, and once SES did not answer
 * one, every later step skipped under its own id without being run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { fail, messageOfFinding, pass } from '../../src/cli/check/finding.js';
import { answered, runSteps, type CheckStep } from '../../src/cli/check/step.js';

type Ran = string[];

const step = (id: CheckStep<Ran>['id'], answer: boolean): CheckStep<Ran> => ({
  id,
  run: async (ran) => {
    ran.push(id);
    return answer ? answered(pass(id, 'fine')) : { findings: [fail(id, 'no answer')], answered: false };
  },
});

const lines = (findings: Parameters<typeof messageOfFinding>[0][]) =>
  findings.map((finding) => `${finding.status} ${finding.id} ${messageOfFinding(finding)}`);

test('every step runs, in order, while SES answers', async () => {
  const ran: Ran = [];
  const result = await runSteps([step('account', true), step('sender-identity', true), step('vdm', true)], ran);
  assert.deepEqual(ran, ['account', 'sender-identity', 'vdm']);
  assert.deepEqual(lines(result.findings), [
    'pass account account: fine',
    'pass sender-identity sender identity: fine',
    'pass vdm VDM: fine',
  ]);
  assert.equal(result.answered, true);
});

test('after a step SES did not answer, the later steps are skipped under their own ids and not run', async () => {
  const ran: Ran = [];
  const result = await runSteps(
    [step('account', true), step('sender-identity', false), step('configuration-set', true), step('vdm', true)],
    ran
  );
  assert.deepEqual(ran, ['account', 'sender-identity']);
  assert.deepEqual(lines(result.findings), [
    'pass account account: fine',
    'fail sender-identity sender identity: no answer',
    'skip configuration-set configuration set: not checked, as SES did not answer the call above',
    'skip vdm VDM: not checked, as SES did not answer the call above',
  ]);
  assert.equal(result.answered, false);
});
