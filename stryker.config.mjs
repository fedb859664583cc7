/**
 * StrykerJS, one area of the code at a time (`npm run mutate -- AREA`, or every area in turn).
 *
 * Stryker's TAP runner treats a test file as one test, and almost every file imports the config
 * and the connector, so a mutant anywhere would run the whole suite. Each area therefore runs the
 * files that test it: a mutant another area's test would catch counts as a survivor here, so the
 * scores are conservative, and a full run stays under an hour on two cores.
 */
const unit = (...names) => names.map((name) => `test/unit/${name}.test.ts`);
const integration = (...names) => names.map((name) => `test/integration/${name}.test.ts`);
const faults = (...names) => names.map((name) => `test/faults/${name}.test.ts`);

export const areas = {
  config: {
    mutate: ['src/config/**/*.ts'],
    testFiles: [
      ...unit(
        'config',
        'address',
        'endpoint-id-config',
        'compose',
        'template',
        'metadata',
        'send-options-config',
        'tenant',
        'nearest-name',
        'secret-length',
        'address-lengths',
        'unresolved-host',
        'hostile-payloads',
        'unknown-keys',
        'loopback'
      ),
      ...integration('config-errors', 'addresses'),
      ...faults('message-options', 'refused-input'),
    ],
  },
  message: {
    mutate: ['src/message/**/*.ts'],
    testFiles: [
      ...unit(
        'compose',
        'template',
        'mailbox-header',
        'send-from',
        'outgoing',
        'metadata',
        'tenant',
        'message-headers',
        'message-tags',
        'hostile-payloads'
      ),
      ...integration('addresses', 'templates', 'template-lookup', 'hostile-payloads'),
      ...faults('message-options', 'nested-html', 'refused-input'),
    ],
  },
  transport: {
    mutate: ['src/transport/**/*.ts'],
    testFiles: [
      ...unit(
        'errors-ses-answers',
        'errors-sts',
        'errors-deadlines',
        'errors-network',
        'errors-endpoints',
        'sts-credentials',
        'client-cache',
        'redact',
        'limits',
        'retry',
        'credential-source',
        'failure-data',
        'ses-endpoint',
        'global-endpoint-hints',
        'answer-size',
        'terminal-text',
        'deadline'
      ),
      ...unit('config', 'present-failure'),
      ...integration('client-reuse', 'in-flight', 'attempt-log'),
      ...faults('ses-faults', 'deadlines', 'credentials', 'global-endpoint', 'sts', 'answer-size', 'hostile-answers'),
      ...integration('probe'),
      ...unit('check-online'),
    ],
  },
  connector: {
    mutate: ['src/connector/**/*.ts', 'src/index.ts'],
    testFiles: [
      ...unit(
        'metadata',
        'present-failure',
        'load-once',
        'report-once',
        'error-text',
        'errors-ses-answers',
        'send-record',
        'observe-send',
        'secrets-in'
      ),
      ...integration(
        'config-errors',
        'templates',
        'template-lookup',
        'in-flight',
        'addresses',
        'telemetry',
        'send-log',
        'send-channel',
        'hostile-logto',
        'hostile-payloads'
      ),
      ...faults('message-options'),
    ],
  },
  cli: {
    mutate: ['src/cli/output.ts', 'src/cli/read-config.ts', 'src/cli/command.ts', 'src/cli/main.ts'],
    testFiles: [...integration('cli-redaction', 'cli-exit-codes', 'cli-usage'), ...unit('read-config')],
  },
};

const area = process.env.MUTATE_AREA ?? 'config';
const { mutate, testFiles } = areas[area];
const reports = `reports/mutation/${area}`;

export default {
  testRunner: 'tap',
  tap: { testFiles, nodeArgs: ['--import', 'tsx'], forceBail: true },
  mutate,
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: `${reports}/incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${reports}/index.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  concurrency: Number(process.env.MUTATE_CONCURRENCY ?? 2),
  timeoutMS: 10_000,
  ignorePatterns: [
    'lib',
    'bench/.out',
    '.scratch',
    'reports',
    'docs',
    'test/compatibility/logto-releases/node_modules',
  ],
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: `.stryker-tmp/${area}`,
  cleanTempDir: 'always',
};
