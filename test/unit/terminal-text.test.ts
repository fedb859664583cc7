import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { print, printError, printLine } from '../../src/cli/output.js';
import { terminalLine, terminalText } from '../../src/transport/terminal-text.js';
import { capture } from '../support/capture-output.js';

describe('terminalText', () => {
  const cases: Array<[string, string, string]> = [
    ['an OSC window title', 'a\x1b]0;pwned\x07b', 'a\\u001b]0;pwned\\u0007b'],
    ['a screen clear', '\x1b[2J\x1b[H', '\\u001b[2J\\u001b[H'],
    ['NUL, backspace, vertical tab, form feed', '\0\b\v\f', '\\u0000\\u0008\\u000b\\u000c'],
    ['a lone carriage return, which overwrites the line', 'PASS\rFAIL', 'PASS\\u000dFAIL'],
    ['DEL', 'a\x7fb', 'a\\u007fb'],
    ['C1 controls (CSI, NEL, APC)', '\x9b2J\x85\x9f', '\\u009b2J\\u0085\\u009f'],
    [
      'bidi overrides and isolates',
      '\u202eabc\u202c\u2066d\u2069\u200f\u061c',
      '\\u202eabc\\u202c\\u2066d\\u2069\\u200f\\u061c',
    ],
  ];
  for (const [name, raw, shown] of cases) {
    it(`writes out ${name} visibly`, () => {
      assert.equal(terminalText(raw), shown);
    });
  }

  it('keeps line breaks (LF and CR LF), tabs and ordinary text, accents and emoji included', () => {
    const text = 'line one\nline two\r\n\tindented: café ✉️ 日本語 «quotes»';
    assert.equal(terminalText(text), text);
  });

  it('keeps a JSON document valid JSON that reads back the same', () => {
    const value = { text: '\x1b[2J \x7f \x9b \u202e \n \\u001b', nested: ['\x07'] };
    const shown = terminalText(JSON.stringify(value, undefined, 2));
    assert.doesNotMatch(shown, /[\x7f\x9b\u202e]/);
    assert.deepEqual(JSON.parse(shown), value);
  });
});

describe('terminalLine', () => {
  it('writes out line breaks too, so quoted text stays on its line', () => {
    assert.equal(terminalLine(terminalText('a\nb\r\nc\x1b')), 'a\\u000ab\\u000d\\u000ac\\u001b');
  });
});

describe('every line the CLI prints', () => {
  it('shows control characters escaped, on standard output and error', async () => {
    // As `templates pull` reports a language tag Logto answered with.
    const tag = 'en\x1b]0;pwned\x07\x1b[2J';
    const printed = await capture(() => {
      print(`  wrote      ${tag}/SignIn.html`);
      printError(`Pull failed: Logto answered "${tag}"`);
    });
    assert.deepEqual(printed, {
      stdout: '  wrote      en\\u001b]0;pwned\\u0007\\u001b[2J/SignIn.html\n',
      stderr: 'Pull failed: Logto answered "en\\u001b]0;pwned\\u0007\\u001b[2J"\n',
    });
  });

  it('keeps a finding on one line with printLine, and a block of lines with print', async () => {
    const printed = await capture(() => {
      printLine('FAIL  DMARC: "v=DMARC1;\npass  forged"');
      print('help\n  --flag');
    });
    assert.equal(printed.stdout, 'FAIL  DMARC: "v=DMARC1;\\u000apass  forged"\nhelp\n  --flag\n');
  });
});
