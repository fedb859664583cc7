/**
 * Characters a terminal acts on instead of showing: C0 controls (ESC starts the sequences that set
 * the window title, clear the screen, move the cursor or rewrite a line; a lone CR returns to the
 * line's start and overwrites it), DEL, the C1 controls (U+009B is CSI on its own in some
 * terminals), the Unicode bidi controls, which reorder what is shown so a line can read other
 * than what it holds, and the line and paragraph separators, which some viewers break a line at.
 * A line break (LF, or CR LF) and a tab stay as they are: they only move on. The CLI's output and
 * the connector's log line are both written through it.
 */
const controls =
  // Matching control characters is this pattern's whole purpose.
  // eslint-disable-next-line no-control-regex
  /[\0-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]|\r(?!\n)/g;

const escaped = (character: string) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * `text` with every such character written out as a JSON escape (`\u001b`), visible and still
 * valid inside a JSON string, so `--json` documents (where JSON.stringify escaped the C0 controls
 * already) stay valid JSON that reads back the same. What comes from the network (a DNS record, an
 * SES answer, a Logto language tag) can thus not drive the terminal that shows it.
 */
export const terminalText = (text: string): string => text.replace(controls, escaped);

/** `text` (already through `terminalText`) as one line: its line breaks written out as well. */
export const terminalLine = (text: string): string => text.replace(/[\r\n]/g, escaped);
