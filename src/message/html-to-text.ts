import { compile } from 'html-to-text';

const headings = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
  selector,
  // Upper-casing would turn `{{code}}` into `{{CODE}}`, which no longer matches the payload.
  options: { uppercase: false },
}));

/**
 * Word wrap is off so a `{{ placeholder }}` is never split across lines; mail clients wrap text
 * themselves. Images are skipped: a logo's data URL is noise in a text part. Table cells become
 * blocks because email layouts use tables for layout, not for data.
 */
const convert = compile({
  wordwrap: false,
  selectors: [
    ...headings,
    { selector: 'th', format: 'block' },
    { selector: 'td', format: 'block' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    { selector: 'img', format: 'skip' },
  ],
});

/** Templates are few (one per usage type and locale); the bound only guards against misuse. */
const maxCachedTemplates = 256;
const textByHtml = new Map<string, string>();

/** The readable plain-text form of an HTML template, with its placeholders intact. */
export const htmlTemplateToText = (html: string): string => {
  const cached = textByHtml.get(html);
  // Stryker disable next-line ConditionalExpression,BlockStatement: a cache of a pure conversion; the text is the same either way
  if (cached !== undefined) {
    return cached;
  }
  const text = convert(html);
  // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: the bound limits the cache's memory only; the text is the same either way
  if (textByHtml.size >= maxCachedTemplates) {
    // Stryker disable next-line CallExpression: as above, memory only
    textByHtml.delete(textByHtml.keys().next().value!);
  }
  // Stryker disable next-line CallExpression: without it each send converts again, to the same text
  textByHtml.set(html, text);
  return text;
};
