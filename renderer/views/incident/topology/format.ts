/**
 * Compact numbers for node cards and edge labels, where a column is ~7 characters wide:
 * "306/s", "1.2K/s", "28%", "4.5%", "599 ms", "1.2 s", "15K", "240 MB". Pure, tested.
 */
import { metricDef } from '../../../../simulator/engine/metric-names';

const compact0 = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 0 });
const compact1 = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

function count(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1000) return abs >= 100_000 ? compact0.format(v) : compact1.format(v);
  if (abs >= 10 || Number.isInteger(v)) return String(Math.round(v));
  return v.toFixed(1);
}

export function cardValue(metric: string, v: number): string {
  if (!Number.isFinite(v)) return '–';
  switch (metricDef(metric)?.unit) {
    case 'ratio': {
      const pct = v * 100;
      if (pct === 0) return '0%';
      if (pct < 0.1) return '<0.1%';
      return pct < 10 ? `${pct.toFixed(1)}%` : `${Math.round(pct)}%`;
    }
    case 'seconds':
      if (v === 0) return '0 s';
      if (v < 0.001) return '<1 ms';
      if (v < 1) return `${Math.round(v * 1000)} ms`;
      if (v < 60) return `${v.toFixed(1)} s`;
      if (v < 120) return `${Math.round(v)} s`; // 90 s, not "2 min"
      if (v < 600) return `${(v / 60).toFixed(1)} min`;
      return v < 3600 ? `${Math.round(v / 60)} min` : `${(v / 3600).toFixed(1)} h`;
    case 'rps':
    case 'qps':
      return `${count(v)}/s`;
    case 'mb':
      return v >= 1024 ? `${(v / 1024).toFixed(1)} GB` : `${Math.round(v)} MB`;
    default:
      return count(v);
  }
}
