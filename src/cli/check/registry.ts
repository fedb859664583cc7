/**
 * Every finding `logto-ses check` can report, by id: the one place an id is spelled. The ids are a
 * contract (`--json` consumers key on them, and docs/check-findings.md's table is generated from
 * this registry by `npm run docs:findings`), so an id is added, never renamed. A finding's line
 * starts with its subject (the words before the colon); the rest of its facts are what does not
 * change from run to run. The entries live in one file per phase of a run (registry/), each in the
 * order `check` prints them; a new finding goes into the file of the phase whose step reports it.
 */
import { deliveryFindings } from './registry/delivery.js';
import { offlineFindings } from './registry/offline.js';
import { sesFindings } from './registry/ses.js';

export type { FindingDoc, FindingEntry } from './registry/entry.js';

/** All three, or `never` when an id is in two of them (a spread would keep its later entry, silently). */
type Disjoint<A, B, C> = [Extract<keyof A, keyof B> | Extract<keyof A | keyof B, keyof C>] extends [never]
  ? A & B & C
  : never;

/** In the order `check` prints them, which is the order of docs/check-findings.md's table. */
export const findingRegistry: Disjoint<typeof offlineFindings, typeof sesFindings, typeof deliveryFindings> = {
  ...offlineFindings,
  ...sesFindings,
  ...deliveryFindings,
};

export type FindingId = keyof typeof findingRegistry;

export const findingIds = Object.keys(findingRegistry) as FindingId[];

export const subjectOf = (id: FindingId): string => findingRegistry[id].subject;
