/**
 * A query pinned from Explore, drawn on the dashboard as a panel: re-evaluated over the
 * dashboard's time range when the run moves on (at the throttled chart rate), with an unpin
 * button. The pinned panels follow the built-in ones, as Grafana appends a new panel.
 */
import { memo, useMemo, useRef } from 'react';
import { useExploreStore, type PinnedQuery } from '../../../stores/explore-store';
import { useIncidentStore } from '../../../stores/incident-store';
import { useChartVersion } from '../dashboard/useChartVersion';
import { QueryResultGraph, usePromView } from './ExploreTab';
import { runQuery } from './run-query';

function PinnedPanelImpl({ pin, range }: { pin: PinnedQuery; range: number }) {
  const figure = useRef<HTMLElement>(null);
  const version = useChartVersion(figure, 1000);
  const view = usePromView();
  const scenarioId = useIncidentStore((s) => s.scenario?.id);
  const outcome = useMemo(() => {
    const source = view();
    const now = Math.max(useIncidentStore.getState().time, 60);
    const from = Number.isFinite(range) ? Math.max(0, now - range) : 0;
    return source ? runQuery(source, pin.expr, from, now) : undefined;
    // `version` is the change signal for the mutable buffer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view, pin.expr, range, version]);
  return (
    <figure className="panel chart-panel pinned-panel" aria-label={pin.title} ref={figure}>
      <figcaption className="panel-title">
        <span title={pin.expr}>{pin.title}</span>
        <button
          type="button"
          className="link-button small"
          aria-label={`Unpin ${pin.title}`}
          onClick={() => scenarioId && useExploreStore.getState().unpin(scenarioId, pin.expr)}
        >
          Unpin
        </button>
      </figcaption>
      {outcome ? <QueryResultGraph outcome={outcome} height={150} /> : null}
    </figure>
  );
}

export const PinnedPanel = memo(PinnedPanelImpl);
