/**
 * Which known name a misspelled one most likely meant (`regoin` → `region`, `generic` →
 * `Generic`), so a typo is reported as what it is instead of as a missing field. The distance is
 * Levenshtein's with a swap of two neighbouring letters as one edit (optimal string alignment), as
 * fingers swap letters (`sned`) as often as they miss one; names are short and few, so the plain
 * algorithm is all it takes, and the connector ships no dependency for it.
 */

/** Insertions, deletions, substitutions and swaps of neighbours that turn `a` into `b`. */
export const editDistance = (a: string, b: string): number => {
  // Stryker disable next-line ArrayDeclaration: read only from the second row on, by which time it holds the first
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      let distance = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
      // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: at i or j = 1 the index -1 reads undefined, which equals no character, so the bounds only say why
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, beforePrevious[j - 2]! + 1);
      }
      current[j] = distance;
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
};

/**
 * A typo changes a letter or two, not a third of the name: further than that, a name is another
 * word (`somethingElse` means no field at all), and a suggestion would mislead.
 */
const tolerance = (name: string) => Math.max(1, Math.min(3, Math.floor(name.length / 3)));

/**
 * The known name nearest to `name`, ignoring case, when it is close enough to be a typo of it;
 * on a tie, the first in `known`. Undefined for a name that is itself known.
 */
export const nearestName = (name: string, known: readonly string[]): string | undefined => {
  if (known.includes(name)) {
    return undefined;
  }
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= tolerance(candidate) && (!best || distance < best.distance)) {
      best = { name: candidate, distance };
    }
  }
  return best?.name;
};
