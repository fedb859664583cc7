/**
 * Which template Logto and the connector use for a usage type and a user's language, step by
 * step, so the studio can say why an email looks the way it does. Logto's `getI18nEmailTemplate`
 * looks for a custom template in the user's language, then in the sign-in experience's fallback
 * language, then the Generic one in that language (as Logto 1.42's core does); when it finds
 * none, the connector takes its config's template for the type, then its Generic one
 * (`chooseTemplate`).
 */
import { TemplateType } from '@logto/connector-kit';

export type ChoiceStep = {
  /** Where this step looks: `fr/SignIn`, `_connector/Generic`. */
  key: string;
  /** Why it is looked at, for the page: "the user's language", "the fallback language"… */
  reason: string;
  found: boolean;
};

export type Choice = {
  steps: ChoiceStep[];
  /** The first step that found a template; none means the connector's `template_not_found`. */
  chosen?: ChoiceStep;
};

export const connectorKey = (type: string) => `_connector/${type}`;

export const chooseForLanguage = ({
  language,
  type,
  fallbackLanguage,
  hasCustom,
  hasConnector,
}: {
  language: string;
  type: string;
  fallbackLanguage: string;
  /** Whether Logto holds a custom template for this language and type. */
  hasCustom: (language: string, type: string) => boolean;
  /** Whether the connector config has a template of this usage type. */
  hasConnector: (type: string) => boolean;
}): Choice => {
  const candidates = [
    { language, type, reason: "Logto's custom template in the user's language" },
    {
      language: fallbackLanguage,
      type,
      reason: "Logto's custom template in the sign-in experience's fallback language",
    },
    {
      language: fallbackLanguage,
      type: TemplateType.Generic,
      reason: "Logto's custom Generic template in the fallback language",
    },
  ];
  const seen = new Set<string>();
  const steps: ChoiceStep[] = [];
  for (const candidate of candidates) {
    const key = `${candidate.language}/${candidate.type}`;
    if (!seen.has(key)) {
      seen.add(key);
      steps.push({ key, reason: candidate.reason, found: hasCustom(candidate.language, candidate.type) });
    }
  }
  steps.push({
    key: connectorKey(type),
    reason: "the connector config's template for the type",
    found: hasConnector(type),
  });
  if (type !== TemplateType.Generic) {
    steps.push({
      key: connectorKey(TemplateType.Generic),
      reason: "the connector config's Generic template",
      found: hasConnector(TemplateType.Generic),
    });
  }
  return { steps, chosen: steps.find(({ found }) => found) };
};
