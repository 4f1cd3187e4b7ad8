/** Searching the scenario's runbook pages (the Runbooks panel): every word must appear. */
import type { Runbook } from '../../../../simulator/scenario/communication';

export function searchRunbooks(runbooks: readonly Runbook[], query: string): Runbook[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...runbooks];
  return runbooks.filter((r) => {
    const text = `${r.title}\n${r.markdown}\n${r.alerts.join(' ')}\n${r.services.join(' ')}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
