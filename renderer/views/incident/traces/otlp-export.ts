/**
 * The run's traces as an OTLP/JSON download (loads in Jaeger or Grafana Tempo), from the Traces tab
 * or the debrief. The console keeps the newest MAX_TRACES sampled traces, which at one per 5 ticks
 * is every trace of an 83-minute run (the built-ins last 30 to 45 minutes); the message says
 * whether the file is the whole run or only its end.
 */
import type { Trace } from '../../../../simulator/engine/api';
import { toOtlpTraces } from '../../../../simulator/otel/otlp';
import { CLOCK_ORIGIN_MS } from '../../../../simulator/shell/format';
import { hostApi } from '../../../platform/web-api';
import { tplus } from '../../debrief/run-format';

export const otlpFileName = (scenarioId: string | undefined) => `${scenarioId ?? 'run'}-traces.otlp.json`;

/** What the saved file holds, in words. */
export function exportedWhat(traces: readonly Trace[], dropped: number): string {
  const n = traces.length;
  if (dropped === 0) return `${n} trace${n === 1 ? '' : 's'} (the whole run)`;
  const from = traces[0] ? ` from ${tplus(traces[0].t)}` : '';
  return `the last ${n} traces${from} (${dropped} earlier ones were not kept)`;
}

/** Saves the traces; resolves to the message to show. */
export async function saveTracesOtlp(
  traces: readonly Trace[],
  dropped: number,
  scenarioId: string | undefined,
): Promise<string> {
  const name = otlpFileName(scenarioId);
  try {
    const request = toOtlpTraces(traces, { startMs: CLOCK_ORIGIN_MS, namespace: scenarioId });
    const saved = await hostApi().saveFile(name, `${JSON.stringify(request)}\n`);
    return saved
      ? `${capitalize(exportedWhat(traces, dropped))} saved as ${name} (OTLP/JSON).`
      : 'Export cancelled.';
  } catch (error) {
    return `Could not export the traces: ${(error as Error).message}`;
  }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
