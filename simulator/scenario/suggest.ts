/** "Did you mean ...?" for hand-written scenario files: a small edit distance. */

export function levenshtein(a: string, b: string): number {
  // Optimal string alignment: insertions, deletions, substitutions and adjacent transpositions
  // ("paymnets" -> "payments" is one edit) each cost 1.
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const width = b.length + 1;
  const d = new Array<number>((a.length + 1) * width);
  for (let i = 0; i <= a.length; i++) d[i * width] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
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
    }
  }
  return d[a.length * width + b.length] as number;
}

/** The closest candidate, when it is close enough to be a likely typo (case-insensitive). */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.floor(w.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = levenshtein(w, candidate.toLowerCase());
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
