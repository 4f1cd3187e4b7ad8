/**
 * Traces in OpenTelemetry's model, on every built-in played with its faults and no response:
 * ids of the right size, unique, from the seed; every parent in the trace; every child inside its
 * parent's time; the kinds and semantic-convention attributes of each system; and the run's OTLP
 * export valid against the ExportTraceServiceRequest JSON Schema (simulator/otel).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { Trace } from '../simulator/engine/api';
import { createSimulation } from '../simulator/engine/index';
import { toOtlpTraces } from '../simulator/otel/otlp';
import type { Scenario } from '../simulator/scenario/schema';
import { formatErrors, parseScenarioText } from '../simulator/scenario/validate';

const dir = fileURLToPath(new URL('.', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json');
const schema = JSON.parse(
  readFileSync(fileURLToPath(new URL('../simulator/otel/otlp-traces.schema.json', import.meta.url)), 'utf8'),
) as object;

/** A JSON Schema check of the export (ajv, a devDependency for the schema tests). */
const validator = new Ajv({ allErrors: true, strict: false }).compile(schema);

function load(file: string): Scenario {
  const result = parseScenarioText(readFileSync(dir + file, 'utf8'), file);
  if (!result.ok) throw new Error(formatErrors(result.errors, file));
  return result.scenario;
}

function play(scenario: Scenario, seed?: number): readonly Trace[] {
  const sim = createSimulation(scenario, { traceCapacity: 20_000, ...(seed !== undefined ? { seed } : {}) });
  sim.runUntil(Math.min(scenario.duration, Math.min(...scenario.faults.map((f) => f.at)) + 900));
  return sim.traces();
}

describe.each(files)('%s', (file) => {
  const scenario = load(file);
  const traces = play(scenario);

  it('ids are hex of the right size, unique, and every parent is in the trace', () => {
    expect(traces.length).toBeGreaterThan(10);
    const traceIds = new Set<string>();
    for (const t of traces) {
      expect(t.traceId).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
      traceIds.add(t.traceId);
      const ids = new Set(t.spans.map((s) => s.spanId));
      expect(ids.size).toBe(t.spans.length);
      expect(t.spans[0]!.parentSpanId).toBeUndefined();
      for (const s of t.spans) {
        expect(s.spanId).toMatch(/^(?!0{16})[0-9a-f]{16}$/);
        if (s !== t.spans[0]) expect(ids.has(s.parentSpanId ?? '')).toBe(true);
      }
    }
    expect(traceIds.size).toBe(traces.length);
  });

  it("every child lies inside its parent's time; a consumer's processing starts after its enqueue", () => {
    const wrong: string[] = [];
    for (const t of traces) {
      const byId = new Map(t.spans.map((s) => [s.spanId, s]));
      for (const s of t.spans) {
        const p = s.parentSpanId ? byId.get(s.parentSpanId) : undefined;
        if (!p) continue;
        if (s.kind === 'consumer') {
          if (p.kind !== 'producer' || s.start < p.start + p.duration - 1e-9)
            wrong.push(`${t.requestId} ${s.service} ${s.operation} before ${p.service} ${p.operation} ended`);
        } else if (s.start < p.start - 1e-9 || s.start + s.duration > p.start + p.duration + 1e-9)
          wrong.push(`${t.requestId} ${s.service} ${s.operation} outside ${p.service} ${p.operation}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('kinds and attributes follow the semantic conventions; a failed span says why', () => {
    for (const t of traces)
      for (const s of t.spans) {
        const a = s.attributes;
        if (s.kind === 'server') {
          expect(a['http.route']).toBe('/');
          expect(typeof a['http.response.status_code']).toBe('number');
          expect(s.service).toBe(s.node);
        }
        if (a['db.system'] === 'postgresql') expect(s.kind).toBe('client');
        if (a['messaging.system'] !== undefined) {
          // Producers publish (LPUSH, a fire-and-forget call); a queue's consumer processes.
          expect(s.kind).toBe(a['messaging.operation'] === 'process' ? 'consumer' : 'producer');
          expect(['publish', 'process']).toContain(a['messaging.operation']);
        }
        if (s.error) expect(s.statusMessage, `${t.requestId} ${s.operation}`).toBeTruthy();
        else expect(s.statusMessage).toBeUndefined();
      }
  });

  it('the OTLP export validates against the ExportTraceServiceRequest schema', () => {
    const request = toOtlpTraces(traces, { startMs: Date.UTC(2026, 5, 1, 9), namespace: scenario.id });
    const spans = request.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    expect(spans.length).toBe(traces.reduce((n, t) => n + t.spans.length, 0));
    const ok = validator(JSON.parse(JSON.stringify(request)));
    expect(ok, JSON.stringify(validator.errors)?.slice(0, 500)).toBe(true);
  });
});

describe('trace ids come from the seed', () => {
  const scenario = load('redis-queue-fills.json');
  it('same seed, same ids; another seed, other ids', () => {
    const a = play(scenario, 7).slice(0, 20);
    const b = play(scenario, 7).slice(0, 20);
    const c = play(scenario, 8).slice(0, 20);
    expect(a.map((t) => t.traceId)).toEqual(b.map((t) => t.traceId));
    expect(a.map((t) => t.spans.map((s) => s.spanId))).toEqual(b.map((t) => t.spans.map((s) => s.spanId)));
    expect(new Set([...a, ...c].map((t) => t.traceId)).size).toBe(a.length + c.length);
  });

  it("the full Redis queue: checkout's LPUSH is a failed producer span with Redis's error", () => {
    const failed = play(scenario)
      .flatMap((t) => t.spans)
      .filter((s) => s.kind === 'producer' && s.error);
    expect(failed.length).toBeGreaterThan(0);
    for (const s of failed) {
      expect(s.service).toBe('checkout');
      expect(s.attributes['messaging.system']).toBe('redis');
      expect(s.statusMessage).toMatch(/^LPUSH notify-jobs failed: OOM command not allowed/);
    }
  });
});
