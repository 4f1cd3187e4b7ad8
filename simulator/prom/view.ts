/**
 * The Prometheus view of a run's metrics: the engine's per-tick gauges (a CsvSource: the metric
 * store's columns in the CLI, the MetricBuffer in the renderer) read as the series Prometheus
 * would have scraped, named and labelled by catalog.ts. Built on demand when something reads it
 * (a query, an export), so recording a tick costs nothing more: accumulate.ts integrates the
 * counters and fills the histogram buckets at tick resolution and samples every scrape interval.
 */
import type { CsvSource } from '../series/csv';
import { PromAccumulator, type AccumulateNode, type AccumulateOptions } from './accumulate';
import type { PromSource } from './types';

export { formatLe } from './accumulate';

export type PromViewOptions = Omit<AccumulateOptions, 'names'>;
export type PromViewNode = AccumulateNode;

export function prometheusView(
  source: CsvSource,
  nodes: readonly PromViewNode[],
  options: PromViewOptions = {},
): PromSource {
  let built: PromAccumulator | undefined;
  return {
    series: () => {
      if (!built) {
        const firstTick = source.firstTick ?? 0;
        built = new PromAccumulator(
          {
            series: source.series,
            tickSeconds: source.tickSeconds,
            value: (index, tick) => source.values[index]?.[tick - firstTick] ?? NaN,
          },
          nodes,
          options,
          firstTick,
        );
        built.advanceTo(firstTick + source.length - 1);
      }
      return built.series();
    },
  };
}
