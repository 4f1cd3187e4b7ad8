/** Open pages as an on-call tool lists them: the most severe first, then the oldest first. */
import type { AlertState } from '../../../../simulator/engine/api';

const RANK: Readonly<Record<AlertState['severity'], number>> = { P0: 0, P1: 1, P2: 2, P3: 3 };

export function orderPages<T extends { readonly severity: AlertState['severity']; readonly firedAt: number }>(
  pages: readonly T[],
): T[] {
  return [...pages].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.firedAt - b.firedAt);
}
