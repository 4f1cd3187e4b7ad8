/** Label-set helpers with Prometheus's ordering and signatures (model/labels). */
import type { PromLabels } from './types';

export const METRIC_NAME = '__name__';

/** Label names, sorted as Prometheus keeps them (byte order). */
export function sortedNames(labels: PromLabels): string[] {
  return Object.keys(labels).sort(compareStrings);
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** labels.Compare: label by label (name, then value), a shorter prefix first. */
export function compareLabels(a: PromLabels, b: PromLabels): number {
  const an = sortedNames(a);
  const bn = sortedNames(b);
  for (let i = 0; i < Math.min(an.length, bn.length); i++) {
    const byName = compareStrings(an[i]!, bn[i]!);
    if (byName !== 0) return byName;
    const byValue = compareStrings(a[an[i]!]!, b[bn[i]!]!);
    if (byValue !== 0) return byValue;
  }
  return an.length - bn.length;
}

/** A string that identifies a label set (the names are sorted; \xff cannot occur in UTF-8 text). */
export function labelsKey(labels: PromLabels): string {
  let key = '';
  for (const name of sortedNames(labels)) key += `${name}\xff${labels[name]}\xfe`;
  return key;
}

/** The matching signature: only `names` (on) or all but `names` and the metric name (ignoring). */
export function signature(labels: PromLabels, on: boolean, names: readonly string[]): string {
  let key = '';
  for (const name of sortedNames(labels)) {
    const listed = names.includes(name);
    if (on ? listed : !listed && name !== METRIC_NAME) key += `${name}\xff${labels[name]}\xfe`;
  }
  return key;
}

export function dropMetricName(labels: PromLabels): PromLabels {
  if (!(METRIC_NAME in labels)) return labels;
  const { [METRIC_NAME]: _dropped, ...rest } = labels;
  return rest;
}

/** Copy with `name` set; an empty value removes the label (labels.Builder.Set). */
export function withLabel(labels: PromLabels, name: string, value: string): PromLabels {
  const out: Record<string, string> = { ...labels };
  if (value === '') delete out[name];
  else out[name] = value;
  return out;
}

/** Prometheus's text form `name{a="b", c="d"}` (values Go-quoted), used in error messages. */
export function formatLabels(labels: PromLabels): string {
  const name = labels[METRIC_NAME] ?? '';
  const rest = sortedNames(labels)
    .filter((n) => n !== METRIC_NAME)
    .map((n) => `${n}=${JSON.stringify(labels[n])}`);
  return `${name}{${rest.join(', ')}}`;
}
