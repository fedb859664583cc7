/**
 * The grid: for every language × usage type, the template Logto would send and why. Each cell
 * carries every step Logto and the connector take (its title, for a mouse; the page's script shows
 * the same steps below the grid on a tap, as a touch screen has no hover). The cell's reason is a
 * button, so the keyboard reaches it with Tab and shows the steps with Enter or Space, and a
 * screen reader names it and reads the steps as they appear.
 */
import { templateTypes } from '../templates/template-file.js';

import { html, type Html } from './html.js';
import type { Choice } from './logto-choice.js';
import type { StudioModel } from './model.js';

export const anchor = (key: string) => `t-${key}`;

/** Long names wrap at their word boundaries: after a slash, before a capital inside a word. */
export const breakable = (text: string): Html[] =>
  text.split(/(?<=\/)|(?<=[a-z])(?=[A-Z])/).map((part, index) => (index === 0 ? html`${part}` : html`<wbr />${part}`));

const shortReason = (choice: Choice, language: string, type: string) => {
  const chosen = choice.chosen;
  if (!chosen) {
    return 'none: the connector fails with template_not_found';
  }
  if (chosen.key === `${language}/${type}`) {
    return 'its own template';
  }
  if (chosen.key.startsWith('_connector/')) {
    return 'no custom template: the connector config’s';
  }
  return chosen.key.endsWith('/Generic') && type !== 'Generic' ? 'Generic, fallback language' : 'fallback language';
};

/** Every step, the chosen one marked "→". */
const stepsText = (choice: Choice) =>
  choice.steps
    .map((step) => `${step === choice.chosen ? '→' : step.found ? '✓' : '✗'} ${step.key}: ${step.reason}`)
    .join('\n');

const kindOf = (chosen: string | undefined, language: string, type: string) =>
  !chosen
    ? 'none'
    : chosen === `${language}/${type}`
      ? 'own'
      : chosen.startsWith('_connector/')
        ? 'connector'
        : 'fallback';

/** What `templates push` prints for each problem is a FAIL line; the badge says the same. */
const failBadge = (count: number) =>
  count > 0 &&
  html` <span class="badge" title="templates push stops with ${count} FAIL line${count === 1 ? '' : 's'} here"
    >${count} FAIL</span
  >`;

export const gridSection = (model: StudioModel): Html => {
  const problemsOf = new Map(model.templates.map((template) => [template.key, template.checked.problems.length]));
  const rows = model.grid.map(
    ({ language, cells }) =>
      html`<tr>
        <th scope="row">${language}${language === model.fallbackLanguage && html` <small>(fallback)</small>`}</th>
        ${cells.map(({ type, choice }) => {
          const chosen = choice.chosen?.key;
          const link = chosen ? html`<a href="#${anchor(chosen)}">${breakable(chosen)}</a>` : '—';
          const reason = shortReason(choice, language, type);
          return html`<td
            class="${kindOf(chosen, language, type)}"
            data-cell="${`${language}/${type}`}"
            data-type="${type}"
            title="${stepsText(choice)}"
          >
            ${link}${failBadge(chosen ? (problemsOf.get(chosen) ?? 0) : 0)}
            <button type="button" class="why" aria-label="${`${reason} (show the steps for ${language}/${type})`}">
              ${reason}
            </button>
          </td>`;
        })}
      </tr>`
  );
  return html`<section class="grid-section">
    <h2>What Logto sends, per language and type</h2>
    <p class="hint">
      Logto takes its custom template in the user's language, then in the fallback language (${model.fallbackLanguage}),
      then the Generic one there; without any, the connector's templates (${model.connectorSource}). Tap or hover a cell
      for each step.
    </p>
    <div class="scroll">
      <table class="grid">
        <thead>
          <tr>
            <th scope="col">Language</th>
            ${templateTypes.map((type) => html`<th scope="col">${breakable(type)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </div>
    <pre class="steps" id="steps" aria-live="polite" hidden></pre>
  </section>`;
};
