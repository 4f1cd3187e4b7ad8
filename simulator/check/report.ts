/**
 * The `outage-lab check` report of one scenario over many seeds: how often the page fires, the
 * SLOs break and the solution works, the spread of the times, and the flags an author must fix
 * (winnable without a response, or not winnable with the solution, on more than 5% of seeds).
 */
import type { SeedOutcome } from './seed-run';

/** Above this share of seeds a scenario is flagged. */
export const FLAG_SHARE = 0.05;

export interface Spread {
  readonly p10: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
}

export interface CheckReport {
  readonly scenario: string;
  readonly seeds: number;
  /** Shares of seeds, 0-1. */
  readonly pageFires: number;
  readonly sloBreaks: number;
  readonly winnableWithoutResponse: number;
  readonly solutionMitigates: number;
  readonly timeToFirstPage: Spread;
  readonly timeToMitigate: Spread;
  readonly solutionScore: Spread;
  /** Plain sentences; empty when the scenario passes. */
  readonly flags: readonly string[];
  /** Seeds behind each flag, for reproducing it with `outage-lab run --seed`. */
  readonly flaggedSeeds: { readonly winnableWithoutResponse: number[]; readonly solutionFails: number[] };
}

/** Nearest-rank percentile of the values that happened (null when none did). */
export function percentile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function spread(values: readonly (number | null)[]): Spread {
  const got = values.filter((v): v is number => v !== null);
  return { p10: percentile(got, 0.1), p50: percentile(got, 0.5), p90: percentile(got, 0.9) };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function summarizeCheck(scenario: string, outcomes: readonly SeedOutcome[]): CheckReport {
  const n = outcomes.length;
  const share = (f: (o: SeedOutcome) => boolean) => (n === 0 ? 0 : outcomes.filter(f).length / n);
  const winnable = outcomes.filter((o) => o.winnableWithoutResponse).map((o) => o.seed);
  const fails = outcomes.filter((o) => !o.solutionMitigates).map((o) => o.seed);
  const flags: string[] = [];
  if (n > 0 && winnable.length / n > FLAG_SHARE)
    flags.push(
      `winnable without a response on ${pct(winnable.length / n)} of seeds (e.g. --seed ${winnable[0]})`,
    );
  if (n > 0 && fails.length / n > FLAG_SHARE)
    flags.push(
      `the solution does not mitigate on ${pct(fails.length / n)} of seeds (e.g. --seed ${fails[0]})`,
    );
  return {
    scenario,
    seeds: n,
    pageFires: share((o) => o.firstPage !== null),
    sloBreaks: share((o) => o.sloBroken !== null),
    winnableWithoutResponse: share((o) => o.winnableWithoutResponse),
    solutionMitigates: share((o) => o.solutionMitigates),
    timeToFirstPage: spread(outcomes.map((o) => o.firstPage)),
    timeToMitigate: spread(outcomes.map((o) => o.solutionTtm)),
    solutionScore: spread(outcomes.map((o) => o.solutionScore)),
    flags,
    flaggedSeeds: { winnableWithoutResponse: winnable, solutionFails: fails },
  };
}

const time = (s: number | null) => {
  if (s === null) return '-';
  const m = Math.floor(s / 60);
  const sec = Math.round(s - m * 60);
  return `${m}:${String(sec).padStart(2, '0')}`;
};
const trio = (s: Spread, f: (v: number | null) => string) => `${f(s.p10)} / ${f(s.p50)} / ${f(s.p90)}`;

/** The reports as a text table, one row per scenario, flags listed under it. */
export function formatCheckTable(reports: readonly CheckReport[]): string {
  const head = [
    'SCENARIO',
    'SEEDS',
    'PAGE',
    'SLO BREAKS',
    'NO-RESPONSE WIN',
    'SOLUTION OK',
    'FIRST PAGE p10/50/90',
    'TTM p10/50/90',
    'SCORE p10/50/90',
  ];
  const rows = reports.map((r) => [
    r.scenario,
    String(r.seeds),
    pct(r.pageFires),
    pct(r.sloBreaks),
    pct(r.winnableWithoutResponse),
    pct(r.solutionMitigates),
    trio(r.timeToFirstPage, time),
    trio(r.timeToMitigate, time),
    trio(r.solutionScore, (v) => (v === null ? '-' : String(Math.round(v)))),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, k) => c.padEnd(widths[k]!))
      .join('  ')
      .trimEnd();
  const out = [line(head)];
  reports.forEach((r, k) => {
    out.push(line(rows[k]!));
    for (const flag of r.flags) out.push(`  ! ${r.scenario}: ${flag}`);
  });
  const flagged = reports.filter((r) => r.flags.length > 0).length;
  out.push(
    flagged === 0
      ? `${reports.length} scenario(s) pass.`
      : `${flagged} of ${reports.length} scenario(s) flagged.`,
  );
  return out.join('\n');
}
