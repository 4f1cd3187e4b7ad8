/**
 * The Prometheus view of a run: series named and labelled as Prometheus would scrape them
 * (`__name__` among the labels), each a list of samples. The engine keeps its typed-array store;
 * this is the shape the PromQL evaluator, the OpenMetrics export and alert coverage read.
 */

/** Label set of one series, `__name__` included. */
export type PromLabels = Readonly<Record<string, string>>;

export interface PromSeries {
  readonly labels: PromLabels;
  /** Sample times in milliseconds since the run's epoch, ascending. */
  readonly timestamps: Float64Array;
  /** Sample values, same length as `timestamps`. NaN is a real sample value, not a gap. */
  readonly values: Float64Array;
  /**
   * Times of staleness markers, ascending: where a rule stopped producing the series. An instant
   * vector finds nothing from a marker until the next sample; ranges skip markers (Prometheus's
   * rules). A scraped series gets one at the first failed scrape of its target
   * (alerting.scrapeVia); the others never go stale.
   */
  readonly staleMs?: Float64Array;
}

/** A read-only set of series; the evaluator selects from it by label matchers. */
export interface PromSource {
  series(): readonly PromSeries[];
  /** True when series() is already in label order (compareLabels): the evaluator skips its sort. */
  readonly sorted?: boolean;
  /**
   * True when series() always returns the same array of the same series (their samples may grow
   * in place, their labels never change): the evaluator then remembers, per parsed selector, which
   * series it matched, instead of testing every matcher again at each evaluation.
   */
  readonly fixed?: boolean;
}
