/**
 * A run's sampled traces as OTLP/JSON: an ExportTraceServiceRequest (opentelemetry-proto,
 * collector/trace/v1) that Jaeger and Grafana Tempo load. The encoding is OpenTelemetry's own
 * (@opentelemetry/otlp-transformer's JsonTraceSerializer, what the SDK's OTLP/HTTP JSON exporter
 * sends); this module only turns the engine's spans into the SDK's ReadableSpan. OTLP/JSON rules
 * (protocol specification, "JSON Protobuf Encoding"): lowerCamelCase field names, trace and span
 * ids as hex, enums as integers, times in unix nanoseconds as decimal strings.
 * otlp-traces.schema.json checks the shape.
 */
import { SpanKind as OtelKind, SpanStatusCode, TraceFlags, type HrTime } from '@opentelemetry/api';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { SpanAttribute, SpanKind, Trace } from '../engine/api';

// The WHATWG decoder Node and browsers both have (the engine's tsconfig leaves out DOM's lib).
declare const TextDecoder: new () => { decode(bytes: Uint8Array): string };

const OTEL_KIND: Readonly<Record<SpanKind, OtelKind>> = {
  internal: OtelKind.INTERNAL,
  server: OtelKind.SERVER,
  client: OtelKind.CLIENT,
  producer: OtelKind.PRODUCER,
  consumer: OtelKind.CONSUMER,
};

export type OtlpAnyValue =
  { stringValue: string } | { intValue: string | number } | { doubleValue: number } | { boolValue: boolean };
export interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}
/** The fields of an OTLP span this app reads back (tests, the trace view); the encoder writes more. */
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
    scopeSpans: { scope: { name: string; version?: string }; spans: OtlpSpan[] }[];
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

/** Unix nanoseconds of simulated second `seconds`, exact (a double cannot hold 19 digits). */
function nanos(startMs: number, seconds: number): bigint {
  const ns = BigInt(Math.round(startMs)) * 1_000_000n + BigInt(Math.round(seconds * 1e9));
  return ns < 0n ? 0n : ns;
}

/** Unix nanoseconds as a decimal string. */
export function unixNano(startMs: number, seconds: number): string {
  return nanos(startMs, seconds).toString();
}

/** OpenTelemetry's HrTime [seconds, nanoseconds] of simulated second `seconds`. */
export function hrTime(startMs: number, seconds: number): HrTime {
  const ns = nanos(startMs, seconds);
  return [Number(ns / 1_000_000_000n), Number(ns % 1_000_000_000n)];
}

/** A non-finite number (a NaN from a degenerate tick) would not serialize: 0 instead. */
const finite = (v: SpanAttribute): SpanAttribute => (typeof v === 'number' && !Number.isFinite(v) ? 0 : v);

/** The engine's traces as the SDK's ReadableSpans: one Resource per service.name. */
export function readableSpans(traces: readonly Trace[], options: OtlpOptions): ReadableSpan[] {
  const resources = new Map<string, Resource>();
  const resourceOf = (service: string) => {
    let r = resources.get(service);
    if (!r) {
      r = resourceFromAttributes({
        'service.name': service,
        ...(options.namespace ? { 'service.namespace': options.namespace } : {}),
      });
      resources.set(service, r);
    }
    return r;
  };
  const scope = { name: 'outage-lab', version: options.version ?? '0.0.0' };
  const out: ReadableSpan[] = [];
  for (const trace of traces) {
    for (const s of trace.spans) {
      const start = trace.t + s.start;
      const duration = Math.max(0, s.duration);
      const context = { traceId: trace.traceId, spanId: s.spanId, traceFlags: TraceFlags.SAMPLED };
      const attributes: Record<string, SpanAttribute> = { 'outage_lab.request_id': trace.requestId };
      for (const [k, v] of Object.entries(s.attributes)) attributes[k] = finite(v);
      out.push({
        name: s.operation,
        kind: OTEL_KIND[s.kind],
        spanContext: () => context,
        ...(s.parentSpanId
          ? {
              parentSpanContext: {
                traceId: trace.traceId,
                spanId: s.parentSpanId,
                traceFlags: TraceFlags.SAMPLED,
              },
            }
          : {}),
        startTime: hrTime(options.startMs, start),
        endTime: hrTime(options.startMs, start + duration),
        duration: hrTime(0, duration),
        status: s.error
          ? { code: SpanStatusCode.ERROR, ...(s.statusMessage ? { message: s.statusMessage } : {}) }
          : { code: SpanStatusCode.UNSET },
        attributes,
        links: [],
        events: [],
        ended: true,
        resource: resourceOf(s.service),
        instrumentationScope: scope,
        droppedAttributesCount: 0,
        droppedEventsCount: 0,
        droppedLinksCount: 0,
      });
    }
  }
  return out;
}

/** The traces as one ExportTraceServiceRequest, encoded by OpenTelemetry's JSON serializer. */
export function toOtlpTraces(traces: readonly Trace[], options: OtlpOptions): ExportTraceServiceRequest {
  const bytes = JsonTraceSerializer.serializeRequest(readableSpans(traces, options));
  if (!bytes) throw new Error('the OTLP serializer returned nothing');
  return JSON.parse(new TextDecoder().decode(bytes)) as ExportTraceServiceRequest;
}
