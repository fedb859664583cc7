/**
 * Everything the studio page shows, computed from the folder, the connector config and the
 * sample payloads: each template rendered by the connector's own code with the warnings `push`
 * would give, and for every language × type the template Logto would choose. Pure, so the page
 * is a function of it.
 */
import type { SendMessagePayload } from '@logto/connector-kit';

import type { AwsSesConfig, Template } from '../config/config.js';
import { checkTemplate, type CheckedTemplate } from '../templates/checks.js';
import { connectorFolder, type FolderProblem, type TemplateFolder } from '../templates/folder.js';
import { templateTypes, type TemplateDetails } from '../templates/template-file.js';

import { chooseForLanguage, connectorKey, type Choice } from './logto-choice.js';

export type StudioTemplate = {
  /** `fr/SignIn`, or `_connector/SignIn` for the connector config's template. */
  key: string;
  /** Where it comes from, for the page: `fr/SignIn.html`, or the connector config. */
  path: string;
  kind: 'custom' | 'connector';
  language: string;
  type: string;
  details: TemplateDetails;
  payload: SendMessagePayload;
  checked: CheckedTemplate;
};

export type GridRow = { language: string; cells: Array<{ type: string; choice: Choice }> };

export type StudioModel = {
  folder: string;
  fallbackLanguage: string;
  /** Where the connector's templates come from: the folder's `_connector/`, a config file, the defaults. */
  connectorSource: string;
  templates: StudioTemplate[];
  grid: GridRow[];
  problems: FolderProblem[];
  payloads: Record<string, SendMessagePayload>;
};

export type ConnectorTemplates = { source: string; templates: Array<{ usageType: string; details: TemplateDetails }> };

/** The connector config the previews and sends use: the operator's, with the studio's connector templates. */
export const withTemplates = (config: AwsSesConfig, connector: ConnectorTemplates): AwsSesConfig => ({
  ...config,
  templates: connector.templates.map(({ usageType, details }) => ({ usageType, ...details }) as Template),
});

/** The folder's `_connector/` files win over the config's templates: they are what is being edited. */
export const connectorTemplatesOf = (folder: TemplateFolder, fromConfig: ConnectorTemplates): ConnectorTemplates =>
  folder.connector.length > 0
    ? {
        source: `${connectorFolder}/ in the folder`,
        templates: folder.connector.map(({ usageType, details }) => ({ usageType, details })),
      }
    : fromConfig;

/** The payload as Logto sends it to a user of this language. */
const inLanguage = (payload: SendMessagePayload, language: string): SendMessagePayload => ({
  ...payload,
  locale: language,
  uiLocales: language,
});

export const buildModel = ({
  folderPath,
  folder,
  config,
  connector,
  fallbackLanguage,
  payloads,
}: {
  folderPath: string;
  folder: TemplateFolder;
  config: AwsSesConfig;
  connector: ConnectorTemplates;
  fallbackLanguage: string;
  payloads: Record<string, SendMessagePayload>;
}): StudioModel => {
  const sendingConfig = withTemplates(config, connector);
  const custom: StudioTemplate[] = folder.custom.map(({ languageTag, templateType, details, path }) => {
    const payload = inLanguage(payloads[templateType]!, languageTag);
    return {
      key: `${languageTag}/${templateType}`,
      path,
      kind: 'custom',
      language: languageTag,
      type: templateType,
      details,
      payload,
      checked: checkTemplate(sendingConfig, templateType, { kind: 'custom', details }, payload),
    };
  });
  const connectorCards: StudioTemplate[] = connector.templates
    .filter(({ usageType }) => templateTypes.includes(usageType))
    .map(({ usageType, details }) => {
      const payload = inLanguage(payloads[usageType]!, fallbackLanguage);
      const file = folder.connector.find((template) => template.usageType === usageType);
      return {
        key: connectorKey(usageType),
        path: file?.path ?? `${usageType} in ${connector.source}`,
        kind: 'connector',
        language: fallbackLanguage,
        type: usageType,
        details,
        payload,
        checked: checkTemplate(sendingConfig, usageType, { kind: 'connector', details }, payload),
      };
    });

  const customKeys = new Set(custom.map(({ key }) => key));
  const connectorTypes = new Set(connectorCards.map(({ type }) => type));
  const languages = [...new Set([...custom.map(({ language }) => language), fallbackLanguage])].sort();
  const grid = languages.map((language) => ({
    language,
    cells: templateTypes.map((type) => ({
      type,
      choice: chooseForLanguage({
        language,
        type,
        fallbackLanguage,
        hasCustom: (lang, templateType) => customKeys.has(`${lang}/${templateType}`),
        hasConnector: (templateType) => connectorTypes.has(templateType),
      }),
    })),
  }));

  return {
    folder: folderPath,
    fallbackLanguage,
    connectorSource: connector.source,
    templates: [...custom, ...connectorCards],
    grid,
    problems: folder.problems,
    payloads,
  };
};
