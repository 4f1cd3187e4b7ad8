/**
 * The scenario's optional `panels` section: dashboard panels written as PromQL, in the shape of a
 * Grafana time-series panel cut to what a trainee's console needs (title, queries with a legend
 * format, unit, threshold lines). The console draws them beside the built-in panels; a query pinned
 * from Explore is the same `ScenarioPanel`. validate.ts parses every query with the PromQL parser.
 *
 * Built by `panelsSchema(primitives)` so it shares schema.ts's id type without an import cycle.
 */
import { z } from 'zod';
import { omitted } from './defaults';

/** Units a panel formats its values in (Prometheus values are in base units: seconds, bytes, ratios). */
export const PANEL_UNITS = ['count', 'ratio', 'seconds', 'bytes', 'rps', 'qps'] as const;
export type PanelUnit = (typeof PANEL_UNITS)[number];

/** Threshold line colours, by name as Grafana's threshold steps name them; the console's palette. */
export const THRESHOLD_COLORS = {
  red: '#ff7b72',
  orange: '#ff6a00',
  yellow: '#e3b341',
  green: '#3fb950',
  blue: '#5b9dff',
  purple: '#a371f7',
} as const;
export type ThresholdColor = keyof typeof THRESHOLD_COLORS;
const COLOR_NAMES = Object.keys(THRESHOLD_COLORS) as [ThresholdColor, ...ThresholdColor[]];

/** Most queries a panel runs and panels a scenario has: a panel is small, a dashboard a screen or two. */
export const PANEL_LIMITS = { queries: 8, thresholds: 5, panels: 30 } as const;

export function panelsSchema({ id }: { readonly id: z.ZodType<string, unknown> }) {
  const query = z.strictObject({
    expr: z
      .string()
      .min(1)
      .max(2000)
      .describe(
        'PromQL over the run\'s Prometheus series (an instant vector or a scalar), e.g. "sum by (service) (rate(http_requests_total{code=\\"500\\"}[1m]))".',
      ),
    legend: z
      .string()
      .max(200)
      .optional()
      .describe(
        'Legend format as in Grafana: {{label}} is replaced by the series\' label value, e.g. "{{service}} 5xx". Default: the series as Prometheus prints it.',
      )
      .meta(omitted('the series as Prometheus prints it')),
  });
  const threshold = z.strictObject({
    value: z
      .number()
      .min(-1e15)
      .max(1e15)
      .describe("Where the horizontal line is drawn, in the panel's unit."),
    color: z.enum(COLOR_NAMES).default('red').describe('Line colour.'),
    label: z.string().max(40).optional().describe('Text drawn on the line, e.g. "maxmemory".'),
  });
  return z
    .array(
      z.strictObject({
        title: z.string().min(1).max(120).describe('Shown above the panel.'),
        queries: z
          .array(query)
          .min(1)
          .max(PANEL_LIMITS.queries)
          .describe('The queries drawn, one line per series of each (at most 8 lines in all).'),
        unit: z
          .enum(PANEL_UNITS)
          .default('count')
          .describe('How values and the y axis are formatted (ratio: 0.05 is 5%; bytes: KiB, MiB, GiB).'),
        thresholds: z
          .array(threshold)
          .max(PANEL_LIMITS.thresholds)
          .default([])
          .describe('Horizontal lines (a limit, an SLO, a capacity).'),
        node: id
          .optional()
          .describe("Show the panel on this node's dashboard instead of the overview.")
          .meta(omitted('the overview')),
      }),
    )
    .max(PANEL_LIMITS.panels)
    .describe(
      'Dashboard panels written as PromQL: shown after the built-in panels of the overview (or of a node with `node`).',
    );
}
export type ScenarioPanel = z.output<ReturnType<typeof panelsSchema>>[number];
export type PanelQuery = ScenarioPanel['queries'][number];
export type PanelThreshold = ScenarioPanel['thresholds'][number];
