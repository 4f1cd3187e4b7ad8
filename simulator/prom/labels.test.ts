/**
 * The label helpers remember what they derive from a label set (labels.ts): the memo must give
 * what a fresh computation gives, for every label set and for every grouping or matching asked of
 * the same set one after another.
 */
import { describe, expect, it } from 'vitest';
import { evaluateInstant, evaluateParsedInstant } from './evaluate';
import { parsePromQL } from './parse';
import { dropMetricName, labelsKey, signature, sortedNames } from './labels';
import { sourceOf } from './testing';

describe('memoised label helpers', () => {
  const series = { __name__: 'http_requests_total', service: 'api', code: '500', job: 'api' };

  it('give equal answers for equal sets built apart, and the same answer again', () => {
    const copy = { job: 'api', code: '500', service: 'api', __name__: 'http_requests_total' };
    expect(labelsKey(series)).toBe(labelsKey(copy));
    expect(labelsKey(series)).toBe(
      '__name__\xffhttp_requests_total\xfecode\xff500\xfejob\xffapi\xfeservice\xffapi\xfe',
    );
    expect(labelsKey(series)).toBe(labelsKey(series));
    expect(sortedNames(copy)).toEqual(['__name__', 'code', 'job', 'service']);
    expect(labelsKey({ ...series, code: '200' })).not.toBe(labelsKey(series));
  });

  it('dropMetricName answers the same set for the same input, without the name', () => {
    const dropped = dropMetricName(series);
    expect(dropped).toEqual({ service: 'api', code: '500', job: 'api' });
    expect(dropMetricName(series)).toBe(dropped);
    expect(series.__name__).toBe('http_requests_total'); // the input is untouched
    const unnamed = { service: 'api' };
    expect(dropMetricName(unnamed)).toBe(unnamed);
  });

  it('signature follows the matching asked, not the one remembered', () => {
    const on = ['service'];
    const ignoring = ['code'];
    expect(signature(series, true, on)).toBe('service\xffapi\xfe');
    expect(signature(series, false, ignoring)).toBe('job\xffapi\xfeservice\xffapi\xfe');
    expect(signature(series, true, on)).toBe('service\xffapi\xfe');
    // Same names, other direction: on (job) vs ignoring (job).
    const job = ['job'];
    expect(signature(series, true, job)).toBe('job\xffapi\xfe');
    expect(signature(series, false, job)).toBe('code\xff500\xfeservice\xffapi\xfe');
    // An equal array that is another object (a query parsed again) gives the same signature.
    expect(signature(series, true, ['service'])).toBe('service\xffapi\xfe');
  });
});

describe('memos downstream: the same series under other groupings and matchings', () => {
  const at = (labels: Record<string, string>, value: number) => ({
    labels,
    timestamps: new Float64Array([0]),
    values: new Float64Array([value]),
  });
  const source = sourceOf([
    at({ __name__: 'req', job: 'api', zone: 'a', code: '500' }, 1),
    at({ __name__: 'req', job: 'api', zone: 'b', code: '200' }, 2),
    at({ __name__: 'req', job: 'db', zone: 'a', code: '200' }, 4),
    at({ __name__: 'cap', job: 'api', zone: 'a' }, 10),
    at({ __name__: 'cap', job: 'db', zone: 'a' }, 20),
  ]);
  const answer = (expr: string) => {
    const r = evaluateInstant(source, expr, 0);
    if (!r.ok || r.value.type !== 'vector') throw new Error(JSON.stringify(r));
    return r.value.samples.map((s) => `${labelsKey(s.labels)}=${s.value}`).sort();
  };

  it('answer each query as if asked first', () => {
    const queries = [
      'sum by (job) (req)',
      'sum by (zone) (req)',
      'sum without (code) (req)',
      'sum by (job) (req) / on (job) sum by (job) (cap)',
      'sum by (job, zone) (req) / ignoring (zone) group_left sum by (job) (cap)',
      'req / ignoring (code) cap',
    ];
    const first = queries.map(answer);
    // Asked again in another order, after the memos hold the other queries' answers.
    for (const i of [5, 3, 1, 4, 0, 2, 1, 5]) expect(answer(queries[i]!)).toEqual(first[i]);
    expect(first[0]).toEqual(['job\xffapi\xfe=3', 'job\xffdb\xfe=4']);
    expect(first[1]).toEqual(['zone\xffa\xfe=5', 'zone\xffb\xfe=2']);
    expect(first[3]).toEqual(['job\xffapi\xfe=0.3', 'job\xffdb\xfe=0.2']);
  });

  it('give one expression the same label set objects at every evaluation (no new sets to key)', () => {
    // Both sides group the same series through two arrays; one label set meets two operations.
    for (const expr of [
      'sum by (job) (req{code="500"}) / sum by (job) (req) > 0',
      'sum(req) / (sum(req) + sum(cap))',
      'sum by (job) (req) / on (job) sum by (job) (cap) * 2',
    ]) {
      const parsed = parsePromQL(expr);
      if (!parsed.ok) throw new Error(parsed.error);
      const labelsAt = () => {
        const r = evaluateParsedInstant(source, parsed.expr, 0);
        if (!r.ok || r.value.type !== 'vector') throw new Error(JSON.stringify(r));
        return r.value.samples.map((s) => s.labels);
      };
      const once = labelsAt();
      expect(once.length, expr).toBeGreaterThan(0);
      const twice = labelsAt();
      once.forEach((labels, i) => expect(twice[i], expr).toBe(labels));
    }
  });
});
