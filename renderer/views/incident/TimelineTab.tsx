/**
 * What happened so far that the trainee can see: their actions (as the real commands, with the
 * engine's answer) and events.
 */
import { useMemo } from 'react';
import { clock } from '../../lib/format';
import { useIncidentStore } from '../../stores/incident-store';
import { commandLine } from '../../../simulator/commands';
import { ACTION_CATALOG } from '../../../simulator/engine/actions';
import type { ActionCommand } from '../../../simulator/engine/api';
import { phrase } from './actions/phrase';

export function TimelineTab() {
  const events = useIncidentStore((s) => s.events);
  const actionLog = useIncidentStore((s) => s.actionLog);
  const time = useIncidentStore((s) => s.time);
  const scenario = useIncidentStore((s) => s.scenario);
  const visible = useMemo(
    () =>
      events
        .filter((e) => !e.hidden)
        .slice()
        .reverse(),
    [events],
  );
  return (
    <div className="timeline-tab pad">
      <section>
        <h2>Your actions</h2>
        {actionLog.length === 0 ? (
          <p className="muted">
            None yet. Press Ctrl+K and type a command (kubectl, redis-cli, psql, aws rds, consul kv).
          </p>
        ) : null}
        <ul className="action-log">
          {actionLog
            .slice()
            .reverse()
            .map((entry, i) => {
              const c = entry.command;
              const pendingFor = entry.result.effectiveAt !== undefined ? entry.result.effectiveAt - time : 0;
              return (
                <li key={i} className={entry.result.ok ? '' : 'fail'}>
                  <span className="muted small">{clock(entry.t)}</span>{' '}
                  {/* The real command; an injected fault or a relative scale (from a script) has none. */}
                  <code>
                    {scenario && c.type in ACTION_CATALOG && c.params?.by === undefined
                      ? commandLine(c as ActionCommand, scenario)
                      : phrase(c.type, c.target, c.params)}
                  </code>{' '}
                  <span className={entry.result.ok ? 'muted' : 'crit-text'}>{entry.result.message}</span>
                  {entry.result.ok && pendingFor > 0 ? (
                    <span className="badge pending">takes effect in {clock(pendingFor)}</span>
                  ) : null}
                </li>
              );
            })}
        </ul>
      </section>
      <section>
        <h2>Events</h2>
        <ul className="event-log">
          {visible.map((e, i) => (
            <li key={i}>
              <span className="muted small">{clock(e.t)}</span>{' '}
              <span className={`event-kind kind-${e.kind}`}>{e.kind}</span> {e.text}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
