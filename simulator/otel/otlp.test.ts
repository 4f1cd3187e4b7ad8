import { describe, expect, it } from 'vitest';
import type { Trace } from '../engine/api';
import { hrTime, toOtlpTraces, unixNano } from './otlp';

const trace: Trace = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  requestId: 'req-10-t',
  t: 10,
  root: 'users',
  duration: 0.25,
  error: true,
  spans: [
    {
      node: 'users',
      operation: 'GET',
      start: 0,
      duration: 0.25,
      error: true,
      depth: 0,
      spanId: 'b7ad6b7169203331',
      service: 'users',
      kind: 'client',
      statusMessage: '503 Service Unavailable',
      attributes: { 'http.response.status_code': 503 },
    },
    {
      node: 'db',
      operation: 'SELECT db',
      start: 0.1,
      duration: 0.05,
      error: false,
      depth: 1,
      spanId: '00f067aa0ba902b7',
      parentSpanId: 'b7ad6b7169203331',
      service: 'api',
      kind: 'client',
      attributes: { 'db.system': 'postgresql', ratio: 0.5, sampled: true },
    },
  ],
};

describe('OTLP/JSON traces', () => {
  it('writes unix nanoseconds exactly, as decimal strings', () => {
    expect(unixNano(Date.UTC(2026, 5, 1, 9), 10.123456789)).toBe('1780304410123456789');
    expect(unixNano(0, 0)).toBe('0');
  });

  it("gives OpenTelemetry's HrTime exactly: whole seconds and nanoseconds", () => {
    expect(hrTime(Date.UTC(2026, 5, 1, 9), 10.123456789)).toEqual([1780304410, 123456789]);
    expect(hrTime(1500, 0.25)).toEqual([1, 750_000_000]);
  });

  it('types attribute values as OTLP does: whole numbers as intValue, others by their type', () => {
    const req = toOtlpTraces([trace], { startMs: 0 });
    const db = req.resourceSpans[1]!.scopeSpans[0]!.spans[0]!;
    const attr = (span: typeof db, key: string) => span.attributes.find((a) => a.key === key)?.value;
    const root = req.resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    expect(Number((attr(root, 'http.response.status_code') as { intValue: number | string }).intValue)).toBe(
      503,
    );
    expect(attr(db, 'ratio')).toEqual({ doubleValue: 0.5 });
    expect(attr(db, 'db.system')).toEqual({ stringValue: 'postgresql' });
    expect(attr(db, 'sampled')).toEqual({ boolValue: true });
    expect(attr(db, 'outage_lab.request_id')).toEqual({ stringValue: 'req-10-t' });
  });

  it('groups spans by service.name, with integer kinds and status codes', () => {
    const req = toOtlpTraces([trace], { startMs: 0, namespace: 'demo', version: '1.2.3' });
    expect(req.resourceSpans.map((r) => r.resource.attributes[0])).toEqual([
      { key: 'service.name', value: { stringValue: 'users' } },
      { key: 'service.name', value: { stringValue: 'api' } },
    ]);
    const [root] = req.resourceSpans[0]!.scopeSpans[0]!.spans;
    expect(root).toMatchObject({
      traceId: trace.traceId,
      spanId: 'b7ad6b7169203331',
      kind: 3,
      startTimeUnixNano: '10000000000',
      endTimeUnixNano: '10250000000',
      status: { code: 2, message: '503 Service Unavailable' },
    });
    expect(root).not.toHaveProperty('parentSpanId');
    const db = req.resourceSpans[1]!.scopeSpans[0]!.spans[0]!;
    expect(db.parentSpanId).toBe('b7ad6b7169203331');
    expect(db.status.code).toBe(0);
    expect(db.status.message).toBeUndefined();
    expect(req.resourceSpans[1]!.scopeSpans[0]!.scope).toEqual({ name: 'outage-lab', version: '1.2.3' });
  });
});
