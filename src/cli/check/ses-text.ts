/**
 * Words SES chose (a pause's cause, a policy's name, a tenant's ARN) as a finding quotes them. An
 * answer is hostile until checked: its control and line-break characters are written out, so a
 * finding's text is one safe line wherever it goes (the terminal, `--json`, a page), and it is cut
 * short, as a few hundred characters say all SES has to say in one finding.
 */
import { terminalLine, terminalText } from '../../transport/terminal-text.js';

const maxLength = 200;

export const sesText = (text: string): string => {
  const shown = terminalLine(terminalText(text));
  return shown.length > maxLength ? `${shown.slice(0, maxLength)}…` : shown;
};
