/**
 * The studio's markup tag: every value interpolated into html`…` is escaped, in text and in a
 * quoted attribute alike; a fragment built with html`…` nests as markup; raw(…) is the one way to
 * write a string unescaped; nothing (undefined, null, false) writes nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { html, raw } from '../../src/studio/html.js';

const hostile = `"><script>alert('x')</script>&amp;`;

test('a value is escaped in text and in a quoted attribute', () => {
  assert.equal(
    html`<p title="${hostile}">${hostile}</p>`.markup,
    '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;amp;">' +
      '&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;amp;</p>'
  );
});

test('a number is written as its digits; undefined, null and false as nothing', () => {
  const missing: string | undefined = undefined;
  assert.equal(html`<b>${3}</b>${missing}${null}${false}<i>${0}</i>`.markup, '<b>3</b><i>0</i>');
});

// The markup in the next two is as written: prettier, which formats html`…` as HTML, would indent it.
test('a nested fragment is markup, and its own values were escaped when it was built', () => {
  const item = (text: string) => html`<li>${text}</li>`;
  // prettier-ignore
  assert.equal(html`<ul>${item('<b>')}</ul>`.markup, '<ul><li>&lt;b&gt;</li></ul>');
});

test('a list writes each item in order: fragments as markup, strings escaped', () => {
  // prettier-ignore
  assert.equal(
    html`<ul>${['a<', 'b&'].map((text) => html`<li>${text}</li>`)}${['<c>']}</ul>`.markup,
    '<ul><li>a&lt;</li><li>b&amp;</li>&lt;c&gt;</ul>'
  );
});

test('raw(…) is written unescaped, and only it', () => {
  assert.equal(html`<div>${raw('<hr>')}${'<hr>'}</div>`.markup, '<div><hr>&lt;hr&gt;</div>');
});

test('a fragment is its markup as a string too', () => {
  assert.equal(`${html`<p>${'&'}</p>`.toString()}`, '<p>&amp;</p>');
});
