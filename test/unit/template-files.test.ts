/**
 * The pure parts behind pull, push and the studio: the file format, the HTML structure check,
 * the line diff and Logto's template choice.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { TemplateType } from '@logto/connector-kit';

import { chooseForLanguage } from '../../src/studio/logto-choice.js';
import { checkTemplate } from '../../src/templates/checks.js';
import { describeDetailsChange, diffLines, planPush } from '../../src/templates/diff.js';
import { htmlStructureProblems } from '../../src/templates/html-structure.js';
import { neutralConfig } from '../../src/cli/templates/push.js';
import { formatTemplateFile, parseTemplateFile, TemplateFileError } from '../../src/templates/template-file.js';

describe('template file', () => {
  test('every field survives format → parse, the awkward values as JSON strings', () => {
    const details = {
      subject: '  "Quoted" and spaced ',
      content: '<p>{{code}}</p>\n-->\n',
      contentType: 'text/html',
      sendFrom: 'Ends the comment -->',
      replyTo: 'Two\nlines',
    };
    const text = formatTemplateFile(details);
    assert.equal(
      text,
      '<!--\nsubject: "  \\"Quoted\\" and spaced "\ncontentType: text/html\nsendFrom: "Ends the comment --\\u003e"\nreplyTo: "Two\\nlines"\n-->\n<p>{{code}}</p>\n-->\n'
    );
    assert.deepEqual(parseTemplateFile(text, 'en/SignIn.html', '.html'), details);
  });

  test('a .txt file is text/plain without saying so; an .html file without contentType has none', () => {
    const plain = { subject: 'Code', content: 'Code: {{code}}', contentType: 'text/plain' };
    assert.equal(formatTemplateFile(plain), '<!--\nsubject: Code\n-->\nCode: {{code}}');
    assert.deepEqual(parseTemplateFile(formatTemplateFile(plain), 'fr/Generic.txt', '.txt'), plain);
    assert.deepEqual(parseTemplateFile('<!--\nsubject: S\n-->\n<p>x</p>', 'fr/Generic.html', '.html'), {
      subject: 'S',
      content: '<p>x</p>',
    });
  });

  test('mistakes are named with the file and line', () => {
    const errors: Array<[string, RegExp, string[]?]> = [
      ['<p>no header</p>', /^en\/SignIn\.html: the file must start with a <!-- … --> block/],
      ['<!--\nsubjet: typo\n-->\n', /^en\/SignIn\.html:2: unknown key "subjet"/],
      ['<!--\nsubject: a\nsubject: b\n-->\n', /^en\/SignIn\.html:3: "subject" is given twice/],
      ['<!--\ncontentType: text/html\n-->\n', /has no "subject: …" line/],
      ['<!--\nsubject: "unterminated\n-->\n', /:2: a value that starts with " must be a JSON string/],
      [
        '<!--\nsubject: s\nsendFrom: x\n-->\n',
        /:3: unknown key "sendFrom"; the keys are subject, contentType/,
        ['subject', 'contentType'],
      ],
    ];
    for (const [text, pattern, keys] of errors) {
      assert.throws(
        () => parseTemplateFile(text, 'en/SignIn.html', '.html', keys),
        (error: unknown) => {
          assert.ok(error instanceof TemplateFileError);
          assert.match(error.message, pattern);
          return true;
        }
      );
    }
  });
});

describe('HTML structure', () => {
  test('well-formed email HTML, with optional end tags, void elements and raw text, passes', () => {
    const html = `<!doctype html><html><head><style>a>b{color:red}</style></head><body>
<table><tr><td>a<td>b<tr><td><img src="x.png" alt="a > b"><br></table>
<ul><li>one<li>two</ul><p>para<p>another</body></html>`;
    assert.deepEqual(htmlStructureProblems(html), []);
  });

  test('an element left open, a stray closing tag, a tag cut short, an open comment', () => {
    assert.deepEqual(htmlStructureProblems('<div><p>x</p>\n<span>y</div>'), [
      'body line 2: <span> is not closed before </div> on body line 2',
    ]);
    assert.deepEqual(htmlStructureProblems('<p>x</p></div>'), [
      'body line 1: </div> closes nothing: there is no open <div>',
    ]);
    assert.deepEqual(htmlStructureProblems('<a href="x>link</a>'), [
      'body line 1: the tag <a is never closed with ">" (a missing quote?)',
    ]);
    assert.deepEqual(htmlStructureProblems('<p>x</p><!-- note'), [
      'body line 1: a comment <!-- is never closed with -->',
    ]);
    assert.deepEqual(htmlStructureProblems('<center>\n<b>x</b>'), ['body line 1: <center> is never closed']);
  });
});

describe('checks', () => {
  test("a custom template's sendFrom fills placeholders in the name only and keeps the sender's address", () => {
    const { email, problems } = checkTemplate(neutralConfig(), 'OrganizationInvitation', {
      kind: 'custom',
      details: {
        subject: 'Join {{organization.name}}',
        content: '<a href="{{link}}">Join</a>',
        sendFrom: '{{organization.name}}',
      },
    });
    assert.deepEqual(problems, []);
    assert.equal(email.from, 'Acme Corporation <noreply@example.com>');
    assert.equal(email.subject, 'Join Acme Corporation');
    assert.match(email.html ?? '', /href="https:\/\/auth\.acme\.example\/invitation\?token=/);
  });

  test('a contentType Logto does not know is reported, not rendered', () => {
    const { problems } = checkTemplate(neutralConfig(), 'SignIn', {
      kind: 'custom',
      details: { subject: 's', content: 'c', contentType: 'text/markdown' },
    });
    assert.match(problems.join('\n'), /contentType "text\/markdown" is neither text\/html nor text\/plain/);
  });
});

describe('diff and plan', () => {
  test('a changed line shows as - then +, with a line of context and where it is', () => {
    assert.deepEqual(diffLines('a\nb\nc\nd\ne', 'a\nb\nC\nd\ne'), ['@@ line 2', '  b', '- c', '+ C', '  d']);
    assert.deepEqual(diffLines('same', 'same'), []);
  });

  test('changes at the first and the last line, and two hunks apart, each with its line', () => {
    assert.deepEqual(diffLines('a\nb\nc', 'A\nb\nc'), ['@@ line 1', '- a', '+ A', '  b']);
    assert.deepEqual(diffLines('a\nb\nc', 'a\nb\nC'), ['@@ line 2', '  b', '- c', '+ C']);
    assert.deepEqual(diffLines('a\nb\nc\nd\ne\nf\ng', 'a\nB\nc\nd\ne\nF\ng\nh'), [
      '@@ line 1',
      '  a',
      '- b',
      '+ B',
      '  c',
      '@@ line 5',
      '  e',
      '- f',
      '+ F',
      '  g',
      '+ h',
    ]);
    assert.deepEqual(diffLines('a\nb', 'a\nx\nb'), ['@@ line 1', '  a', '+ x', '  b']);
  });

  /** 300,000 numbered lines: a template far past any real one, as a hostile Logto could hold. */
  const longTemplate = (prefix: string) => Array.from({ length: 300_000 }, (_, index) => `${prefix} ${index + 1}`);

  test('a 300,000-line template with one line changed: that line, found without a table of all lines', () => {
    const remote = longTemplate('line');
    const local = [...remote];
    local[149_999] = 'changed';
    assert.deepEqual(diffLines(remote.join('\n'), local.join('\n')), [
      '@@ line 149999',
      '  line 149999',
      '- line 150000',
      '+ changed',
      '  line 150001',
    ]);
  });

  test('a change of more than 20,000 lines is summed up even when the other side is one line', () => {
    const many = Array.from({ length: 20_000 }, (_, index) => `row ${index}`).join('\n');
    assert.deepEqual(diffLines(`${many}\nlast`, 'only'), [
      '@@ line 1',
      'changed, 20001 lines → 1 line (too many to compare line by line; the 0 lines before and 0 lines after are the same)',
    ]);
    // 19,999 lines and 1 are within the limit: each shown, under one "@@".
    assert.equal(diffLines(many.slice(0, many.lastIndexOf('\n')), 'only').length, 20_001);
  });

  test('two 300,000-line templates with no line in common: summed up, not compared line by line', () => {
    const lines = diffLines(longTemplate('old').join('\n'), ['<p>shared</p>', ...longTemplate('new')].join('\n'));
    assert.deepEqual(lines, [
      '@@ line 1',
      'changed, 300000 lines → 300001 lines (too many to compare line by line; the 0 lines before and 0 lines after are the same)',
    ]);
    const [, ...details] = describeDetailsChange(
      { subject: 's', content: `head\n${longTemplate('old').join('\n')}` },
      { subject: 's', content: `head\n${longTemplate('new').join('\n')}` }
    );
    assert.deepEqual(details, [
      '      @@ line 2',
      '      changed, 300000 lines → 300000 lines (too many to compare line by line; the 1 line before and 0 lines after are the same)',
    ]);
  });

  test('create, update, unchanged; Logto-only templates deleted only with prune; "" counts as not set', () => {
    const remote = [
      {
        id: '1',
        languageTag: 'en',
        templateType: TemplateType.SignIn,
        details: { subject: 's', content: 'c', sendFrom: '' },
      },
      { id: '2', languageTag: 'fr', templateType: TemplateType.SignIn, details: { subject: 's', content: 'old' } },
      { id: '3', languageTag: 'de', templateType: TemplateType.SignIn, details: { subject: 's', content: 'c' } },
    ];
    const local = [
      { languageTag: 'en', templateType: TemplateType.SignIn, details: { subject: 's', content: 'c' } },
      { languageTag: 'fr', templateType: TemplateType.SignIn, details: { subject: 's', content: 'new' } },
      { languageTag: 'it', templateType: TemplateType.SignIn, details: { subject: 's', content: 'c' } },
    ];
    const kept = planPush(local, remote, false);
    assert.deepEqual(
      kept.changes.map((change) => change.kind),
      ['update', 'create']
    );
    assert.equal(kept.unchanged, 1);
    assert.deepEqual(
      kept.remoteOnly.map(({ id }) => id),
      ['3']
    );
    assert.deepEqual(
      planPush(local, remote, true).changes.map((change) => change.kind),
      ['update', 'create', 'delete']
    );
  });
});

describe("Logto's choice", () => {
  const choose = (language: string, type: string, custom: string[], connector: string[]) =>
    chooseForLanguage({
      language,
      type,
      fallbackLanguage: 'en',
      hasCustom: (lang, templateType) => custom.includes(`${lang}/${templateType}`),
      hasConnector: (templateType) => connector.includes(templateType),
    });

  test("the user's language, the fallback language, its Generic, then the connector's type and Generic", () => {
    assert.equal(choose('fr', 'SignIn', ['fr/SignIn', 'en/SignIn'], []).chosen?.key, 'fr/SignIn');
    assert.equal(choose('fr', 'SignIn', ['en/SignIn', 'en/Generic'], []).chosen?.key, 'en/SignIn');
    assert.equal(choose('fr', 'SignIn', ['en/Generic', 'fr/Generic'], ['SignIn']).chosen?.key, 'en/Generic');
    assert.equal(choose('fr', 'SignIn', ['fr/Generic'], ['SignIn', 'Generic']).chosen?.key, '_connector/SignIn');
    assert.equal(choose('fr', 'SignIn', [], ['Generic']).chosen?.key, '_connector/Generic');
    assert.equal(choose('fr', 'SignIn', [], []).chosen, undefined);
    assert.deepEqual(
      choose('en', 'Generic', [], []).steps.map(({ key }) => key),
      ['en/Generic', '_connector/Generic']
    );
  });
});
