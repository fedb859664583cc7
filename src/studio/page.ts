/**
 * The studio page, rendered on the server with html`…` (every value escaped unless named as
 * markup). Its stylesheet and script are files of their own (client/), bundled into lib/studio/ by
 * the build and served at /studio.css and /studio.js behind the run's token; the script runs
 * under the page's Content-Security-Policy by its nonce.
 */
import { card } from './card-view.js';
import { gridSection } from './grid-view.js';
import { html, type Html } from './html.js';
import type { StudioModel } from './model.js';

export { desktopWidth, phoneWidth } from './card-view.js';

const fragment = (model: StudioModel, sendLabel: string): Html => {
  const problems =
    model.problems.length > 0 &&
    html`<section class="problems">
      <h2>Files that are not templates</h2>
      <ul>
        ${model.problems.map(({ path, message }) => html`<li><code>${path}</code>: ${message}</li>`)}
      </ul>
    </section>`;
  return html`${problems}${gridSection(model)}
    <section class="cards">
      <h2>Templates (${model.templates.length})</h2>
      ${model.templates.map((template) => card(template, sendLabel))}
    </section>`;
};

/** The part of the page that live reload replaces. */
export const renderFragment = (model: StudioModel, sendLabel: string): string => fragment(model, sendLabel).markup;

const payloadEditors = (model: StudioModel) =>
  Object.entries(model.payloads).map(
    ([type, payload]) =>
      html`<details class="payload">
        <summary>${type}</summary>
        <textarea data-type="${type}" rows="12" spellcheck="false">${JSON.stringify(payload, null, 2)}</textarea
        ><button type="button" data-save-payload="${type}">Apply</button> <output></output>
      </details>`
  );

export type PageAssets = {
  /** The run's token, which the stylesheet's and the script's addresses carry as every read does. */
  token: string;
  /** Lets exactly the page's script run under its Content-Security-Policy. */
  nonce: string;
};

/** The whole page. */
export const renderPage = (model: StudioModel, sendLabel: string, assets: PageAssets, version: number): string =>
  html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Email template studio · logto-ses</title>
        <link rel="stylesheet" href="/studio.css?token=${assets.token}" />
        <script type="module" nonce="${assets.nonce}" src="/studio.js?token=${assets.token}"></script>
      </head>
      <body data-version="${version}">
        <header>
          <h1>Email template studio</h1>
          <p>
            ${model.folder} · fallback language ${model.fallbackLanguage} · connector templates:
            ${model.connectorSource} · <span id="live">connecting…</span>
          </p>
        </header>
        <aside>
          <h2>Sample payloads</h2>
          <p class="hint">
            What Logto passes for each type; locale and uiLocales follow each template's language. Edit, then Apply:
            every preview of the type re-renders.
          </p>
          <div class="payload-list">${payloadEditors(model)}</div>
        </aside>
        <main id="studio">${fragment(model, sendLabel)}</main>
      </body>
    </html>`.markup;
