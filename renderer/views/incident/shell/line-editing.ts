/** The prompt's line editing, pure so it is unit-tested: history recall and Tab completion. */

/** Up/Down through history: `index` counts back from the newest (history.length = the draft). */
export function recall(
  history: readonly string[],
  index: number,
  direction: 'up' | 'down',
): { index: number; line?: string } {
  const next = direction === 'up' ? Math.max(0, index - 1) : Math.min(history.length, index + 1);
  return { index: next, line: next === history.length ? undefined : history[next] };
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/**
 * Applies completion candidates for the line's last word, as bash does: one candidate completes
 * the word and adds a space; several extend it to their common prefix and are listed.
 */
export function applyCompletion(
  line: string,
  candidates: readonly string[],
): { line: string; listed: readonly string[] } {
  const start = line.search(/\S*$/);
  const head = line.slice(0, start);
  const word = line.slice(start);
  if (candidates.length === 0) return { line, listed: [] };
  if (candidates.length === 1) {
    const only = candidates[0] as string;
    return { line: `${head}${only}${only.endsWith('/') ? '' : ' '}`, listed: [] };
  }
  const prefix = commonPrefix(candidates);
  return { line: `${head}${prefix.length > word.length ? prefix : word}`, listed: candidates };
}
