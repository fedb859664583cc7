/**
 * Markup that escapes by default. Every value interpolated into html`…` is HTML-escaped (text and
 * quoted attribute values alike), so a template, payload or file name can never become markup; a
 * value is markup only where it says so: an html`…` fragment built the same way, or raw(…) for
 * text that is already HTML. Attribute values in the templates are always quoted, which is what
 * makes the escaping enough there too.
 */
import escapeHtml from 'escape-html';

/** Markup, as opposed to text: what html`…` returns and raw(…) names. */
export class Html {
  constructor(readonly markup: string) {}

  toString() {
    return this.markup;
  }
}

/** What html`…` accepts: text, markup, nothing (undefined, null, false: written as nothing), or a list of them. */
export type HtmlValue = string | number | Html | undefined | null | false | readonly HtmlValue[];

/** Names `markup` as already HTML: it is written as it is, unescaped. */
export const raw = (markup: string) => new Html(markup);

const written = (value: HtmlValue): string => {
  if (value instanceof Html) {
    return value.markup;
  }
  if (Array.isArray(value)) {
    return (value as readonly HtmlValue[]).map(written).join('');
  }
  if (value === undefined || value === null || value === false) {
    return '';
  }
  return escapeHtml(String(value));
};

export const html = (strings: TemplateStringsArray, ...values: HtmlValue[]): Html =>
  new Html(strings.reduce((markup, string, index) => markup + written(values[index - 1]) + string));
