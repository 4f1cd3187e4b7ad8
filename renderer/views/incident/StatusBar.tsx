/** Bottom status bar: simulated time, speed, SLO state, open pages, failing saves. */
import { clock, metricValue } from '../../lib/format';
import { metricDef } from '../../../simulator/engine/metric-names';
import { useIncidentStore } from '../../stores/incident-store';
import { SaveStateIndicator } from '../saves/UnsavedRuns';

export function StatusBar() {
  const time = useIncidentStore((s) => s.time);
  const speed = useIncidentStore((s) => s.speed);
  const paused = useIncidentStore((s) => s.paused);
  const slos = useIncidentStore((s) => s.slos);
  const okSince = useIncidentStore((s) => s.okSince);
  const everBroken = useIncidentStore((s) => s.sloEverBroken);
  const objectives = useIncidentStore((s) => s.scenario?.objectives);
  const runId = useIncidentStore((s) => s.record?.id);
  const openPages = useIncidentStore((s) => s.pages.filter((p) => p.acknowledgedAt === undefined).length);

  const allOk = slos.length > 0 && slos.every((s) => s.ok);
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span>T+{clock(time)}</span>
      <span>{paused ? 'paused' : `${speed}x`}</span>
      <span className={allOk ? 'ok-text' : 'crit-text'}>
        SLO {allOk ? 'OK' : 'BREACHED'}
        {/* The hold counts toward mitigation only once something broke. */}
        {allOk && everBroken && okSince !== null && objectives
          ? ` · holding ${clock(time - okSince)} of ${clock(objectives.holdFor)}`
          : ''}
      </span>
      {objectives?.slos.map((slo, i) => {
        const state = slos[i];
        return (
          <span key={`${slo.node}-${slo.metric}`} className={state?.ok ? 'muted' : 'crit-text'}>
            {slo.node} {slo.metric} {metricValue(state?.value ?? Number.NaN, metricDef(slo.metric)?.unit)} /{' '}
            {metricValue(slo.max, metricDef(slo.metric)?.unit)}
          </span>
        );
      })}
      <span className={openPages ? 'crit-text' : 'muted'}>
        {openPages} open page{openPages === 1 ? '' : 's'}
      </span>
      <SaveStateIndicator runId={runId} />
    </footer>
  );
}
