/**
 * Trace list order and waterfall geometry for the traces view. Pure, tested without a DOM.
 */
import type { Span, Trace } from '../../../../simulator/engine/api';

/** Failed traces first, then the slowest, then the newest. Returns a new array. */
export function sortTraces(traces: readonly Trace[]): Trace[] {
  return [...traces].sort(
    (a, b) => Number(b.error) - Number(a.error) || b.duration - a.duration || b.t - a.t,
  );
}

export interface WaterfallRow {
  readonly span: Span;
  /** Start within the trace, as a fraction (0-1) of the trace's total duration. */
  readonly offset: number;
  /** Width as a fraction of the total (at least a sliver, so instant spans stay visible). */
  readonly width: number;
}

const MIN_WIDTH = 0.004;

/**
 * One row per span in the engine's order (parents before children, depth gives the indent). The
 * total is the trace's duration, widened to cover any span that ends after it.
 */
export function waterfall(trace: Trace): { rows: WaterfallRow[]; total: number } {
  let total = Number.isFinite(trace.duration) && trace.duration > 0 ? trace.duration : 0;
  for (const s of trace.spans) total = Math.max(total, s.start + s.duration);
  const rows = trace.spans.map((span) => {
    if (total <= 0) return { span, offset: 0, width: 1 };
    const offset = clamp01(span.start / total);
    const width = Math.max(MIN_WIDTH, Math.min(1 - offset, span.duration / total));
    return { span, offset, width };
  });
  return { rows, total };
}

function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
}

/** Round tick positions (seconds) for the waterfall's time axis: 0 and 3-5 steps up to the total. */
export function axisTicks(total: number): number[] {
  if (!(total > 0) || !Number.isFinite(total)) return [0];
  const raw = total / 4;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = 0; v <= total + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Milliseconds with sensible precision: 0.42 ms, 12.3 ms, 1,250 ms. */
export function formatMs(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  const ms = seconds * 1000;
  if (ms === 0) return '0 ms';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms).toLocaleString('en')} ms`;
}
