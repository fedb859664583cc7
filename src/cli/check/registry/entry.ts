/**
 * What the registry knows of a finding before anything is checked: the words that start its line,
 * and its row of docs/check-findings.md's "What check reports", which `npm run docs:findings`
 * writes from these entries so that the table cannot drift from the code.
 */

/** A finding's row of "What check reports", in Markdown. A column left out reads "—". */
export type FindingDoc = {
  /** "What is checked". */
  checked: string;
  /** "Fails (`FAIL`) or warns (`WARN`) when": left out for a finding that only informs. */
  failsWhen?: string;
  /** "Fix": what the operator does, in short; the printed fix says it for the case at hand. */
  fix?: string;
};

export type FindingEntry = {
  /** The words that start its line, before any "(scope)" or "(region)". */
  subject: string;
  /** For a VDM recommendation: the `Type` SES gives it (ListRecommendations). */
  vdmType?: string;
  /**
   * Its row of the table. Consecutive entries with the same columns share one row (give them one
   * constant), as `reply-to` and `feedback-forwarding` do.
   */
  doc: FindingDoc;
};
