import { describe, expect, it } from 'vitest';
import { loadBuiltin } from '../test-support/builtin-run';
import { createSimulation } from './index';

describe('consumer spans', () => {
  it("a message enqueued by a request is processed later in the same trace, after the queue's wait", () => {
    const scenario = loadBuiltin('redis-queue-fills.json');
    const sim = createSimulation(scenario, {});
    sim.runUntil(400);
    const oldest = sim.metrics.find('queue_oldest_seconds', 'notify-jobs');
    const traces = sim.traces().filter((t) => t.spans.some((s) => s.kind === 'consumer'));
    expect(traces.length).toBeGreaterThan(0);
    const late = traces.at(-1)!;
    const consumer = late.spans.find((s) => s.kind === 'consumer')!;
    const producer = late.spans.find((s) => s.spanId === consumer.parentSpanId)!;
    expect(producer).toMatchObject({ kind: 'producer', service: 'checkout' });
    expect(consumer).toMatchObject({ service: 'notify-workers', operation: 'process notify-jobs' });
    expect(consumer.attributes['messaging.operation']).toBe('process');
    // Picked up after waiting about as long as the oldest message then (the queue is backed up).
    const wait = consumer.start - (producer.start + producer.duration);
    expect(oldest).toBeGreaterThanOrEqual(0);
    const age = sim.metrics.at(oldest, Math.round(late.t / sim.tickSeconds));
    expect(wait).toBeGreaterThan(60);
    expect(Math.abs(wait - age)).toBeLessThan(2);
    // The worker's own call (the SMS provider) sits under its processing span.
    const calls = late.spans.filter((s) => s.parentSpanId === consumer.spanId);
    expect(calls.map((s) => s.service)).toEqual(['notify-workers']);
    expect(calls[0]!.start).toBeGreaterThanOrEqual(consumer.start);
  });
});
