/**
 * The templates folder on disk: `pull` writes nothing through a symbolic link or outside the
 * folder, and a file that cannot be read as a template is named with its line, by the folder
 * reader and by `push`.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';

import { neutralConfig } from '../../src/cli/templates/push.js';
import { buildModel } from '../../src/studio/model.js';
import { renderFragment } from '../../src/studio/page.js';
import { readTemplateFolder, writeTemplateFile } from '../../src/templates/folder.js';
import { UnsafePathError, writeInside } from '../../src/templates/write-inside.js';
import { startManagementApi, type ManagementApi } from '../support/management-api.js';
import { m2mSecret } from '../support/fixtures.js';
import { runInProcess } from '../support/run-in-process.js';

const appId = 'm2m-folder';

let work: string;
let api: ManagementApi | undefined;
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'logto-ses-folder-'));
});
afterEach(async () => {
  await api?.stop();
  api = undefined;
});
after(async () => {
  await rm(work, { recursive: true, force: true });
});

const templates = async (args: string[]) =>
  runInProcess(['templates', ...args, '--app-id', appId, '--app-secret', m2mSecret]);

const details = (content: string) => ({ subject: 'Code', content });

describe('pull writes nothing through a symbolic link', () => {
  test('a language folder, a template file and logto.json that are links are refused, their targets untouched', async () => {
    const folder = join(work, 'links');
    const elsewhere = join(work, 'elsewhere');
    await mkdir(join(folder, 'fr'), { recursive: true });
    await mkdir(elsewhere, { recursive: true });
    await writeFile(join(elsewhere, 'target.html'), 'precious');
    await writeFile(join(elsewhere, 'settings.json'), 'precious too');
    await symlink(elsewhere, join(folder, 'de'));
    await symlink(join(elsewhere, 'target.html'), join(folder, 'fr/SignIn.html'));
    await symlink(join(elsewhere, 'settings.json'), join(folder, 'logto.json'));
    api = await startManagementApi({
      apps: [{ id: appId, secret: m2mSecret, managementApiAccess: true }],
      templates: [
        { languageTag: 'de', templateType: 'SignIn', details: details('<p>through the folder link</p>') },
        { languageTag: 'fr', templateType: 'SignIn', details: details('<p>through the file link</p>') },
        { languageTag: 'en', templateType: 'SignIn', details: details('<p>{{code}}</p>') },
      ],
      fallbackLanguage: 'fr',
    });

    const result = await templates(['pull', '--dir', folder, '--endpoint', api.url]);
    assert.equal(result.code, 1);
    const link =
      'is a symbolic link: pull writes nothing through a link (replace it with a real file or folder); nothing was written for it';
    const lines = result.stdout.split('\n');
    for (const expected of [
      `  refused    de: ${link}`,
      `  refused    fr/SignIn.html: ${link}`,
      `  refused    logto.json: ${link}`,
      '  wrote      en/SignIn.html',
    ]) {
      assert.ok(lines.includes(expected), `no line "${expected}" in:\n${result.stdout}`);
    }
    assert.match(result.stderr, /^Pull incomplete: 3 files were not written/);
    assert.deepEqual((await readdir(elsewhere)).sort(), ['settings.json', 'target.html']);
    assert.equal(await readFile(join(elsewhere, 'target.html'), 'utf8'), 'precious');
    assert.equal(await readFile(join(elsewhere, 'settings.json'), 'utf8'), 'precious too');
  });

  test('a sibling that is a link is refused before the file beside it is written', async () => {
    const folder = join(work, 'sibling');
    await mkdir(join(folder, 'en'), { recursive: true });
    await writeFile(join(work, 'sibling-target.txt'), 'precious');
    await symlink(join(work, 'sibling-target.txt'), join(folder, 'en/SignIn.txt'));
    await assert.rejects(
      writeTemplateFile(folder, 'en', 'SignIn', details('<p>{{code}}</p>')),
      (error: unknown) => error instanceof UnsafePathError && error.path === 'en/SignIn.txt'
    );
    assert.deepEqual(await readdir(join(folder, 'en')), ['SignIn.txt']);
  });

  test('a path that resolves outside the folder is refused whatever its names', async () => {
    const folder = join(work, 'inside', 'templates');
    for (const path of ['../x.html', 'en/../../y.html', '/tmp/z.html', '.']) {
      await assert.rejects(
        writeInside(folder, path, 'x'),
        (error: unknown) =>
          error instanceof UnsafePathError && error.message === `${path}: is not inside the templates folder`
      );
    }
    assert.deepEqual(await readdir(work).then((names) => names.includes('inside')), false);
  });
});

describe('a file that cannot be read as a template is named with its line', () => {
  test('the folder reader, push and the studio say en/SignIn.html:3', async () => {
    const folder = join(work, 'lines');
    await mkdir(join(folder, 'en'), { recursive: true });
    await writeFile(join(folder, 'en/SignIn.html'), '<!--\nsubject: Code\nsubjet: typo\n-->\n<p>{{code}}</p>\n');
    await writeFile(join(folder, 'en/Register.html'), '<p>no header</p>');

    const read = await readTemplateFolder(folder);
    const { problems } = read;
    assert.deepEqual(problems, [
      {
        path: 'en/Register.html',
        message:
          'the file must start with a <!-- … --> block holding at least "subject: …" (see logto-ses templates --help)',
      },
      {
        path: 'en/SignIn.html:3',
        message: 'unknown key "subjet"; the keys are subject, contentType, sendFrom, replyTo',
      },
    ]);

    const result = await templates(['push', '--dir', folder, '--endpoint', 'https://auth.example.com']);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^FAIL {2}en\/SignIn\.html:3: unknown key "subjet"; the keys are subject, contentType, sendFrom, replyTo$/m
    );
    assert.match(result.stderr, /^FAIL {2}en\/Register\.html: the file must start with a <!-- … --> block/m);

    const studio = renderFragment(
      buildModel({
        folderPath: folder,
        folder: read,
        config: neutralConfig(),
        connector: { source: 'the defaults', templates: [] },
        fallbackLanguage: 'en',
        payloads: {},
      }),
      'Send'
    );
    assert.match(studio, /<li><code>en\/SignIn\.html:3<\/code>: unknown key &quot;subjet&quot;/);
  });
});
