/**
 * Keys of a config that no field of the connector reads. The guard lets them through (Logto may
 * store keys of its own, and the official connector's configs must keep loading), so a misspelled
 * field would be silently ignored: these are what `check` and the config error report instead.
 */
import { nearestName } from './nearest-name.js';

export type KeyPath = Array<string | number>;

/** The fields a config object and each of its templates may have. */
export type KnownKeys = { config: readonly string[]; template: readonly string[] };

export type UnknownKey = {
  /** Where the object holding it sits: [] for the config, ['templates', 0] for a template. */
  parent: KeyPath;
  key: string;
  /** The field it most likely meant, when it is close enough to be a typo of one. */
  meant?: string;
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const unknownIn = (object: Record<string, unknown>, parent: KeyPath, known: readonly string[]): UnknownKey[] =>
  Object.keys(object)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const meant = nearestName(key, known);
      return meant ? { parent, key, meant } : { parent, key };
    });

/** Every unknown key of the config and of its templates, in the order they were written. */
export const unknownKeysOf = (input: unknown, known: KnownKeys): UnknownKey[] => {
  if (!isObject(input)) {
    return [];
  }
  // Stryker disable next-line ArrayDeclaration: a list holding a string instead adds nothing either, as a template that is no object
  const templates = Array.isArray(input.templates) ? (input.templates as unknown[]) : [];
  return [
    ...unknownIn(input, [], known.config),
    ...templates.flatMap((template, index) =>
      isObject(template) ? unknownIn(template, ['templates', index], known.template) : []
    ),
  ];
};

/** `templates[0].content`, as the config error names fields. */
export const describePath = (path: KeyPath) =>
  path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part),
    ''
  );

/**
 * A key as written, quoted so that no character of it can reach a terminal or Logto's console raw
 * (JSON escapes C0 controls; DEL, C1 and the bidirectional controls are escaped too), and cut
 * short: a typo is short, and a key is no place for a story.
 */
export const quoteKey = (key: string): string => {
  const shown = key.length > 64 ? `${key.slice(0, 64)}…` : key;
  return JSON.stringify(shown).replaceAll(
    /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`
  );
};
