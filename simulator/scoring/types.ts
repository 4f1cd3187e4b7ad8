/**
 * The score of a run: a zod schema (the run record stores it on disk, so it is validated when read
 * back) and the TypeScript types that come from it. The formula lives in score.ts and is described
 * in docs/scoring.md.
 */
import { z } from 'zod';
import { IMPACTS, SEVERITIES } from '../scenario/communication';
import { TEAMS } from '../scenario/escalation';

/** Version of the formula; bump it when the points a run earns change, so old scores are known stale. */
export const FORMULA_VERSION = 6;

/**
 * Formula 6 = formula 5 + the escalation rule of conduct: -1 per team paged whose domain the
 * incident does not touch, +1 back for an early page of a team it does (docs/scoring.md,
 * "Escalation"); the variants below apply it too, since a run that pages nobody scores the same.
 * Formula 5 = formula 4 + a conduct deduction for silencing a firing page during an SLO breach
 * before any mitigation (docs/scoring.md, "Silences"); the variants below apply it too, as they
 * apply the communication component when scored, since a run that silences nothing scores the same.
 * Formula 4 = formula 3 (measured effects) + the communication component. A scenario that switches
 * communication off is scored by formula 3; a score computed without replays (counterfactuals) is
 * formula 2 (labels), with the communication component when the scenario scores it.
 */
export const NO_COMMS_FORMULA_VERSION = 3;

/** Formula 3 needs a replayable run (counterfactuals); a score computed without them is formula 2. */
export const LABEL_FORMULA_VERSION = 2;

export const GRADES = ['A', 'B', 'C', 'D', 'F'] as const;
export type Grade = (typeof GRADES)[number];

/** How a run ended. `resolved` = the trainee closed the incident; `mitigated` = the SLOs held. */
export const RUN_ENDINGS = ['mitigated', 'resolved', 'abandoned', 'timeout'] as const;
export type RunEnding = (typeof RUN_ENDINGS)[number];

export const COMPONENT_IDS = [
  'acknowledge',
  'diagnose',
  'mitigate',
  'errorBudget',
  'conduct',
  'communication',
  'hints',
] as const;
export type ComponentId = (typeof COMPONENT_IDS)[number];

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const seconds = finite.refine((v) => v >= 0, 'must not be negative');
const maybeSeconds = seconds.nullable();

export const scoreComponentSchema = z.object({
  id: z.enum(COMPONENT_IDS),
  label: z.string(),
  /** Points earned (one decimal). Penalty lines (hints) have max 0 and points <= 0. */
  points: finite,
  max: seconds,
  /** One or two plain sentences: why these points. */
  detail: z.string(),
});
export type ScoreComponent = z.infer<typeof scoreComponentSchema>;

export const ACTION_VERDICTS = ['helped', 'hurt', 'none'] as const;
export type ActionVerdict = (typeof ACTION_VERDICTS)[number];

const measuredEffect = z.object({
  /** helped: fewer failed requests (or an earlier recovery) than without it; none: within noise. */
  verdict: z.enum(ACTION_VERDICTS),
  /** Failed requests on the SLO nodes up to the run's end, without the action minus with it. */
  failedSaved: finite,
  /** When the SLOs started holding with the action (null: not before the end) and without it. */
  recoveredAt: maybeSeconds,
  recoveredWithoutAt: maybeSeconds,
});
export type MeasuredEffect = z.infer<typeof measuredEffect>;

const idealReplay = z.object({
  /** The scenario's solution actions, moved to start here (when the trainee first acted). */
  from: seconds,
  failed: seconds,
  recoveredAt: maybeSeconds,
  /** The same two numbers for the trainee's own run, measured the same way. */
  actualFailed: seconds,
  actualRecoveredAt: maybeSeconds,
});
export type IdealReplay = z.infer<typeof idealReplay>;

const actionNote = z.object({
  at: seconds,
  type: z.string(),
  target: z.string(),
  effect: z.enum(['fixes', 'helps', 'neutral', 'harmful', 'unlisted']),
  /**
   * The autoscaler undid the action's effect before it helped (a manual scale the HPA reverted
   * before the SLOs recovered): it does not count as helpful. Absent otherwise.
   */
  undone: z.literal(true).optional(),
  /** Formula 3: what replaying the run without this action measured (counterfactual.ts). */
  measured: measuredEffect.optional(),
});
export type ActionNote = z.infer<typeof actionNote>;

const declarationNote = z.object({ at: seconds, node: z.string(), category: z.string() });
export type DeclarationNote = z.infer<typeof declarationNote>;

const communicationMeasures = z.object({
  /** The first status update or status page entry (null: none). */
  firstUpdateAt: maybeSeconds,
  /** Status updates and status page entries posted. */
  updates: z.number().int().nonnegative(),
  /** The last severity declared (null: none), and the one the measured impact called for. */
  severity: z.enum(SEVERITIES).nullable(),
  expectedSeverity: z.enum(SEVERITIES),
  /** The worst customer impact measured on the SLO nodes (simulator/comms/impact.ts). */
  peakImpact: z.enum(IMPACTS),
  statusPage: z.array(z.object({ at: seconds, state: z.string(), impact: z.enum(IMPACTS) })),
  /** Gaps between updates longer than the declared severity's cadence. */
  overdueGaps: z.number().int().nonnegative(),
});
export type CommunicationMeasures = z.infer<typeof communicationMeasures>;

export const INCIDENT_START_SOURCES = ['page', 'slo-breach', 'fault', 'run-start'] as const;

export const scoreMeasuresSchema = z.object({
  /** Simulated second the response clock starts at (the first page, see docs/scoring.md). */
  incidentStart: seconds,
  incidentStartSource: z.enum(INCIDENT_START_SOURCES),
  firstPageAt: maybeSeconds,
  acknowledgedAt: maybeSeconds,
  /** Seconds from the first page to the acknowledgement. */
  tta: maybeSeconds,
  diagnosedAt: maybeSeconds,
  /** Seconds from the incident start to the first correct declaration. */
  ttd: maybeSeconds,
  /** Simulated second from which every SLO held for the hold time (credited or not). */
  recoveredAt: maybeSeconds,
  /** Seconds from the incident start to recoveredAt, only when mitigation is credited. */
  ttm: maybeSeconds,
  /** The SLOs recovered without a helpful action in a scenario that does not self-heal. */
  selfRecovered: z.boolean(),
  /** Whether the SLOs ever broke during the run. */
  sloBroken: z.boolean(),
  /** Periods during which at least one SLO did not hold (`to` null: still broken at the end). */
  sloBreaches: z.array(z.object({ from: seconds, to: maybeSeconds })),
  errorBudget: z
    .object({
      /** Failed requests on the SLO nodes over the scoring window. */
      failed: seconds,
      /** Requests the SLOs allow to fail over the same window. */
      allowance: seconds,
      /** failed / allowance (1 = exactly the allowance); null when there was no traffic. */
      burned: seconds.nullable(),
      /** End of the window (simulated seconds): the end of the hold when mitigated, else the run's end. */
      windowEnd: seconds,
    })
    .nullable(),
  actions: z.array(actionNote),
  /** Formula 5: silences that muted a firing page during an SLO breach before any mitigation. */
  silencedPages: z.array(z.object({ at: seconds, matchers: z.string(), alerts: z.string() })).optional(),
  /** Formula 6: the teams paged (first page each), whether the incident involved them, and early. */
  escalations: z
    .array(z.object({ team: z.enum(TEAMS), at: seconds, involved: z.boolean(), early: z.boolean() }))
    .optional(),
  harmfulActions: z.number().int().nonnegative(),
  unnecessaryActions: z.number().int().nonnegative(),
  wrongDeclarations: z.array(declarationNote),
  hintsUsed: z.number().int().nonnegative(),
  hintCost: seconds,
  /** Simulated second the run ended. */
  endedAt: seconds,
  /** Formula 3: the ideal response replayed from when the trainee first acted (null: never acted). */
  ideal: idealReplay.nullable().optional(),
  /** Formula 4, when the scenario scores communication. */
  communication: communicationMeasures.optional(),
  /**
   * Faults the instructor injected that were not the trainee's to fix (scoring/instructor-faults.ts):
   * the measures above come from a replay of the run without them. Absent when there were none.
   */
  instructorFaults: z
    .array(z.object({ at: seconds, type: z.string(), target: z.string(), duration: seconds.optional() }))
    .optional(),
});
export type ScoreMeasures = z.infer<typeof scoreMeasuresSchema>;

export const scoreSchema = z.object({
  // Scores saved under an earlier formula stay readable (History shows them as they were).
  formulaVersion: z.number().int().min(1).max(FORMULA_VERSION),
  /** 0-100, the rounded sum of the component points. */
  total: z.number().int().min(0).max(100),
  max: z.literal(100),
  grade: z.enum(GRADES),
  ending: z.enum(RUN_ENDINGS),
  components: z.array(scoreComponentSchema),
  measures: scoreMeasuresSchema,
});
export type Score = z.infer<typeof scoreSchema>;
