/**
 * The connector's span reaches the operator's OpenTelemetry SDK on the real Logto path: the packed
 * tarball added to a Logto-shaped folder with `logto connector add`, loaded by Logto's own loader
 * in a node process started with `--import docs/otel.mjs` (the file the README shows), one email
 * sent to a local SES, and the span exported over OTLP/HTTP to a receiver on 127.0.0.1. Both with
 * @opentelemetry/api absent from Logto's node_modules (the bundled copy finds the SDK through the
 * API's global) and present there.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { startScriptedSes, type ScriptedSes } from '../support/scripted-ses.js';
import { packFromCleanTree, repoRoot, type PackedPackage } from './clean-pack.js';
import { createLogtoFolder, installLogtoReleases, type LogtoFolder } from './logto-folder.js';

const execFileAsync = promisify(execFile);

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean };
type OtlpAttributes = Array<{ key: string; value: OtlpValue }>;
type OtlpSpan = {
  name: string;
  kind: number;
  attributes: OtlpAttributes;
  status?: { code?: number };
};
type OtlpTraces = {
  resourceSpans: Array<{
    resource: { attributes: OtlpAttributes };
    scopeSpans: Array<{ scope: { name: string }; spans: OtlpSpan[] }>;
  }>;
};

const attributesOf = (attributes: OtlpAttributes = []) =>
  Object.fromEntries(attributes.map(({ key, value }) => [key, value.stringValue ?? Number(value.intValue)]));

/** An OTLP/HTTP collector's traces endpoint, JSON bodies only (what the exporter in otel.mjs sends). */
const startReceiver = async () => {
  const spans: Array<OtlpSpan & { scope: string; service: unknown }> = [];
  const waiters: Array<() => void> = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        assert.equal(request.headers['content-type'], 'application/json');
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpTraces;
        for (const { resource, scopeSpans } of body.resourceSpans) {
          const service = attributesOf(resource.attributes)['service.name'];
          for (const { scope, spans: found } of scopeSpans) {
            spans.push(...found.map((span) => ({ ...span, scope: scope.name, service })));
          }
        }
        for (const wake of waiters.splice(0)) {
          wake();
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    /** Resolves once a span has arrived. */
    arrived: async () => (spans.length > 0 ? undefined : new Promise<void>((resolve) => waiters.push(resolve))),
    close: async () => {
      server.close();
      await once(server, 'close');
    },
  };
};

/**
 * What Logto's core does with an installed connector, as a script inside the Logto folder: its
 * loader (version check on) finds and builds the connector; one sign-in email is sent; the
 * connector's clients are closed so the process ends (and otel.mjs flushes on the way out).
 */
const sendOneScript = (cli: string, connectorsDirectory: string, installed: string, sesUrl: string) => `
import { loadConnectorFactories, buildRawConnector } from ${JSON.stringify(path.join(cli, 'lib/connector/index.js'))};
import { getConnectorPackagesFromDirectory } from ${JSON.stringify(path.join(cli, 'lib/utils.js'))};
const packages = await getConnectorPackagesFromDirectory(${JSON.stringify(connectorsDirectory)});
const [factory] = await loadConnectorFactories(packages, false);
const config = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  accessKeySecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  emailAddress: 'Logto <noreply@example.com>',
  endpoint: ${JSON.stringify(sesUrl)},
  templates: [{ usageType: 'Generic', subject: 'Code', content: '<p>{{code}}</p>' }],
};
const { rawConnector } = await buildRawConnector(factory, async () => config);
const messageId = await rawConnector.sendMessage({ to: 'jane.doe@example.com', type: 'SignIn', payload: { code: '424242' } });
const { destroyClients } = await import(${JSON.stringify(path.join(installed, 'lib/index.js'))});
await destroyClients();
process.stdout.write(JSON.stringify({ messageId }));
`;

let packed: PackedPackage;
let ses: ScriptedSes;

before(async () => {
  [packed, ses] = await Promise.all([packFromCleanTree(), startScriptedSes(), installLogtoReleases()]);
});
after(async () => {
  await ses?.close();
});

for (const apiInLogto of [false, true]) {
  describe(`Logto started with --import otel.mjs, @opentelemetry/api ${apiInLogto ? 'in' : 'not in'} its node_modules`, () => {
    let logto: LogtoFolder;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;

    before(async () => {
      [logto, receiver] = await Promise.all([createLogtoFolder('5.1.1'), startReceiver()]);
      await logto.addConnector(packed.tarball);
      if (apiInLogto) {
        await mkdir(path.join(logto.coreModules, '@opentelemetry'), { recursive: true });
        await symlink(
          path.join(repoRoot, 'node_modules/@opentelemetry/api'),
          path.join(logto.coreModules, '@opentelemetry/api'),
          'dir'
        );
      }
    });
    after(async () => {
      await receiver?.close();
      await logto?.remove();
    });

    test('the send is exported as one SESv2.SendEmail CLIENT span of the connector, with its MessageId', async () => {
      const core = path.join(logto.root, 'packages/core');
      const installed = path.join(logto.connectorsDirectory, packed.name.replaceAll('/', '-'));
      const script = path.join(core, 'send-one.mjs');
      await writeFile(
        script,
        sendOneScript(path.join(logto.coreModules, '@logto/cli'), logto.connectorsDirectory, installed, ses.url)
      );
      // Whether the connector's folder (Logto's core) can resolve the API itself.
      const probe = `try { import.meta.resolve('@opentelemetry/api'); console.log('yes') } catch { console.log('no') }`;
      const { stdout: resolvable } = await execFileAsync(process.execPath, ['--input-type=module', '-e', probe], {
        cwd: installed,
      });
      assert.equal(resolvable.trim(), apiInLogto ? 'yes' : 'no');

      const { stdout } = await execFileAsync(
        process.execPath,
        ['--import', pathToFileURL(path.join(repoRoot, 'docs/otel.mjs')).href, script],
        {
          cwd: core,
          env: {
            ...process.env,
            OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          },
        }
      );
      const { messageId } = JSON.parse(stdout) as { messageId: string };
      await receiver.arrived();
      const ours = receiver.spans.filter(({ scope }) => scope === 'connector-aws-ses');
      assert.equal(ours.length, 1, `spans received: ${JSON.stringify(receiver.spans.map(({ name }) => name))}`);
      const [span] = ours;
      assert.equal(span?.name, 'SESv2.SendEmail');
      // OTLP's SPAN_KIND_CLIENT.
      assert.equal(span?.kind, 3);
      const attributes = attributesOf(span?.attributes);
      assert.equal(span?.service, 'logto', "otel.mjs names the service after OTEL_SERVICE_NAME, default 'logto'");
      assert.equal(attributes['aws.ses.message_id'], messageId);
      assert.equal(attributes['logto.email.usage_type'], 'SignIn');
      assert.equal(attributes['logto.email.recipient_domain'], 'example.com');
      assert.equal(attributes['logto.email.outcome'], 'sent');
      assert.equal(attributes['rpc.system'], 'aws-api');
      assert.ok(!JSON.stringify(span).includes('424242') && !JSON.stringify(span).includes('jane.doe'));
    });
  });
}
