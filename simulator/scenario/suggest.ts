/**
 * "Did you mean ...?" for hand-written scenario files: a small edit distance.
 *
 * Suggestions are a courtesy, so their work is bounded whatever the file: words longer than a
 * node id are not compared, each word meets at most `candidates` candidates, and one validation
 * makes at most `perFile` suggestion attempts (see withSuggestionBudget). Without these bounds a
 * file with 10,000 typos against 5,000 nodes, or one 4 MB reference, froze the library for a minute.
 */

export const SUGGEST_LIMITS = {
  /** Longest word or candidate compared (ids are at most 64 characters). */
  length: 64,
  /** Candidates compared per word. */
  candidates: 200,
  /** Suggestion attempts per validated file. */
  perFile: 50,
} as const;

let computations = 0;

/** Edit distances computed so far in this process: a deterministic work counter for tests. */
export function distanceComputations(): number {
  return computations;
}

/** Attempts left in the current validation; undefined outside one (each call then stands alone). */
let attemptsLeft: number | undefined;

/** Runs `fn` (synchronous) with a fresh per-file budget of SUGGEST_LIMITS.perFile suggestion attempts. */
export function withSuggestionBudget<T>(fn: () => T): T {
  const outer = attemptsLeft;
  attemptsLeft = SUGGEST_LIMITS.perFile;
  try {
    return fn();
  } finally {
    attemptsLeft = outer;
  }
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and adjacent
 * transpositions ("paymnets" -> "payments" is one edit) each cost 1. With `max`, gives up as soon
 * as the distance must exceed it and returns max + 1.
 */
export function levenshtein(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  computations++;
  const width = b.length + 1;
  const d = new Array<number>((a.length + 1) * width);
  for (let i = 0; i <= a.length; i++) d[i * width] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  let previousRowMin = 0;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = i; // d[i][0]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (d[(i - 1) * width + j] as number) + 1,
        (d[i * width + j - 1] as number) + 1,
        (d[(i - 1) * width + j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (d[(i - 2) * width + j - 2] as number) + 1);
      }
      d[i * width + j] = best;
      if (best < rowMin) rowMin = best;
    }
    // A row's minimum is at least min(previous row's, the one before's + 1), so two rows in a
    // row above max keep every later row, and the result, above it.
    if (rowMin > max && previousRowMin > max) return max + 1;
    previousRowMin = rowMin;
  }
  return d[a.length * width + b.length] as number;
}

/** The closest candidate, when it is close enough to be a likely typo (case-insensitive). */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length === 0 || word.length > SUGGEST_LIMITS.length) return undefined;
  if (attemptsLeft !== undefined) {
    if (attemptsLeft <= 0) return undefined;
    attemptsLeft--;
  }
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.floor(w.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  let seen = 0;
  for (const candidate of candidates) {
    if (++seen > SUGGEST_LIMITS.candidates) break;
    if (candidate.length > SUGGEST_LIMITS.length) continue;
    const d = levenshtein(w, candidate.toLowerCase(), limit);
    if (d < bestDistance && d <= limit && d < w.length) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** " (did you mean 'x'?)" or "". */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closest(word, candidates);
  return match !== undefined && match !== word ? ` (did you mean '${match}'?)` : '';
}
