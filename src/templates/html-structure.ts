/**
 * Finds the HTML mistakes that make mail clients disagree: an element left open, a closing tag
 * with no opening one, a tag cut off before its `>`. Browsers repair such HTML, each mail client
 * its own way (Outlook's Word engine least of all), so what the studio shows could differ from the
 * inbox. html-to-text's parser repairs silently too, hence this small tag-balance scan instead of
 * a full HTML5 parser: email templates are a few kilobytes of tables, paragraphs and links.
 */

/** Elements that never have a closing tag. */
const voidElements = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/** Elements whose closing tag HTML lets an author leave out. */
const optionalEnd = new Set([
  'html',
  'head',
  'body',
  'p',
  'li',
  'dt',
  'dd',
  'option',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'colgroup',
]);

/** Their content is text, not tags: `<style>a>b{}</style>`. */
const rawText = new Set(['script', 'style', 'title', 'textarea']);

const lineOf = (html: string, index: number) => html.slice(0, index).split('\n').length;

/** Returns one sentence per problem, with its line, in the order they occur. */
export const htmlStructureProblems = (html: string): string[] => {
  const problems: string[] = [];
  const open: Array<{ name: string; line: number }> = [];
  // Comments and doctype, then tags with quoted attribute values (which may hold ">"); a quote
  // never closed swallows the rest, so the tag does not end with ">".
  const token =
    /<!--[\s\S]*?(?:-->|$)|<![^>]*>|<(\/?)([A-Za-z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)(>|["'][\s\S]*$|$)/g;
  let match: RegExpExecArray | null;
  while ((match = token.exec(html))) {
    const [whole, slash, rawName, , end] = match;
    const line = lineOf(html, match.index);
    if (whole.startsWith('<!--')) {
      if (!whole.endsWith('-->')) {
        problems.push(`body line ${line}: a comment <!-- is never closed with -->`);
      }
      continue;
    }
    if (rawName === undefined) {
      continue;
    }
    const name = rawName.toLowerCase();
    if (end !== '>') {
      problems.push(`body line ${line}: the tag <${slash ?? ''}${name} is never closed with ">" (a missing quote?)`);
      break;
    }
    if (slash) {
      const at = open.findLastIndex((element) => element.name === name);
      if (at === -1) {
        if (!voidElements.has(name)) {
          problems.push(`body line ${line}: </${name}> closes nothing: there is no open <${name}>`);
        }
        continue;
      }
      for (const element of open.splice(at).slice(1)) {
        if (!optionalEnd.has(element.name)) {
          problems.push(
            `body line ${element.line}: <${element.name}> is not closed before </${name}> on body line ${line}`
          );
        }
      }
      continue;
    }
    if (voidElements.has(name) || whole.endsWith('/>')) {
      continue;
    }
    open.push({ name, line });
    if (rawText.has(name)) {
      const close = new RegExp(`</${name}\\s*>`, 'ig');
      close.lastIndex = token.lastIndex;
      const closed = close.exec(html);
      if (!closed) {
        break;
      }
      open.pop();
      token.lastIndex = close.lastIndex;
    }
  }
  for (const element of open) {
    if (!optionalEnd.has(element.name)) {
      problems.push(`body line ${element.line}: <${element.name}> is never closed`);
    }
  }
  return problems;
};
