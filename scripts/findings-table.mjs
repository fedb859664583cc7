/**
 * `npm run docs:findings`: writes docs/check-findings.md's table "What check reports" from
 * findingRegistry (src/cli/check/registry/), between its two marker lines; the rest of the
 * document is hand-written. Run under tsx, as the registry is TypeScript. test/unit/findings-table.test.ts
 * fails while the committed file is not what this writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { findingsTable, withFindingsTable } from '../src/cli/check/findings-table.ts';
import { findingRegistry } from '../src/cli/check/registry.ts';

const document = path.join(import.meta.dirname, '../docs/check-findings.md');
const before = readFileSync(document, 'utf8');
const after = withFindingsTable(before, findingsTable(findingRegistry));
if (after === before) {
  console.log('docs/check-findings.md: the findings table is already the registry’s');
} else {
  writeFileSync(document, after);
  console.log('docs/check-findings.md: the findings table rewritten from the registry');
}
