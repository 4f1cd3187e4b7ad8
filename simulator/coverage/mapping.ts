/**
 * A team's metric and label names mapped onto ours: `metrics: {their_name: our_name}` and
 * `labels: {their_label: our_label}` (YAML or JSON). Applied by renaming the series of the
 * source, not by rewriting the rules: a label name appears in far more places than selectors
 * (`sum by (app)`, `on (app)`, `without`, `label_replace(..., "app", ...)`, `group_left(app)`,
 * the alert's labels and its annotation templates), and a renamed source serves all of them,
 * while a rewritten expression would have to find each one and would hand back alerts labelled
 * in our vocabulary. Our own names stay available, so a file that mixes both still works.
 */
import { parseDocument } from 'yaml';
import { LABEL_NAME_RE } from '../prom/literals';
import { formatPath, yamlValue } from './rule-file';
import type { PromLabels, PromSeries, PromSource } from '../prom/types';

export interface MetricMapping {
  /** Their metric name -> ours. */
  readonly metrics: Readonly<Record<string, string>>;
  /** Their label name -> ours. */
  readonly labels: Readonly<Record<string, string>>;
}

export type MappingResult =
  | { readonly ok: true; readonly mapping: MetricMapping }
  | { readonly ok: false; readonly errors: readonly { path: string; message: string }[] };

const METRIC_NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'] as const;

export function parseMapping(text: string): MappingResult {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0)
    return { ok: false, errors: [{ path: '', message: `YAML: ${doc.errors[0]!.message.split('\n')[0]}` }] };
  const root = yamlValue(doc);
  if (root instanceof Error) return { ok: false, errors: [{ path: '', message: `YAML: ${root.message}` }] };
  const errors: { path: string; message: string }[] = [];
  if (typeof root !== 'object' || root === null || Array.isArray(root))
    return {
      ok: false,
      errors: [{ path: '', message: 'a mapping file must be a mapping with metrics and labels' }],
    };
  const out = { metrics: {} as Record<string, string>, labels: {} as Record<string, string> };
  for (const [key, value] of Object.entries(root)) {
    if (key !== 'metrics' && key !== 'labels') {
      errors.push({ path: key, message: `unknown field "${key}" (a mapping has metrics and labels)` });
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push({ path: key, message: 'must be a mapping of their name to ours' });
      continue;
    }
    const nameRe = key === 'metrics' ? METRIC_NAME_RE : LABEL_NAME_RE;
    const ours = new Set<string>();
    for (const [theirs, target] of Object.entries(value as Record<string, unknown>)) {
      const path = formatPath([key, theirs]);
      if (!nameRe.test(theirs)) errors.push({ path, message: `"${theirs}" is not a valid ${key} name` });
      else if (typeof target !== 'string' || !nameRe.test(target))
        errors.push({ path, message: `must be one of our ${key} names (got ${JSON.stringify(target)})` });
      else if (key === 'labels' && (theirs === '__name__' || target === '__name__'))
        errors.push({ path, message: 'map metric names under metrics, not __name__' });
      else if (key === 'labels' && ours.has(target))
        errors.push({ path, message: `two of your labels map to our "${target}"` });
      else {
        ours.add(target);
        out[key][theirs] = target;
      }
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, mapping: out };
}

/**
 * The source with the mapping applied: every series' labels renamed to theirs, and each series
 * whose metric they map also present under their name. A name mapped to one of our histograms
 * (`http_server_requests_seconds: http_request_duration_seconds`) maps its `_bucket`, `_sum` and
 * `_count` series too, unless they map that name to another of ours.
 */
export function applyMapping(source: PromSource, mapping: MetricMapping): PromSource {
  const theirNames = new Map<string, string[]>();
  const add = (ours: string, theirs: string) => {
    const list = theirNames.get(ours) ?? [];
    list.push(theirs);
    theirNames.set(ours, list);
  };
  for (const [theirs, ours] of Object.entries(mapping.metrics)) {
    add(ours, theirs);
    // A name they map themselves wins: Micrometer's `http_server_requests_seconds_count` carries
    // the status code, so it maps to http_requests_total, not to our histogram's `_count`.
    for (const suffix of HISTOGRAM_SUFFIXES)
      if (!(theirs + suffix in mapping.metrics)) add(ours + suffix, theirs + suffix);
  }
  const labelRenames = Object.entries(mapping.labels);
  const relabel = (labels: PromLabels): PromLabels => {
    if (labelRenames.length === 0) return labels;
    const out: Record<string, string> = { ...labels };
    for (const [theirs, ours] of labelRenames) {
      if (!(ours in labels)) continue;
      delete out[ours];
      out[theirs] = labels[ours]!;
    }
    return out;
  };
  let built: PromSeries[] | undefined;
  return {
    series: () =>
      (built ??= source.series().flatMap((s) => {
        const labels = relabel(s.labels);
        const copies = (theirNames.get(s.labels.__name__ ?? '') ?? []).map((name) => ({
          ...s,
          labels: { ...labels, __name__: name },
        }));
        return [{ ...s, labels }, ...copies];
      })),
  };
}
