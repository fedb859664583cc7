/**
 * Names in the config that the connector does not know, each with the known one it most likely
 * meant. The guard accepts both (extra keys, as Logto may store them; any usageType, as Logto adds
 * types over time), so a typo costs nothing on save and shows only later: a field silently unset,
 * or a template no send ever chooses.
 */
import { TemplateType } from '@logto/connector-kit';

import { unknownKeysOf } from '../../config/config.js';
import { nearestName } from '../../config/nearest-name.js';
import { describePath, quoteKey } from '../../config/unknown-keys.js';

import { fail, warn, type Finding } from './finding.js';

/**
 * A key no field reads is ignored, so what it was meant to set is not set: a warning, since the
 * connector may still send (a required field it stood for fails the config on its own).
 */
export const unknownKeyFindings = (rawConfig: unknown): Finding[] =>
  unknownKeysOf(rawConfig).map(({ parent, key, meant }) => {
    const written = quoteKey(describePath([...parent, key]));
    if (meant) {
      const field = `"${describePath([...parent, meant])}"`;
      return warn(
        'config.unknown-key',
        `unknown key ${written} is ignored; did you mean ${field}?`,
        `rename ${written} to ${field}.`
      );
    }
    return warn(
      'config.unknown-key',
      `unknown key ${written} is ignored: no field of this connector has that name.`,
      'remove it, or rename it to one of the fields the README lists under "Config".'
    );
  });

const logtoTypes: readonly string[] = Object.values(TemplateType);

/**
 * Logto sends only its own usage types, so a template of another type is never chosen: a
 * misspelled `generic` leaves every type without its own template failing with
 * template_not_found.
 */
export const unknownUsageTypeFindings = (templates: ReadonlyArray<{ usageType: string }>): Finding[] =>
  templates.flatMap(({ usageType }, index) => {
    if (logtoTypes.includes(usageType)) {
      return [];
    }
    const field = `templates[${index}].usageType`;
    const meant = nearestName(usageType, logtoTypes);
    const text = `${field} ${quoteKey(usageType)} is not a usage type Logto sends, so no email uses this template`;
    return [
      meant
        ? fail('templates.unknown-type', `${text}; did you mean "${meant}"?`, `set ${field} to "${meant}".`)
        : fail(
            'templates.unknown-type',
            `${text}.`,
            `set ${field} to one of ${logtoTypes.join(', ')} (a Generic template serves every type without its own).`
          ),
    ];
  });
