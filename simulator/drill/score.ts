/**
 * A drill's 0-100 score (docs/scoring.md, "Readiness drills"): headroom against the goal (40),
 * monthly cost against the budget (30), the SLOs through the real peak (30). Pure arithmetic over
 * what the session measured, so the formula is testable on its own.
 */
import { gradeFor } from '../scoring/score';
import type { Grade } from '../scoring/types';
import { formatMoney } from './cost';

export const DRILL_POINTS = { headroom: 40, cost: 30, peak: 30 } as const;

export interface DrillScoreInput {
  readonly headroom: number;
  readonly goal: number;
  readonly monthly: number;
  readonly budget: number;
  /** Share (0-1) of the real peak's ticks in which every SLO held. */
  readonly peakHeldShare: number;
  readonly currency: string;
}

export interface DrillScoreLine {
  readonly id: 'headroom' | 'cost' | 'peak';
  readonly label: string;
  readonly points: number;
  readonly max: number;
  readonly detail: string;
}

export interface DrillScore {
  readonly total: number;
  readonly grade: Grade;
  readonly components: readonly DrillScoreLine[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function scoreDrill(input: DrillScoreInput): DrillScore {
  const { headroom, goal, monthly, budget, peakHeldShare, currency } = input;
  const headroomPoints = DRILL_POINTS.headroom * Math.min(1, Math.max(0, headroom / goal));
  const over = budget > 0 ? (monthly - budget) / budget : monthly > 0 ? Infinity : 0;
  const costPoints = over <= 0 ? DRILL_POINTS.cost : DRILL_POINTS.cost * Math.max(0, 1 - over);
  const peakPoints = DRILL_POINTS.peak * Math.min(1, Math.max(0, peakHeldShare));
  const components: DrillScoreLine[] = [
    {
      id: 'headroom',
      label: 'Headroom',
      points: round1(headroomPoints),
      max: DRILL_POINTS.headroom,
      detail: `Served ${headroom.toFixed(2)}x the peak within the SLOs; the goal is ${goal}x.`,
    },
    {
      id: 'cost',
      label: 'Cost',
      points: round1(costPoints),
      max: DRILL_POINTS.cost,
      detail:
        over <= 0
          ? `${formatMoney(monthly, currency)} a month, within the ${formatMoney(budget, currency)} budget.`
          : `${formatMoney(monthly, currency)} a month, ${Math.round(over * 100)}% over the ${formatMoney(budget, currency)} budget (no points at twice the budget).`,
    },
    {
      id: 'peak',
      label: 'Real peak',
      points: round1(peakPoints),
      max: DRILL_POINTS.peak,
      detail:
        peakHeldShare >= 1
          ? 'Every SLO held through the real peak.'
          : `The SLOs held ${(peakHeldShare * 100).toFixed(1)}% of the real peak.`,
    },
  ];
  const total = Math.round(headroomPoints + costPoints + peakPoints);
  return { total, grade: gradeFor(total), components };
}
