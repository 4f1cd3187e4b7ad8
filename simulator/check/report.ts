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
  /** The whole range, so a table can tell one value on every seed from a narrow spread. */
  readonly min: number | null;
  readonly max: number | null;
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
  /**
   * Every seed gave the same outcome. The seed only draws the clients' traffic noise (and which
   * requests logs and traces sample), so a scenario without noise runs the same on every seed.
   */
  readonly sameOnEverySeed: boolean;
  /**
   * No run drew a random number, so the seed could not matter (seed-run.ts, `everySeed`): the
   * check played one seed and counted its outcome for every seed.
   */
  readonly seedIndependent: boolean;
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
  return {
    p10: percentile(got, 0.1),
    p50: percentile(got, 0.5),
    p90: percentile(got, 0.9),
    min: got.length ? Math.min(...got) : null,
    max: got.length ? Math.max(...got) : null,
  };
}

/** The outcome without its seed (nor how many random numbers it drew), to compare seeds. */
const sameKey = ({ seed: _seed, randomDraws: _draws, ...rest }: SeedOutcome) => JSON.stringify(rest);

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
    sameOnEverySeed: n > 1 && outcomes.every((o) => sameKey(o) === sameKey(outcomes[0]!)),
    seedIndependent: n > 0 && outcomes.every((o) => o.randomDraws === 0),
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
/**
 * p10 / p50 / p90 and the range; one value when every seed that had one agreed ("5:15 (every
 * seed)"), so equal percentiles read as what they are rather than as a bug.
 */
export function spreadText(s: Spread, f: (v: number | null) => string): string {
  if (s.min === null || s.max === null) return f(null);
  if (s.min === s.max) return `${f(s.min)} (every seed)`;
  return `${f(s.p10)} / ${f(s.p50)} / ${f(s.p90)} (${f(s.min)}-${f(s.max)})`;
}
export const timeText = time;
export const scoreText = (v: number | null) => (v === null ? '-' : String(Math.round(v)));

/** The reports as a text table, one row per scenario, flags listed under it. */
export function formatCheckTable(reports: readonly CheckReport[]): string {
  const head = [
    'SCENARIO',
    'SEEDS',
    'PAGE',
    'SLO BREAKS',
    'NO-RESPONSE WIN',
    'SOLUTION OK',
    'FIRST PAGE p10/50/90 (range)',
    'TTM p10/50/90 (range)',
    'SCORE p10/50/90 (range)',
  ];
  const rows = reports.map((r) => [
    r.scenario,
    String(r.seeds),
    pct(r.pageFires),
    pct(r.sloBreaks),
    pct(r.winnableWithoutResponse),
    pct(r.solutionMitigates),
    spreadText(r.timeToFirstPage, time),
    spreadText(r.timeToMitigate, time),
    spreadText(r.solutionScore, scoreText),
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
  const same = reports.filter((r) => r.sameOnEverySeed).length;
  const once = reports.filter((r) => r.seedIndependent).length;
  if (same > 0)
    out.push(
      `${same} of ${reports.length} scenario(s) gave the same outcome on every seed: the seed only draws the clients' noise (and log and trace sampling), and without noise every run is the same.`,
    );
  if (once > 0)
    out.push(
      `${once} of ${reports.length} scenario(s) drew no random number: run once, that outcome is every seed's.`,
    );
  out.push(
    flagged === 0
      ? `${reports.length} scenario(s) pass.`
      : `${flagged} of ${reports.length} scenario(s) flagged.`,
  );
  return out.join('\n');
}
