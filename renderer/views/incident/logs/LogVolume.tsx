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
  if (n === 0 || h.max === 0) return null;
  const w = 100 / n;
  return (
    <div className="logs-volume" data-testid="log-volume">
      <svg
        viewBox={`0 0 100 ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Log volume by level, ${clock(h.width)} per bar`}
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
        {Array.from({ length: n }, (_, b) => {
          let y = HEIGHT;
          return (
            <g key={b} className="logs-volume-bar" onClick={() => onPick(b * h.width, (b + 1) * h.width)}>
              <title>
                {`${clock(b * h.width)}–${clock((b + 1) * h.width)}: ${HISTOGRAM_LEVELS.map((l, i) => `${h.counts[i]![b]} ${l}`).join(', ')}`}
              </title>
              <rect x={b * w} width={w} y={0} height={HEIGHT} fill="transparent" />
              {HISTOGRAM_LEVELS.map((level, i) => {
                const v = h.counts[i]![b]!;
                if (v === 0) return null;
                const bh = (v / h.max) * (HEIGHT - 2);
                y -= bh;
                return (
                  <rect
                    key={level}
                    className={`vol-${level}`}
                    x={b * w + w * 0.1}
                    width={w * 0.8}
                    y={y}
                    height={bh}
                  />
                );
              })}
            </g>
          );
        })}
      </svg>
      <div className="logs-volume-axis muted small">
        <span>00:00</span>
        <span>
          {clock(h.width)} per bar · click a bar for its lines
          {thinnedBefore > 0 ? ` · info lines before ${clock(thinnedBefore)} are a sample` : ''}
        </span>
        <span>{clock(n * h.width)}</span>
      </div>
    </div>
  );
});
