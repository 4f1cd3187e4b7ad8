/** Number and time formatting for the console (Intl under the hood, one place for units). */
import type { MetricDef } from '../../simulator/engine/metric-names';
import type { PanelUnit } from '../../simulator/scenario/panels';
import type { Score } from '../../simulator/scoring/types';

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
const fixed1 = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/** Simulated seconds as a clock from the start: 75 -> "01:15", 3725 -> "1:02:05". */
export function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export function seconds(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value < 1) return `${fixed1.format(value * 1000)} ms`;
  if (value < 120) return `${fixed1.format(value)} s`;
  return `${fixed1.format(value / 60)} min`;
}

/** A unit values are shown in: an engine metric's, or a PromQL panel's (base units, bytes). */
export type DisplayUnit = MetricDef['unit'] | PanelUnit;

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
/** Bytes in IEC units, as Grafana's "bytes" unit shows them: 1536 -> "1.5 KiB". */
export function bytes(value: number): string {
  if (!Number.isFinite(value)) return '–';
  let v = Math.abs(value);
  let i = 0;
  while (v >= 1024 && i < BYTE_UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return `${value < 0 ? '-' : ''}${fixed1.format(v)} ${BYTE_UNITS[i]}`;
}

/** Formats a metric value in its catalog unit. */
export function metricValue(value: number, unit: DisplayUnit | undefined): string {
  if (!Number.isFinite(value)) return '–';
  switch (unit) {
    case 'ratio':
      return percent.format(value);
    case 'seconds':
      return seconds(value);
    case 'rps':
      return `${compact.format(value)}/s`;
    case 'qps':
      return `${compact.format(value)} q/s`;
    case 'mb':
      return value >= 1024 ? `${fixed1.format(value / 1024)} GB` : `${fixed1.format(value)} MB`;
    case 'bytes':
      return bytes(value);
    default:
      return compact.format(value);
  }
}

/** Short axis tick for a unit. */
export function axisValue(value: number, unit: DisplayUnit | undefined): string {
  if (!Number.isFinite(value)) return '';
  if (unit === 'bytes') return bytes(value).replace(' ', '');
  if (unit === 'ratio') return `${Math.round(value * 100)}%`;
  if (unit === 'seconds') {
    if (value < 1) return `${Math.round(value * 1000)}ms`;
    if (value < 120) return `${fixed1.format(value)}s`;
    if (value < 7200) return `${fixed1.format(value / 60)}m`;
    return `${fixed1.format(value / 3600)}h`;
  }
  return compact.format(value);
}

/** CSS classes of the grade ring (styles/theme.css): "grade grade-b". */
export function gradeClass(grade: Score['grade']): string {
  return `grade grade-${grade.toLowerCase()}`;
}
