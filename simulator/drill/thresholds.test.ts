import { describe, expect, it } from 'vitest';
import { compare, parseThreshold } from './thresholds';

describe('k6 thresholds', () => {
  it("parses k6's expressions", () => {
    expect(parseThreshold('http_req_failed', 'rate<0.01')).toMatchObject({
      aggregation: 'rate',
      op: '<',
      value: 0.01,
    });
    expect(parseThreshold('http_req_duration', 'p(99) < 500')).toMatchObject({
      aggregation: 'p',
      percentile: 99,
      op: '<',
      value: 500,
    });
    expect(parseThreshold('http_req_duration', 'p(99.9)<=1e3')).toMatchObject({
      percentile: 99.9,
      op: '<=',
      value: 1000,
    });
    expect(parseThreshold('http_reqs', 'count>=100')).toMatchObject({ aggregation: 'count', op: '>=' });
    expect(parseThreshold('http_req_duration', 'med!=3')).toMatchObject({ aggregation: 'med', op: '!=' });
  });

  it('says what is wrong', () => {
    expect(parseThreshold('http_req_duration', 'p99<500')).toMatchObject({
      error: expect.stringMatching(/p\(95\)<500/),
    });
    expect(parseThreshold('http_req_failed', 'p(95)<1')).toMatchObject({
      error: "http_req_failed has no aggregation 'p(95)'; it takes rate",
    });
    expect(parseThreshold('http_req_duration', 'p(101)<1')).toMatchObject({
      error: expect.stringMatching(/0 to 100/),
    });
    expect(parseThreshold('iterations', 'rate<')).toHaveProperty('error');
  });

  it('compares with every operator', () => {
    expect([compare(1, '<', 2), compare(2, '<', 2), compare(2, '<=', 2), compare(3, '>', 2)]).toEqual([
      true,
      false,
      true,
      true,
    ]);
    expect([compare(2, '>=', 3), compare(2, '==', 2), compare(2, '!=', 2)]).toEqual([false, true, false]);
  });
});
