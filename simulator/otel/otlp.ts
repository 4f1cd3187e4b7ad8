/**
 * A run's sampled traces as OTLP/JSON: an ExportTraceServiceRequest (opentelemetry-proto,
 * collector/trace/v1) that Jaeger and Grafana Tempo load. Written by hand because no
 * @opentelemetry package is installed; the official @opentelemetry/otlp-transformer should
 * replace it when dependencies can be added. The OTLP/JSON rules (protocol specification,
 * "JSON Protobuf Encoding"): lowerCamelCase field names, trace and span ids as hex (not base64),
 * enums as their integer values, 64-bit integers (times in unix nanoseconds, intValue) as decimal
 * strings. otlp-traces.schema.json checks the shape.
 */
import type { SpanAttribute, SpanKind, Trace } from '../engine/api';

/** SpanKind in trace/v1/trace.proto. */
export const OTLP_SPAN_KIND: Readonly<Record<SpanKind, number>> = {
  internal: 1,
  server: 2,
  client: 3,
  producer: 4,
  consumer: 5,
};
/** Status.StatusCode in trace/v1/trace.proto. */
export const STATUS_CODE_UNSET = 0;
export const STATUS_CODE_ERROR = 2;

export type OtlpAnyValue =
  { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };
export interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpKeyValue[];
  status: { code: number; message?: string };
}
export interface ExportTraceServiceRequest {
  resourceSpans: {
    resource: { attributes: OtlpKeyValue[] };
    scopeSpans: { scope: { name: string; version: string }; spans: OtlpSpan[] }[];
  }[];
}

export interface OtlpOptions {
  /** Wall-clock time of simulated second 0, in ms since the epoch. */
  readonly startMs: number;
  /** The scenario's id, as service.namespace (services of two scenarios do not mix in one backend). */
  readonly namespace?: string;
  /** The instrumentation scope's version (the app's). */
  readonly version?: string;
}

/** An attribute value with its OTLP type: whole numbers as intValue strings. */
export function anyValue(v: SpanAttribute): OtlpAnyValue {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: Number.isFinite(v) ? v : 0 };
}

const keyValues = (attrs: Readonly<Record<string, SpanAttribute>>): OtlpKeyValue[] =>
  Object.entries(attrs).map(([key, v]) => ({ key, value: anyValue(v) }));

/** Unix nanoseconds as a decimal string, exact (a double cannot hold 19 digits). */
export function unixNano(startMs: number, seconds: number): string {
  const ns = BigInt(Math.round(startMs)) * 1_000_000n + BigInt(Math.round(seconds * 1e9));
  return (ns < 0n ? 0n : ns).toString();
}

/** The traces as one ExportTraceServiceRequest: one resource per service.name, in first-seen order. */
export function toOtlpTraces(traces: readonly Trace[], options: OtlpOptions): ExportTraceServiceRequest {
  const byService = new Map<string, OtlpSpan[]>();
  for (const trace of traces) {
    for (const s of trace.spans) {
      const start = trace.t + s.start;
      const span: OtlpSpan = {
        traceId: trace.traceId,
        spanId: s.spanId,
        ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
        name: s.operation,
        kind: OTLP_SPAN_KIND[s.kind],
        startTimeUnixNano: unixNano(options.startMs, start),
        endTimeUnixNano: unixNano(options.startMs, start + Math.max(0, s.duration)),
        attributes: keyValues({ ...s.attributes, 'outage_lab.request_id': trace.requestId }),
        status: s.error
          ? { code: STATUS_CODE_ERROR, ...(s.statusMessage ? { message: s.statusMessage } : {}) }
          : { code: STATUS_CODE_UNSET },
      };
      let list = byService.get(s.service);
      if (!list) byService.set(s.service, (list = []));
      list.push(span);
    }
  }
  const version = options.version ?? '0.0.0';
  return {
    resourceSpans: [...byService].map(([service, spans]) => ({
      resource: {
        attributes: keyValues({
          'service.name': service,
          ...(options.namespace ? { 'service.namespace': options.namespace } : {}),
        }),
      },
      scopeSpans: [{ scope: { name: 'outage-lab', version }, spans }],
    })),
  };
}
