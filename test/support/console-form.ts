/**
 * What Logto's console shows of the connector, as reviewed (console-form.json beside this file):
 * its name, description and form items in every language. The form's keys are listed there and
 * nowhere else; the tests that need them in the console's order read them from it.
 */
import { readFileSync } from 'node:fs';

export type ReviewedMetadata = { formItems: Array<{ key: string }> } & Record<string, unknown>;

export const reviewedMetadata = JSON.parse(
  readFileSync(new URL('console-form.json', import.meta.url), 'utf8')
) as ReviewedMetadata;

/** The form's keys, in the order the console shows them. */
export const consoleFormKeys: readonly string[] = reviewedMetadata.formItems.map(({ key }) => key);
