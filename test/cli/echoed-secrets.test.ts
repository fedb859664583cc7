/**
 * An endpoint that echoes the session token it was sent, percent-encoded (upper and lower case
 * hex), base64 and base64url, alone or inside a longer base64 value: neither the connector's
 * ConnectorError nor anything the CLI prints (a success's MessageId line, an error, a `check`
 * finding, a `--json` document) shows it in any of those forms. Run in this process, against a
 * small SES on 127.0.0.1 that writes each answer from the request it got.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { ConnectorError, TemplateType } from '@logto/connector-kit';

import { configFor } from '../support/fixtures.js';
import { parseConfig } from '../../src/config/config.js';
import createConnector from '../../src/index.js';
import { tokenHeader } from '../../src/studio/guard.js';
import { startStudio } from '../../src/studio/server.js';
import { base64, base64url, lowercaseHex } from '../support/encodings.js';
import { startScriptedSes, type ScriptedAnswer, type ScriptedSes } from '../support/scripted-ses.js';
import { startSesStub, type SesStub } from '../support/ses-stub.js';
import { runInProcess } from '../support/run-in-process.js';

/** Shaped as STS's are: base64 with "/", "+" and "=", which percent-encoding changes. */
const sessionToken = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+echoed/session+token==';

/** The token as an endpoint may echo it, each whole. */
const wholeForms = (token: string) => [
  encodeURIComponent(token),
  lowercaseHex(encodeURIComponent(token)),
  base64(token),
  base64url(token),
];
/** The token inside a longer base64 value, one byte into a 3-byte group. */
const embedded = (token: string) => base64(`{"t":"${token}"}`);
const echoOf = (token: string) => [...wholeForms(token), embedded(token)].join(' ');

/** What an echoed line must show instead: every whole form gone, the embedded one's middle too. */
const assertHidden = (text: string) => {
  for (const form of [sessionToken, ...wholeForms(sessionToken)]) {
    assert.ok(!text.includes(form), `shows the token as ${form}:\n${text}`);
  }
  assert.ok(!text.includes(base64(sessionToken.slice(3, 30)).slice(4, 24)), `shows the embedded token:\n${text}`);
  for (let start = 0; start + 12 <= sessionToken.length; start += 1) {
    assert.ok(!text.includes(sessionToken.slice(start, start + 12)), `shows part of the token:\n${text}`);
  }
};

const tokenOf = (request: IncomingMessage) => String(request.headers['x-amz-security-token']);

let folder: string;
let echoing: ScriptedSes;
let refusing: ScriptedSes;
before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'logto-ses-echo-'));
  echoing = await startScriptedSes((request) => ({
    status: 200,
    body: { MessageId: `id ${echoOf(tokenOf(request))}` },
  }));
  refusing = await startScriptedSes((request): ScriptedAnswer => ({
    status: 400,
    errorType: 'MessageRejected',
    body: { message: `Email address is not verified: token ${echoOf(tokenOf(request))}` },
  }));
});
after(async () => {
  await echoing.close();
  await refusing.close();
  await rm(folder, { recursive: true, force: true });
});

const configFile = async (name: string, config: unknown) => {
  const path = join(folder, name);
  await writeFile(path, JSON.stringify(config));
  return path;
};

describe('a session token echoed back in another form', () => {
  test("is not in send's MessageId line", async () => {
    const path = await configFile('echo.json', configFor(echoing.url, { sessionToken }));
    const { code, stdout, stderr } = await runInProcess(['send', '--to', 'a@example.com', '--config', path]);
    assert.equal(code, 0, stderr);
    const line = stdout.split('\n').find((candidate) => candidate.startsWith('MessageId: '));
    assert.ok(line, stdout);
    assert.match(line, /^MessageId: id \[redacted\] \[redacted\] \[redacted\] \[redacted\] \S*\[redacted\]\S*$/);
    assertHidden(stdout + stderr);
  });

  test("is not in send's error", async () => {
    const path = await configFile('refused.json', configFor(refusing.url, { sessionToken }));
    const { code, stdout, stderr } = await runInProcess(['send', '--to', 'a@example.com', '--config', path]);
    assert.equal(code, 1);
    assert.match(stderr, /^Send failed: .*Email address is not verified: token \[redacted\] \[redacted\] \[redacted\]/);
    assertHidden(stdout + stderr);
  });

  test("is not in the connector's ConnectorError, wherever it sits", async () => {
    const connector = await createConnector({ getConfig: async () => configFor(refusing.url, { sessionToken }) });
    const error = await connector
      .sendMessage({ to: 'a@example.com', type: TemplateType.Generic, payload: { code: '1' } })
      .then(
        () => assert.fail('the send succeeded'),
        (thrown: unknown) => thrown
      );
    assert.ok(error instanceof ConnectorError);
    const shown = `${error.message}\n${JSON.stringify(error.data)}`;
    assert.match(shown, /token \[redacted\] \[redacted\] \[redacted\] \[redacted\]/);
    assertHidden(shown);
  });

  for (const [answer, server] of [
    ['MessageId', () => echoing],
    ['error', () => refusing],
  ] as const) {
    test(`is not in the studio's answer to Send (its ${answer})`, async () => {
      const templates = join(folder, `studio-${answer}`);
      await mkdir(join(templates, 'en'), { recursive: true });
      await writeFile(join(templates, 'en', 'SignIn.html'), '<!--\nsubject: Code {{code}}\n-->\n<p>{{code}}</p>\n');
      const studio = await startStudio({
        folder: templates,
        port: 0,
        fallbackLanguage: 'en',
        config: parseConfig(configFor(server().url, { sessionToken })),
        connector: { source: 'test', templates: [] },
        sendLabel: 'Send',
      });
      try {
        const token = new URL(studio.url).searchParams.get('token')!;
        const response = await fetch(`http://127.0.0.1:${studio.port}/send`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [tokenHeader]: token },
          body: JSON.stringify({ key: 'en/SignIn', to: 'a@example.com' }),
        });
        const shown = await response.text();
        assert.equal(response.status, answer === 'MessageId' ? 200 : 502, shown);
        assert.match(shown, /\[redacted\] \[redacted\] \[redacted\] \[redacted\]/);
        assertHidden(shown);
      } finally {
        await studio.stop();
      }
    });
  }

  describe("in check's findings", () => {
    let ses: SesStub;
    before(async () => {
      ses = await startSesStub({
        account: {
          EnforcementStatus: `PROBATION ${echoOf(sessionToken)}`,
          ProductionAccessEnabled: true,
          SendingEnabled: true,
        },
        identities: {},
        configurationSets: [],
      });
    });
    after(async () => {
      await ses.close();
    });

    for (const json of [false, true]) {
      test(json ? 'as a --json document' : 'as lines', async () => {
        const path = await configFile(`check-${json}.json`, configFor(ses.url, { sessionToken }));
        const { stdout, stderr } = await runInProcess(['check', '--config', path, ...(json ? ['--json'] : [])]);
        assert.match(stdout, /enforcement status: PROBATION \[redacted\] \[redacted\] \[redacted\] \[redacted\]/);
        assertHidden(stdout + stderr);
        if (json) {
          assert.doesNotThrow(() => JSON.parse(stdout) as unknown);
        }
      });
    }
  });
});
