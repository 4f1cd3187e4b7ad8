/**
 * Label-set helpers with Prometheus's ordering and signatures (model/labels).
 *
 * A label set is never changed once built (PromLabels is read-only; builders fill a fresh object
 * before they hand it out), so what these helpers derive from one is remembered by the object:
 * a rule evaluated every 15 s meets the same series' label sets each time, and its keys,
 * signatures and reduced sets are then lookups instead of sorts, string joins and copies. The
 * memos are WeakMaps: they never keep a label set alive.
 */
import type { PromLabels } from './types';

export const METRIC_NAME = '__name__';

const namesMemo = new WeakMap<PromLabels, readonly string[]>();
const keyMemo = new WeakMap<PromLabels, string>();
const unnamedMemo = new WeakMap<PromLabels, PromLabels>();

/** Label names, sorted as Prometheus keeps them (byte order). */
export function sortedNames(labels: PromLabels): readonly string[] {
  let names = namesMemo.get(labels);
  if (!names) namesMemo.set(labels, (names = Object.keys(labels).sort(compareStrings)));
  return names;
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
  let key = keyMemo.get(labels);
  if (key !== undefined) return key;
  key = '';
  for (const name of sortedNames(labels)) key += `${name}\xff${labels[name]}\xfe`;
  keyMemo.set(labels, key);
  return key;
}

/** The matching signature: only `names` (on) or all but `names` and the metric name (ignoring). */
export function signature(labels: PromLabels, on: boolean, names: readonly string[]): string {
  const memo = signatureMemo.get(labels);
  if (memo && memo.on === on && sameNames(memo.names, names)) return memo.key;
  let key = '';
  for (const name of sortedNames(labels)) {
    const listed = names.includes(name);
    if (on ? listed : !listed && name !== METRIC_NAME) key += `${name}\xff${labels[name]}\xfe`;
  }
  // The last signature only: one expression matches its series the same way throughout.
  signatureMemo.set(labels, { names, on, key });
  return key;
}

/** Two label-name lists with the same names in the same order (a grouping, a matching). */
export function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const signatureMemo = new WeakMap<
  PromLabels,
  { readonly names: readonly string[]; readonly on: boolean; readonly key: string }
>();

export function dropMetricName(labels: PromLabels): PromLabels {
  if (!(METRIC_NAME in labels)) return labels;
  let rest = unnamedMemo.get(labels);
  if (!rest) {
    const { [METRIC_NAME]: _dropped, ...copy } = labels;
    unnamedMemo.set(labels, (rest = copy));
  }
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
