/**
 * The log-volume histogram above the Logs list: matching lines per level over the run, stacked
 * (errors at the bottom). Clicking a bar limits the list to that bucket's time range; the chosen
 * range is shaded.
 */
import { memo, useMemo } from 'react';
import type { LogLine } from '../../../../simulator/engine/api';
import { clock } from '../../../lib/format';
import { HISTOGRAM_LEVELS, logHistogram } from './histogram';

const HEIGHT = 56;

interface Props {
  readonly lines: readonly LogLine[];
  readonly match: (line: LogLine) => boolean;
  readonly end: number;
  readonly from?: number;
  readonly to?: number;
  readonly thinnedBefore: number;
  readonly onPick: (from: number, to: number) => void;
}

export const LogVolume = memo(function LogVolume({
  lines,
  match,
  end,
  from,
  to,
  thinnedBefore,
  onPick,
}: Props) {
  const h = useMemo(() => logHistogram(lines, match, end), [lines, match, end]);
  const n = h.counts[0]?.length ?? 0;
  const w = n > 0 ? 100 / n : 0;
  // One path per level (stacked, errors at the bottom): 4 elements to update, not 4 per bar.
  const paths = useMemo(() => {
    const base = new Array<number>(n).fill(HEIGHT);
    return HISTOGRAM_LEVELS.map((_, i) => {
      let d = '';
      for (let b = 0; b < n; b++) {
        const v = h.counts[i]![b]!;
        if (v === 0 || h.max === 0) continue;
        const bh = (v / h.max) * (HEIGHT - 2);
        base[b]! -= bh;
        d += `M${(b * w + w * 0.1).toFixed(3)} ${base[b]!.toFixed(2)}h${(w * 0.8).toFixed(3)}v${bh.toFixed(2)}h${(-w * 0.8).toFixed(3)}Z`;
      }
      return d;
    });
  }, [h, n, w]);
  if (n === 0 || h.max === 0) return null;
  return (
    <div className="logs-volume" data-testid="log-volume">
      <svg
        viewBox={`0 0 100 ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Log volume by level, ${h.width} s per bar`}
      >
        {from !== undefined || to !== undefined ? (
          <rect
            className="logs-volume-range"
            x={((from ?? 0) / (n * h.width)) * 100}
            width={(((to ?? n * h.width) - (from ?? 0)) / (n * h.width)) * 100}
            y={0}
            height={HEIGHT}
          />
        ) : null}
        {HISTOGRAM_LEVELS.map((level, i) => (
          <path key={level} className={`vol-${level}`} d={paths[i]} />
        ))}
        {/* One transparent target per bucket: a click picks its time range. */}
        {Array.from({ length: n }, (_, b) => (
          <rect
            key={b}
            className="logs-volume-bar"
            x={b * w}
            width={w}
            y={0}
            height={HEIGHT}
            data-bucket={b}
            onClick={() => onPick(b * h.width, (b + 1) * h.width)}
          >
            <title>{`${clock(b * h.width)}–${clock((b + 1) * h.width)}: ${HISTOGRAM_LEVELS.map((l, k) => `${h.counts[k]![b]} ${l}`).join(', ')}`}</title>
          </rect>
        ))}
      </svg>
      <div className="logs-volume-axis muted small">
        <span>00:00</span>
        <span>
          {h.width < 60 ? `${h.width}s` : `${h.width / 60}m`} per bar · click a bar for its lines
          {thinnedBefore > 0 ? ` · info lines before ${clock(thinnedBefore)} are a sample` : ''}
        </span>
        <span>{clock(n * h.width)}</span>
      </div>
    </div>
  );
});
